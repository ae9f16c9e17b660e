/**
 * The scheduling core's public contract: plain data in, plain data out. Instants are ISO 8601
 * strings with offset on the way in and out; calendar dates are 'YYYY-MM-DD' in the center's zone.
 * Nothing here reads the clock: "now" is always passed in.
 */

export type RoomKind = 'GANTRY' | 'FIXED_BEAM';
export type Urgency = 'EMERGENCY' | 'URGENT' | 'ROUTINE';
export type PatientCategory = 'ADULT' | 'PEDIATRIC';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Local wall-clock intervals per weekday, e.g. { mon: [['07:00', '23:00']], sat: null }. */
export type WeeklyHours = Record<Weekday, Array<[string, string]> | null>;

export interface RoomSpec {
  id: string;
  kind: RoomKind;
  active: boolean;
  /** What people call the room (G1); messages use it instead of the id. */
  name?: string;
  /** Optional per-room hours overriding the center's. */
  hours?: WeeklyHours;
}

export interface DowntimeSpec {
  id?: string;
  /** null: the whole beam line (every room). */
  roomId: string | null;
  start: string;
  end: string;
  reason?: string;
}

export interface CenterConfig {
  timeZone: string;
  rooms: RoomSpec[];
  hours: WeeklyHours;
  qaMinutes: number;
  anesthesia: { windows: WeeklyHours; teams: number };
  sharedBeam: boolean;
  /** 'KZ': Kazakhstan's public holidays are closures; false: none. */
  holidays: 'KZ' | false;
  /** Extra closed dates (administrator closures). */
  closures: string[];
  /** Decree-moved working days: open even when a weekend or holiday. */
  workingDays?: string[];
  downtimes: DowntimeSpec[];
  /**
   * Rule 9: local hours a child (under 18 on the fraction's day) may be treated in, every day.
   * Omitted: ['08:00', '18:00'].
   */
  pediatricHours?: [string, string];
}

/** A patient's preferred daily window, local 'HH:mm' (soft: ranked, reported met or not). */
export interface PreferredWindow {
  from: string;
  to: string;
}

export interface CourseRequest {
  id: string;
  /** The patient, when known: limits that are the patient's (one shift a week) count across courses. */
  patientId?: string;
  /** When the course was submitted; nothing may be booked before it. */
  arrival: string;
  patientCategory: PatientCategory;
  urgency: Urgency;
  fractions: number;
  fractionsPerWeek: number;
  fractionMinutes: number;
  beamMinutes: number;
  beamOffsetMinutes: number;
  requiresAnesthesia: boolean;
  /** Empty or undefined: any kind. */
  roomKinds?: RoomKind[];
  earliestStart: string;
  dueStart: string;
  /**
   * Rule 9: the patient's birth date; a fraction on a day the patient is under 18 lies inside the
   * center's pediatric hours. Omitted: `patientCategory` decides for every day.
   */
  birthDate?: string;
  /** Rule 10: dates the patient cannot come (hard); skipping them is no interruption. */
  unavailableDates?: string[];
  /** Soft: the patient's preferred daily window. */
  preferredWindow?: PreferredWindow;
}

/** One booked fraction as the core sees it (live appointments from the database, or plan output). */
export interface Booking {
  /** Appointment id when it exists in the database. */
  id?: string;
  courseId: string;
  fraction: number;
  roomId: string;
  start: string;
  end: string;
  /** Beam use [start + offset, + beamMinutes); needed for the shared-beam rule. */
  beamStart: string;
  beamEnd: string;
  anesthesia: boolean;
  /**
   * Appointment status when known. The checker treats MISSED as a day the course used (rule 6)
   * but not as occupying its room or the beam; CANCELLED is ignored. Omitted = BOOKED.
   */
  status?: 'BOOKED' | 'DELIVERED' | 'MISSED' | 'CANCELLED';
}

export interface AllocationOptions {
  /** Instant the allocation happens (course arrival in plans, job time in the service). */
  now: string;
  /** Default 26. */
  horizonWeeks?: number;
  /** Optional last allowed start date (YYYY-MM-DD); overrides horizonWeeks (offline plans use horizon.to). */
  lastStartDate?: string;
  /**
   * Booked courses the caller allows the allocator to move later for an EMERGENCY course (the
   * live service lists its not-yet-started ROUTINE courses). The allocator still checks each one
   * (ROUTINE, nothing before the notice boundary). A planner also considers courses it placed itself.
   */
  displaceable?: CourseRequest[];
  /**
   * Courses whose booked future fractions the allocator may shift (bounded shifts, see
   * shifts/shift-limits.ts) for an EMERGENCY or URGENT course; the planner also considers the
   * courses it placed itself.
   */
  shiftable?: CourseRequest[];
  /** Shifts already made (from the move history), counted against the one-per-patient-per-week limit. */
  shiftHistory?: ShiftRecord[];
}

