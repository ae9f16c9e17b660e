/**
 * The allocator's front: places courses (and moves an emergency's way clear, see displacement.ts)
 * with the search in course-search.ts, commits what it places, and offers places that came free
 * to courses booked later (early-start.ts). Offline plans and forecasts allocate course after
 * course; the live service searches, writes the rows, and records them through addBooking.
 */
import { AllocationOptions, AllocationResult, Booking, CenterConfig, CourseRequest, Shift, ShiftRecord } from '../types';
import { localDayOf, parseInstantCeil } from '../time/zone';
import { formatDate, parseDate } from '../time/civil-day';
import { CenterCalendar, calendarFor } from '../calendar/center-calendar';
import { BookingIndex, toBooking } from './booking-index';
import { slotFindersFor } from './slot-finder';
import { DEFAULT_RESERVATION, ReservationPolicy } from './reservation-policy';
import { LaneMix } from './day-lanes';
import { DEFAULT_EARLY_START, EarlyStart, EarlyStartPolicy, offerEarlierStarts } from './early-start';
import { DEFAULT_DISPLACEMENT, displaceForEmergency, DisplacementPolicy } from './displacement';
import { CourseSearch, ShiftedPlacement } from './course-search';
import { DEFAULT_SHIFT_POLICY, patientKeyOf, ShiftPolicy } from './shift-limits';
import { shiftReason } from './shift-search';

export { DEFAULT_RESERVATION, NO_RESERVATION, SHIFT_RESERVATION } from './reservation-policy';
export { DEFAULT_SHIFT_POLICY } from './shift-limits';
export type { ReservationPolicy } from './reservation-policy';

export interface PlannerOptions {
  reservation?: ReservationPolicy;
  /** Extra open days looked at after the first feasible start when that start is imperfect. */
  lookaheadDays?: number;
  /** Moving not-started routine courses for an EMERGENCY one; false turns it off. */
  displacement?: DisplacementPolicy | false;
  /**
   * Places standard and children's fractions on the day's lane template (shared beam only);
   * false places every fraction freely. See lane-template.ts.
   */
  lanes?: LaneMix | false;
  /**
   * Offers places still free a couple of days ahead to routine courses booked later in the same
   * places (see early-start.ts); false turns it off.
   */
  earlyStarts?: EarlyStartPolicy | false;
  /**
   * Start-time grid in minutes (default 10: with the default 10-min beam offset and 8-min beam,
   * fractions starting on different grid points never share the beam).
   */
  gridMinutes?: number;
  /**
   * Bounded shifts (shifts/shift-limits.ts): an EMERGENCY or URGENT course that cannot start by its
   * due day moves booked fractions of others within these limits; false turns it off.
   */
  shifts?: ShiftPolicy | false;
}

/**
 * The planner the live allocation worker runs, and so the one the forecast and its back-test
 * simulate: bounded shifts are an emergency's (and an urgent course's) last resort before
 * displacing a course, and the whole emergency reserve stays (cutting it to what shifting cannot
 * replace, SHIFT_RESERVATION, made emergencies late in bench:shifts).
 */
export const LIVE_PLANNER_OPTIONS: Readonly<PlannerOptions> = { shifts: DEFAULT_SHIFT_POLICY, reservation: DEFAULT_RESERVATION };

/**
 * The forecast's planner: the live one without bounded shifts. In a forecast at 800 a year most
 * URGENT courses start late and try to shift, nearly always in vain (3 shifts in 4 runs × 52
 * weeks), and trying cost 30 % of the forecast's time (200 × 52 on 2 threads: 66.2 s with shifts,
 * 50.9 s without) for 1 course a year more at p50 (716 vs 715; p10 701 both, p90 727 vs 728).
 */
export const FORECAST_PLANNER_OPTIONS: Readonly<PlannerOptions> = { ...LIVE_PLANNER_OPTIONS, shifts: false };

