import type { Booking, CenterConfig, CourseRequest, DowntimeSpec, PatientCategory, RoomKind, Urgency, WeeklyHours } from '../types';

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
  /**
   * Submissions the rate was estimated from (set by estimateArrivals). A rate counted from n
   * arrivals is uncertain by about 1/sqrt(n); each run draws its own rate within that.
   */
  observed?: number;
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
  /** Anesthesia teams working at once (the live center's `anesthesia.teams`; 2 = a second team). */
  anesthesiaTeams?: number;
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
  /**
   * The live courses the existing bookings belong to. A what-if downtime moves the bookings it hits
   * with the live rescheduling, which needs them; a hit booking whose course is missing is cancelled.
   */
  courses?: CourseRequest[];
  /** Courses not started yet (routine and urgent), which the live rescheduling may start a day later. */
  notStarted?: CourseRequest[];
  /** Courses whose first fraction was given this (center-local) year before `now`: the year-to-date actual. */
  startedThisYear?: number;
  /**
   * Relative standard deviation of the whole demand's rate from run to run: how far the future
   * rate may drift from the one estimated (0 = the rates are known exactly). Default 0.
   */
  rateDrift?: number;
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

/** The one figure to act on: courses started, against the target. */
export interface ForecastHeadline {
  /** Courses per year the center aims at. */
  target: number;
  /** Courses whose first fraction falls inside the horizon (live bookings and simulated arrivals), per run. */
  coursesStarted: Band;
  /** coursesStarted × 52 / horizonWeeks: the same count as a yearly pace. */
  coursesStartedPerYear: Band;
  /** Share of runs whose coursesStartedPerYear reaches the target. */
  probabilityReachingTarget: number;
  /** The current calendar year (center-local), when the horizon reaches its end; null otherwise. */
  currentYear: {
    year: number;
    /** Courses whose first fraction was given this year before the forecast began (actual, not simulated). */
    startedToDate: number;
    /** Courses whose first fraction falls between the forecast's start and 31 December, per run. */
    restOfYear: Band;
    /** startedToDate + restOfYear. */
    total: Band;
    /** Share of runs whose total reaches the target. */
    probabilityReachingTarget: number;
  } | null;
}

export interface ForecastResult {
  seed: number;
  runs: number;
  horizonWeeks: number;
  from: string;
  to: string;
  headline: ForecastHeadline;
  weeks: ForecastWeek[];
  /** The horizon's other figures, each a band across runs. */
  year: {
    /** Courses submitted inside the horizon, × 52 / horizonWeeks. */
    arrivalsPerYear: Band;
    /** Courses submitted inside the horizon for which the allocator found no schedule. */
    unschedulable: Band;
    /** Courses that start after their due start (late for their urgency). */
    lateStarts: Band;
    /** Days from submission to first fraction, pooled over every course submitted in the horizon in all runs. */
    waitDays: Band;
    /** Each run's median of days from submission to first fraction (courses submitted in the horizon). */
    medianWaitDays: Band;
    /** Courses submitted but not started at the end of the horizon. */
    queueAtEnd: Band;
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
  /** Courses started from `now` to the end of the current year (the grid may end earlier). */
  startedRestOfYear: number;
  arrivalsTotal: number;
  unschedulable: number;
  lateStarts: number;
}