export type AllocationResult =
  | { status: 'SCHEDULED'; appointments: Booking[]; lateStart: boolean; firstDate: string; displaced?: DisplacedCourse[]; shifts?: Shift[] }
  | { status: 'UNSCHEDULABLE'; reason: string };

/**
 * A booked course that had not started, moved later so that an EMERGENCY course could start on
 * time: every fraction's old and new place (`from` carries the booking id), with the reason.
 */
export interface DisplacedCourse {
  courseId: string;
  moves: Move[];
  lateStart: boolean;
  firstDate: string;
}

export interface Move {
  bookingId?: string;
  courseId: string;
  fraction: number;
  from: Booking | null;
  to: Booking | null;
  reason: string;
}

/**
 * One booked fraction's time moved on the same day to make room (bounded shifts, SPEC §3); `from`
 * carries the booking id when it has one. The history row written for it is what the patient's
 * notice (issue #22) reads.
 */
export interface Shift {
  bookingId?: string;
  courseId: string;
  fraction: number;
  from: Booking;
  to: Booking;
  reason: string;
}

/** A shift already made (move history), counted against the weekly limit. */
export interface ShiftRecord {
  /** The patient (or, without one, the course) the shifted fraction belongs to. */
  patientKey: string;
  /** Local date of the shifted fraction. */
  date: string;
  /** The shifted fraction's course (for the per-course limit). */
  courseId?: string;
}

/* ---- Added by the scheduling core (additive only) ---- */

/** A hard-rule violation found by the checker; `rule` is the number in SPEC §3. */
export interface Violation {
  rule: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
  message: string;
  courseId?: string;
  bookingIds?: string[];
  /** Rule 6: the open day left unused (YYYY-MM-DD). */
  date?: string;
}

/** Optional descriptive data a course may carry (scenario generator, quota category). */
export interface CourseTags {
  /** e.g. 'PEDIATRIC_ONCOHEMATOLOGY' for cross-border referrals. */
  category?: string;
  countryCode?: string;
  diagnosisGroup?: string;
}

/** What `resolveCourseDefaults` accepts: every field but the identity ones may be omitted. */
export type PartialCourseRequest = Partial<CourseRequest> & Pick<CourseRequest, 'id' | 'earliestStart'> & { tags?: CourseTags };

/** SPEC §8 scenario file. Omitted fields take the SPEC §2 defaults. */
export interface Scenario {
  timezone: string;
  horizon: { from: string; to: string };
  rooms: Array<{ id: string; kind: RoomKind; active?: boolean }>;
  calendar: {
    hours: Partial<WeeklyHours> | Record<string, [string, string] | Array<[string, string]> | null>;
    qaMinutes?: number;
    anesthesia?: { windows?: Record<string, [string, string] | Array<[string, string]> | null>; teams?: number };
    closures?: string[];
    workingDays?: string[];
    holidays?: 'KZ' | false;
    /** Rule 9; default ['08:00', '18:00']. */
    pediatricHours?: [string, string];
  };
  sharedBeam?: boolean;
  downtimes?: Array<{ roomId: string | null; start: string; end: string; reason?: string }>;
  courses: Array<Partial<CourseRequest> & { id: string; arrival: string; earliestStart?: string; tags?: CourseTags }>;
}

export interface PlanAppointment {
  courseId: string;
  fraction: number;
  roomId: string;
  start: string;
  end: string;
}

export interface PlanMetrics {
  courses: number;
  scheduled: number;
  lateStarts: number;
  /** Booked room minutes / open room minutes over the horizon (see metrics/README in code). */
  utilization: number;
  /** Booked beam minutes / open beam-line minutes over the horizon. */
  beamUtilization: number;
  waitDays: { p50: number; p90: number; max: number };
  timeOfDaySpreadMinutes: { p50: number; p90: number };
  /** Share of fractions after a course's first that start more than 30 min from its time of day (soft rule 2). */
  offTimeOfDayShare: number;
  onTimeByUrgency: Record<Urgency, { courses: number; onTime: number }>;
}

export interface Plan {
  appointments: PlanAppointment[];
  unscheduled: Array<{ courseId: string; reason: string }>;
  metrics: PlanMetrics;
}

/** Share of a course mix for the physical-limit calculation. */
export interface CourseMixItem {
  share: number;
  fractions: number;
  fractionMinutes: number;
  beamMinutes?: number;
  requiresAnesthesia?: boolean;
}