export interface Planner {
  /** Places the course and commits its bookings into the planner's index. */
  allocate(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  /** Finds the placement (and any courses an EMERGENCY would move) without committing anything. */
  search(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  /**
   * The live service: offers the free places of the day `noticeDays` ahead to `movable` (booked,
   * not started) courses, and commits the new series into the index.
   */
  offerEarlierStarts(now: string, movable: CourseRequest[]): EarlyStart[];
  /**
   * Nightly compaction (bounded shifts): pulls bookings of `date` earlier within the limits so that
   * slivers merge into places a waiting course can use; commits the shifts into the index.
   */
  compact(date: string, now: string, shiftable: CourseRequest[], history: ShiftRecord[]): Shift[];
  /** Adds bookings made elsewhere (live data, moved fractions). */
  add(bookings: Booking[]): void;
  /** Adds one booking made elsewhere; the handle it returns takes it out again (removeBooking). */
  addBooking(booking: Booking): number;
  removeBooking(handle: number): void;
  bookings(): Booking[];
  /** Courses this planner started earlier than first booked, as places came free (early-start.ts). */
  readonly earlier: EarlyStart[];
  /** Shifts this planner committed (offline plans and forecasts count them; the live service writes them). */
  readonly shifted: ShiftRecord[];
}

/** Offline plans offer the free places of at most this many days that came within notice since the last arrival. */
const MAX_CATCH_UP_DAYS = 14;

export class CorePlanner implements Planner {
  readonly calendar: CenterCalendar;
  readonly index: BookingIndex;
  private readonly courses: CourseSearch;
  private readonly displacement: DisplacementPolicy | false;
  /** Courses this planner committed, in case an emergency must move one (offline plans, forecasts). */
  private readonly placed = new Map<string, CourseRequest>();
  private readonly earlyStarts: EarlyStartPolicy | false;
  /** Days up to this one have had their free places offered. */
  private offeredThrough = -Infinity;
  readonly earlier: EarlyStart[] = [];
  readonly shifted: ShiftRecord[] = [];
  private readonly shiftPolicy: ShiftPolicy | false;

  constructor(center: CenterConfig, existing: Booking[], options: PlannerOptions = {}) {
    this.calendar = calendarFor(center);
    this.index = new BookingIndex(this.calendar);
    const slots = slotFindersFor(this.calendar, this.index, options.gridMinutes ?? 10, options.lanes ?? {});
    this.courses = new CourseSearch(this.calendar, this.index, slots, {
      policy: options.reservation ?? DEFAULT_RESERVATION,
      lookaheadDays: options.lookaheadDays ?? 2,
    });
    this.displacement = options.displacement ?? DEFAULT_DISPLACEMENT;
    this.earlyStarts = options.earlyStarts ?? DEFAULT_EARLY_START;
    this.shiftPolicy = options.shifts ?? false;
    this.add(existing);
  }

  add(bookings: Booking[]): void {
    for (const b of bookings) this.index.addBooking(b);
  }

  addBooking(booking: Booking): number {
    return this.index.addBooking(booking);
  }

  removeBooking(handle: number): void {
    this.index.remove(handle);
  }

  bookings(): Booking[] {
    return this.index.all.filter((b) => !b.removed).map((b) => toBooking(this.calendar, b));
  }

  allocate(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    this.offerFreePlaces(opts.now);
    const r = this.courses.place(course, opts);
    const moved = this.displaceIfLate(course, opts, r);
    if (moved) {
      this.placed.set(course.id, course);
      return moved.result;
    }
    const shifted = this.shiftIfLate(course, opts, r);
    if (shifted) {
      this.courses.commit(shifted.result.appointments);
      this.placed.set(course.id, course);
      this.shifted.push(...this.recordsOf(shifted.shifts, opts));
      return { ...shifted.result, shifts: shifted.shifts };
    }
    if (r.status !== 'SCHEDULED') return r;
    this.courses.commit(r.appointments);
    this.placed.set(course.id, course);
    return r;
  }

  search(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    const r = this.courses.place(course, opts);
    const shifted = this.shiftIfLate(course, opts, r);
    if (shifted) {
      shifted.undo();
      return { ...shifted.result, shifts: shifted.shifts };
    }
    const moved = this.displaceIfLate(course, opts, r);
    if (!moved) return r;
    moved.undo();
    return moved.result;
  }

  compact(date: string, now: string, shiftable: CourseRequest[], history: ShiftRecord[]): Shift[] {
    const policy = this.shiftPolicy || DEFAULT_SHIFT_POLICY;
    const courses = new Map(this.placed);
    for (const c of shiftable) courses.set(c.id, c);
    const reason = shiftReason(`to merge free time on ${date} into places waiting courses can use (nightly compaction)`, policy);
    const shifts = this.courses.compactDay(parseDate(date), now, { courses, policy, history: [...this.shifted, ...history], reason });
    this.shifted.push(...this.recordsOf(shifts, { now, shiftable }));
    return shifts;
  }

  /**
   * Shifts come before displacement: moving a few fractions by up to an hour asks less of other
   * patients than moving a whole course to later days.
   */
  private shiftIfLate(course: CourseRequest, opts: AllocationOptions, r: AllocationResult): ShiftedPlacement | null {
    const policy = this.shiftPolicy;
    if (!policy || course.urgency === 'ROUTINE' || (course.urgency === 'URGENT' && !policy.urgent)) return null;
    if (r.status === 'SCHEDULED' && !r.lateStart) return null;
    const courses = new Map(this.placed);
    for (const c of opts.shiftable ?? []) courses.set(c.id, c);
    const history = [...this.shifted, ...(opts.shiftHistory ?? [])];
    const reason = shiftReason(`so that ${course.urgency} course ${course.id} can start by ${course.dueStart}`, policy);
    return this.courses.placeByShifting(course, opts, { courses, policy, history, reason });
  }

  private recordsOf(shifts: Shift[], opts: AllocationOptions): ShiftRecord[] {
    const tz = this.calendar.timeZone;
    return shifts.map((sh) => {
      const c = this.placed.get(sh.courseId) ?? opts.shiftable?.find((x) => x.id === sh.courseId);
      return { patientKey: c ? patientKeyOf(c) : sh.courseId, courseId: sh.courseId, date: formatDate(localDayOf(tz, parseInstantCeil(sh.from.start))) };
    });
  }

  offerEarlierStarts(now: string, movable: CourseRequest[]): EarlyStart[] {
    const policy = this.earlyStarts;
    if (!policy || !this.courses.hasLanes) return [];
    const nowDay = localDayOf(this.calendar.timeZone, parseInstantCeil(now));
    return offerEarlierStarts(this.courses, nowDay + policy.noticeDays, nowDay, new Map(movable.map((c) => [c.id, c])), policy);
  }

  /**
   * Offline plans and forecasts: before each arrival, the days that have come within notice
   * since the last one offer their free places to the courses this planner placed.
   */
  private offerFreePlaces(now: string): void {
    const policy = this.earlyStarts;
    if (!policy || !this.courses.hasLanes) return;
    const nowDay = localDayOf(this.calendar.timeZone, parseInstantCeil(now));
    const last = nowDay + policy.noticeDays;
    // Days whose offer time passed without an arrival (weekends) are offered as of that time, as
    // the live service's hourly job would have; the first call starts at today's offer.
    const from = this.offeredThrough === -Infinity ? last : Math.max(this.offeredThrough + 1, last - MAX_CATCH_UP_DAYS);
    for (let d = from; d <= last; d++) this.earlier.push(...offerEarlierStarts(this.courses, d, Math.min(nowDay, d - policy.noticeDays), this.placed, policy));
    this.offeredThrough = Math.max(this.offeredThrough, last);
  }

  private displaceIfLate(course: CourseRequest, opts: AllocationOptions, r: AllocationResult) {
    if (course.urgency !== 'EMERGENCY' || !this.displacement || (r.status === 'SCHEDULED' && !r.lateStart)) return null;
    const candidates = opts.displaceable ? [...this.placed.values(), ...opts.displaceable] : this.placed.values();
    return displaceForEmergency(this.courses, course, opts, candidates, this.displacement);
  }
}

export function createPlanner(center: CenterConfig, existing: Booking[], options: PlannerOptions = {}): Planner {
  return new CorePlanner(center, existing, options);
}
