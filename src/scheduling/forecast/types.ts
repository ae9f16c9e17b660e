import type { Booking, CenterConfig, DowntimeSpec, PatientCategory, RoomKind, Urgency, WeeklyHours } from '../types';

/** One course shape a category draws from; `weight` is its relative frequency. */
export interface CourseProfile {
  weight: number;
  fractions: number;
  fractionsPerWeek?: number;
  fractionMinutes?: number;
  beamMinutes?: number;
}

/** Expected arrivals of one kind of course per week (a Poisson rate) and the shapes they take. */
export interface ArrivalCategory {
  key: string;
  patientCategory: PatientCategory;
  urgency: Urgency;
  requiresAnesthesia: boolean;
  ratePerWeek: number;
  profiles: CourseProfile[];
  roomKinds?: RoomKind[];
  /** Working days from submission to earliest start, drawn uniformly from [min, max]; default by urgency. */
  prepDays?: [number, number];
  /** Arrivals only on center-local dates in [from, to) (e.g. a quota's own year). */
  window?: { from: string; to: string };
}

/** Unused partner-quota places, treated as extra demand spread over the rest of their year. */
export interface QuotaDemand {
  category: string;
  countryCode?: string;
  year: number;
  places: number;
}

/** What-if changes applied to the center and the demand before simulating. */
export interface ForecastChanges {
  /** Extra gantry rooms (a number) or explicit rooms. */
  extraRooms?: number | Array<{ id: string; kind: RoomKind }>;
  /** Replace the center's hours for the given weekdays (null closes the day). */
  hours?: Partial<WeeklyHours>;
  /** Open Saturdays with this shift, e.g. ['08:00', '16:00']. */
  saturdayShift?: [string, string];
  /** Planned downtimes added to the center's. */
  downtimes?: DowntimeSpec[];
  /** Multiplies every arrival rate (1.1 = 10 % more demand). */
  demandScale?: number;
  /** Multiplies the rates of single categories by key or by patient category ('PEDIATRIC'). */
  categoryScale?: Record<string, number>;
}

export interface ForecastInput {
  center: CenterConfig;
  /** Live BOOKED appointments; every run starts from them. */
  existing: Booking[];
  now: string;
  horizonWeeks: number;
  runs: number;
  seed: number;
  arrivals: ArrivalCategory[];
  quotaDemand?: QuotaDemand[];
  changes?: ForecastChanges;
  /** Courses per year the center aims at (default 800). */
  target?: number;
  /** The allocator's own planning horizon in weeks (default 26). */
  allocationHorizonWeeks?: number;
}

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

export interface ForecastWeek {
  index: number;
  /** ISO week label, e.g. '2026-W48'. */
  isoWeek: string;
  /** Monday of the week, center-local date. */
  start: string;
  /**
   * Nominal open room minutes (hours minus QA and closures; downtime NOT subtracted, so it shows as
   * a dip). The first week counts only its open time from `now` on.
   */
  openMinutes: number;
  utilization: Band;
  rooms: Record<string, Band>;
  /** Courses arrived but not started at the end of the week. */
  queue: Band;
  /** Days from arrival to first fraction, pooled over the courses arriving this week in all runs. */
  waitDays: Band & { courses: number };
  arrivals: Band;
  starts: Band;
}

export interface ForecastResult {
  seed: number;
  runs: number;
  horizonWeeks: number;
  from: string;
  to: string;
  weeks: ForecastWeek[];
  year: {
    target: number;
    /** Courses whose first fraction falls inside the horizon, scaled to 52 weeks. */
    coursesTreated: Band;
    /**
     * Room minutes booked inside the horizon, in courses of the arrival mix's average length (fractions
     * x room minutes), scaled to 52 weeks: the pace the rooms treat at. Unlike coursesTreated it does not
     * count the starts of courses already booked as if the horizon were a year, so it holds for short
     * horizons too (a 4-week forecast's start count overstates the year by the queue it begins with).
     */
    throughputPerYear: Band;
    /** Share of runs reaching the target. */
    probabilityReachingTarget: number;
    arrivalsPerYear: Band;
    unschedulable: Band;
    lateStarts: Band;
    waitDays: Band;
  };
  arrivalsPerWeek: Array<{ key: string; ratePerWeek: number }>;
  rooms: string[];
}

/** What one run leaves behind: small, plain arrays so it can cross a worker-thread boundary. */
export interface RunSummary {
  run: number;
  /** [week][room] booked room minutes. */
  bookedMinutes: number[][];
  queue: number[];
  arrivals: number[];
  starts: number[];
  /** Wait in days of each course by arrival week. */
  waits: number[][];
  coursesStarted: number;
  arrivalsTotal: number;
  unschedulable: number;
  lateStarts: number;
}
