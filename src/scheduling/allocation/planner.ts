/**
 * The allocator. For one course it searches start days (from the later of earliestStart and the
 * arrival), and on each start day every densely-packing candidate (room, time) from the room
 * gaps; each candidate is walked through the course's treatment days (rule 6 fixes which days
 * those are, given the start) keeping the same room and time where it can, the nearest slot
 * within ±30 min next, and any slot as a last resort. Candidates are ranked by: late start,
 * fractions off the time of day, room changes, start day, then packing (wasted sliver minutes).
 */
import { AllocationOptions, AllocationResult, Booking, CenterConfig, CourseRequest } from '../types';
import { DayNum, formatDate, parseDate, weekId } from '../time/civil-day';
import { formatInstant, localDayOf, localMidnight, parseInstantCeil } from '../time/zone';
import { CenterCalendar, CourseProfile, calendarFor } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking } from './booking-index';
import { FractionShape, SlotFinder } from './slot-finder';
import { DEFAULT_RESERVATION, ReservationPolicy, reservedShares } from './reservation-policy';
import { EmergencyProbe, emergencyKindOf } from './emergency-probe';
import { DayLanes, LaneMix } from './day-lanes';
import { DEFAULT_EARLY_START, EarlyStart, EarlyStartHost, EarlyStartPolicy, offerEarlierStarts } from './early-start';
import { Lane } from './lane-template';
import { byDueDay, DEFAULT_DISPLACEMENT, displaceForEmergency, DisplacementPolicy } from './displacement';

export { DEFAULT_RESERVATION, NO_RESERVATION } from './reservation-policy';
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
  /** Start-time grid in minutes (default 10: with the default 10-min beam offset and 8-min beam, fractions starting on different grid points never share the beam). */
  gridMinutes?: number;
}

export interface Planner {
  /** Places the course and commits its bookings into the planner's index. */
  allocate(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  /** Finds the placement (and any courses an EMERGENCY would move) without committing anything. */
  search(course: CourseRequest, opts: AllocationOptions): AllocationResult;
  /** Adds bookings made elsewhere (live data, moved fractions). */
  add(bookings: Booking[]): void;
  bookings(): Booking[];
  /** Courses this planner started earlier than first booked, as places came free (early-start.ts). */
  readonly earlier: EarlyStart[];
  readonly calendar: CenterCalendar;
  readonly index: BookingIndex;
}

const TIME_TOLERANCE = 30;
/** Offline plans offer the free places of at most this many days that came within notice since the last arrival. */
const MAX_CATCH_UP_DAYS = 14;
/** A child's fraction under anesthesia is 50 minutes: routine courses leave the emergency reserve in such pieces. */
const EMERGENCY_PIECE = 50;

/** May a fraction start at `start` in room `roomIdx` (on the day the test was made for)? */
type Admit = (roomIdx: number, start: number) => boolean;
const REFUSE: Admit = () => false;

interface Placement {
  roomIdx: number;
  day: DayNum;
  start: number;
}

interface Trial {
  placements: Placement[];
  off: number;
  roomChanges: number;
  waste: number;
  shift: number;
}

function better(a: Trial, b: Trial): boolean {
  if (a.off !== b.off) return a.off < b.off;
  if (a.roomChanges !== b.roomChanges) return a.roomChanges < b.roomChanges;
  if (a.waste !== b.waste) return a.waste < b.waste;
  return a.shift < b.shift;
}

export function shapeOf(course: CourseRequest): FractionShape {
  return { fm: course.fractionMinutes, off: course.beamOffsetMinutes, bm: course.beamMinutes, anesthesia: course.requiresAnesthesia };
}

export function profileOf(course: CourseRequest): CourseProfile {
  return { roomKinds: course.roomKinds, requiresAnesthesia: course.requiresAnesthesia, fractionMinutes: course.fractionMinutes };
}

export function toBooking(cal: CenterCalendar, b: IndexedBooking): Booking {
  const tz = cal.timeZone;
  return {
    ...(b.id ? { id: b.id } : {}),
    courseId: b.courseId,
    fraction: b.fraction,
    roomId: cal.rooms[b.roomIdx].id,
    start: formatInstant(tz, b.start),
    end: formatInstant(tz, b.end),
    beamStart: formatInstant(tz, b.beamStart),
    beamEnd: formatInstant(tz, b.beamEnd),
    anesthesia: b.anesthesia,
  };
}

export class CorePlanner implements Planner, EarlyStartHost {
  readonly calendar: CenterCalendar;
  readonly index: BookingIndex;
  readonly slots: SlotFinder;
  private readonly policy: ReservationPolicy;
  private readonly lookahead: number;
  private readonly openMinutesByDay = new Map<DayNum, number>();
  private ignoreReserve = false;
  /** While set, an EMERGENCY course leaves the other kind's emergency slots alone (see place). */
  private sparingOtherKind = false;
  private readonly probe: EmergencyProbe | null;
  /** Admission tests of the course being searched, per day (see searchStarts). */
  private admissions: Map<DayNum, Admit | null> | null = null;
  /** Latest fully blocked treatment day met by a failed walk (start-day skipping). */
  private blockedUntil = -1;
  private readonly displacement: DisplacementPolicy | false;
  /** Courses this planner committed, in case an emergency must move one (offline plans, forecasts). */
  private readonly placed = new Map<string, CourseRequest>();
  private readonly earlyStarts: EarlyStartPolicy | false;
  /** Days up to this one have had their free places offered. */
  private offeredThrough = -Infinity;
  /** Courses started earlier than first booked, in the order it happened. */
  readonly earlier: EarlyStart[] = [];
  /** The index rows behind a placement's appointments: committing them skips parsing the instants back. */
  private readonly rowsOf = new WeakMap<Booking[], IndexedBooking[]>();

  constructor(
    readonly center: CenterConfig,
    existing: Booking[],
    options: PlannerOptions = {},
  ) {
    this.calendar = calendarFor(center);
    this.index = new BookingIndex(this.calendar);
    const grid = options.gridMinutes ?? 10;
    const lanes = options.lanes === false || !center.sharedBeam ? null : new DayLanes(this.calendar, grid, options.lanes ?? {}, this.index);
    this.slots = new SlotFinder(this.calendar, this.index, grid, lanes);
    this.policy = options.reservation ?? DEFAULT_RESERVATION;
    this.lookahead = options.lookaheadDays ?? 2;
    this.displacement = options.displacement ?? DEFAULT_DISPLACEMENT;
    this.earlyStarts = options.earlyStarts ?? DEFAULT_EARLY_START;
    const keep = this.policy.emergencySlots;
    this.probe = keep ? new EmergencyProbe(this.calendar, this.index, () => this.slots, keep) : null;
    this.add(existing);
  }

  add(bookings: Booking[]): void {
    for (const b of bookings) this.index.addBooking(b);
  }

  bookings(): Booking[] {
    return this.index.all.filter((b) => !b.removed).map((b) => toBooking(this.calendar, b));
  }

  private openMinutes(day: DayNum): number {
    let v = this.openMinutesByDay.get(day);
    if (v === undefined) {
      v = 0;
      for (const rd of this.calendar.roomDaysOf(day)) v += rd.openMinutes;
      this.openMinutesByDay.set(day, v);
    }
    return v;
  }

  allocate(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    this.offerFreePlaces(opts.now);
    const r = this.place(course, opts);
    const moved = this.displaceIfLate(course, opts, r);
    if (moved) {
      this.placed.set(course.id, course);
      return moved.result;
    }
    if (r.status !== 'SCHEDULED') return r;
    const rows = this.rowsOf.get(r.appointments);
    if (rows) for (const b of rows) this.index.add(b);
    else for (const b of r.appointments) this.index.addBooking(b);
    this.placed.set(course.id, course);
    return r;
  }

  /**
   * Offline plans and forecasts: before each arrival, the days that have come within notice
   * since the last one offer their free places to the courses this planner placed.
   */
  private offerFreePlaces(now: string): void {
    const policy = this.earlyStarts;
    if (!policy || !this.slots.hasLanes) return;
    const nowDay = localDayOf(this.calendar.timeZone, parseInstantCeil(now));
    const last = nowDay + policy.noticeDays;
    // Days whose offer time passed without an arrival (weekends) are offered as of that time, as
    // the live service's hourly job would have; the first call starts at today's offer.
    const from = this.offeredThrough === -Infinity ? last : Math.max(this.offeredThrough + 1, last - MAX_CATCH_UP_DAYS);
    for (let d = from; d <= last; d++) this.earlier.push(...offerEarlierStarts(this, d, Math.min(nowDay, d - policy.noticeDays), this.placed, policy));
    this.offeredThrough = Math.max(this.offeredThrough, last);
  }

  /**
   * The live service: offers the free places of the day `noticeDays` ahead to `movable` (booked,
   * not started) courses, and commits the new series into the index.
   */
  offerEarlierStarts(now: string, movable: CourseRequest[]): EarlyStart[] {
    const policy = this.earlyStarts;
    if (!policy || !this.slots.hasLanes) return [];
    const nowDay = localDayOf(this.calendar.timeZone, parseInstantCeil(now));
    return offerEarlierStarts(this, nowDay + policy.noticeDays, nowDay, new Map(movable.map((c) => [c.id, c])), policy);
  }

  places(day: DayNum): Lane[][] | null {
    return this.slots.places(day);
  }

  seriesAt(course: CourseRequest, day: DayNum, r: number, s: number, nowDay: DayNum): Booking[] | null {
    // It had a place: ahead of the routine reserve, but not into the slots kept for emergencies.
    const c: CourseRequest = { ...course, urgency: 'URGENT' };
    const shape = shapeOf(c);
    const profile = profileOf(c);
    if (this.calendar.openForCourse(profile, day) === 0 || !this.slots.fits(r, day, s, shape)) return null;
    const admit = this.admission(c, day, nowDay, shape);
    if (admit === REFUSE || (admit && !admit(r, s))) return null;
    const rooms = this.calendar.allowedRooms(c.roomKinds);
    if (!rooms.includes(r)) return null;
    const trial = this.walk(c, day, r, s, nowDay, rooms, shape, profile, null);
    if (!trial || trial.off > 0 || trial.roomChanges > 0) return null;
    return bookingsOf(this.calendar, course, trial.placements, shape);
  }

  /** Finds the placement (and any courses it would move) without committing anything. */
  search(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    const r = this.place(course, opts);
    const moved = this.displaceIfLate(course, opts, r);
    if (!moved) return r;
    moved.undo();
    return moved.result;
  }

  private displaceIfLate(course: CourseRequest, opts: AllocationOptions, r: AllocationResult) {
    if (course.urgency !== 'EMERGENCY' || !this.displacement || (r.status === 'SCHEDULED' && !r.lateStart)) return null;
    const candidates = opts.displaceable ? [...this.placed.values(), ...opts.displaceable] : this.placed.values();
    return displaceForEmergency(this, course, opts, candidates, this.displacement);
  }

  placeAgain(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    // It had a place: it goes ahead of the routine queue (the routine reserve does not hold it
    // back), but not into the slots kept for emergencies.
    return this.placeAnyway({ ...course, urgency: 'URGENT' }, opts);
  }

  toBooking(b: IndexedBooking): Booking {
    return toBooking(this.calendar, b);
  }

  /** Finds the placement on the bookings as they are: no commit, nobody moved. */
  place(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    if (course.urgency === 'EMERGENCY' && this.probe && this.policy.enabled && !this.sparingOtherKind) {
      // Two emergencies can arrive the same day: an adult one first tries to start on time without
      // taking the day's slot kept for a child under anesthesia (and a child's without taking the
      // adults' slots), so the second still finds its own.
      this.sparingOtherKind = true;
      try {
        const spared = this.placeAnyway(course, byDueDay(course, opts));
        if (spared.status === 'SCHEDULED' && !spared.lateStart) return spared;
      } finally {
        this.sparingOtherKind = false;
      }
    }
    return this.placeAnyway(course, opts);
  }

  /**
   * On the lane template first. A course the template cannot take in time (an urgent one late,
   * or any that does not fit at all, e.g. around bookings made before the template) is tried
   * on free placement too, and takes that if it starts earlier.
   */
  private placeAnyway(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    const onLanes = this.searchStarts(course, opts);
    if (this.slots.freePlacement || !this.slots.hasLanes) return onLanes;
    const late = onLanes.status !== 'SCHEDULED' || (onLanes.lateStart && course.urgency !== 'ROUTINE');
    if (!late) return onLanes;
    this.slots.freePlacement = true;
    try {
      const free = this.searchStarts(course, opts);
      if (free.status === 'SCHEDULED' && (onLanes.status !== 'SCHEDULED' || free.firstDate < onLanes.firstDate)) return free;
    } finally {
      this.slots.freePlacement = false;
    }
    return onLanes;
  }

  private searchStarts(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    // One course, one placement mode, nothing committed: a day's admission test holds for the
    // whole search (its walks ask for the same days again and again).
    const outer = this.admissions;
    this.admissions = new Map();
    try {
      return this.searchStartsNow(course, opts);
    } finally {
      this.admissions = outer;
    }
  }

  private searchStartsNow(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    const cal = this.calendar;
    const tz = cal.timeZone;
    const invalid = validateCourse(course);
    if (invalid) return { status: 'UNSCHEDULABLE', reason: invalid };
    const rooms = cal.allowedRooms(course.roomKinds);
    if (rooms.length === 0) {
      const kinds = course.roomKinds?.join(' or ') ?? 'any kind';
      return { status: 'UNSCHEDULABLE', reason: `No active treatment room of ${kinds} exists at the center.` };
    }
    const nowMin = parseInstantCeil(opts.now);
    const arrivalMin = parseInstantCeil(course.arrival);
    const floorMin = Math.max(nowMin, arrivalMin);
    const floorDay = localDayOf(tz, floorMin);
    const firstDay = Math.max(parseDate(course.earliestStart), floorDay);
    const horizonWeeks = opts.horizonWeeks ?? 26;
    const lastStartDay = opts.lastStartDate ? parseDate(opts.lastStartDate) : floorDay + horizonWeeks * 7;
    const dueDay = parseDate(course.dueStart);
    const shape = shapeOf(course);
    const profile = profileOf(course);

    let best: Trial | null = null;
    let bestDay = -1;
    let firstFeasible = -1;
    let openDaysSince = 0;
    let everOpen = false;
    for (let d = firstDay; d <= lastStartDay; d++) {
      const st = cal.openForCourse(profile, d);
      if (st === 0) continue;
      everOpen = true;
      if (firstFeasible >= 0) {
        openDaysSince++;
        const perfect = best !== null && best.off === 0 && best.roomChanges === 0;
        if (perfect || openDaysSince > this.lookahead) break;
        // Never trade an on-time start for a late one to gain time-of-day consistency.
        if (firstFeasible <= dueDay && d > dueDay) break;
      }
      this.blockedUntil = -1;
      const trial = this.bestOnDay(course, d, rooms, d === floorDay ? floorMin : -Infinity, floorDay, shape, profile);
      if (!trial) {
        // Every candidate died on a day with no slot at all for this course. With one fraction
        // on every open day, any later start up to that day would have to use it too: skip them.
        if (this.blockedUntil > d && this.noWeeklySkips(profile, course.fractionsPerWeek, d, this.blockedUntil)) d = this.blockedUntil;
        continue;
      }
      const ahead = best === null || (trial.off < best.off || (trial.off === best.off && trial.roomChanges < best.roomChanges));
      if (ahead) {
        best = trial;
        bestDay = d;
      }
      if (firstFeasible < 0) firstFeasible = d;
    }

    if (!best && !this.ignoreReserve && this.policy.enabled && !opts.lastStartDate) {
      // Within the live horizon the reservation may delay a course, never make it unschedulable.
      // (Offline plans cut at horizon.to: there a course that does not fit is simply not started.)
      this.ignoreReserve = true;
      try {
        return this.searchStarts(course, opts);
      } finally {
        this.ignoreReserve = false;
      }
    }
    if (!best) return { status: 'UNSCHEDULABLE', reason: unschedulableReason(course, cal, rooms, everOpen, firstDay, lastStartDay) };
    const rows = indexedOf(course, best.placements, shape);
    const appointments = rows.map((b) => toBooking(cal, b));
    this.rowsOf.set(appointments, rows);
    return { status: 'SCHEDULED', appointments, lateStart: bestDay > dueDay, firstDate: formatDate(bestDay) };
  }

  /** True when no ISO week in [from, to] has more open days for the course than its weekly quota. */
  private noWeeklySkips(profile: CourseProfile, perWeek: number, from: DayNum, to: DayNum): boolean {
    const counts = new Map<number, number>();
    for (let d = from; d <= to; d++) {
      if (this.calendar.openForCourse(profile, d) === 0) continue;
      const w = weekId(d);
      const n = (counts.get(w) ?? 0) + 1;
      if (n > perWeek) return false;
      counts.set(w, n);
    }
    return true;
  }

  /**
   * Which starts on `day` the course may take without eating into the urgent reserves: null
   * when any start will do, otherwise a test per (room, start).
   */
  private admission(course: CourseRequest, day: DayNum, nowDay: DayNum, shape: FractionShape): Admit | null {
    const cache = this.admissions;
    if (!cache) return this.admissionNow(course, day, nowDay, shape);
    let admit = cache.get(day);
    if (admit === undefined) cache.set(day, (admit = this.admissionNow(course, day, nowDay, shape)));
    return admit;
  }

  private admissionNow(course: CourseRequest, day: DayNum, nowDay: DayNum, shape: FractionShape): Admit | null {
    if (this.ignoreReserve) return null;
    if (this.sparingOtherKind && this.probe) {
      const probe = this.probe;
      const spends = emergencyKindOf(course);
      return (r, s) =>
        probe.admits({ roomIdx: r, day, start: s, end: s + shape.fm, beamStart: s + shape.off, beamEnd: s + shape.off + shape.bm, anesthesia: shape.anesthesia }, spends);
    }
    const { emergency, urgent } = reservedShares(this.policy, course.urgency, day - nowDay);
    // Measured in usable minutes (whole pieces of idle gaps): minutes lost in slivers cannot
    // serve an urgent course, so they must not count as its reserve.
    const open = this.openMinutes(day);
    if (urgent > 0 && this.index.usableFreeMinutes(day, 30) - course.fractionMinutes < urgent * open) return REFUSE;
    if (urgent > 0) {
      // On a lane template the reserve also holds for this kind of place: children's places
      // (anesthesia above all) are few, and the day's total alone would let routine children
      // take them all.
      const places = this.slots.laneCount(day, shape);
      if (places && places[0] - 1 < urgent * places[1]) return REFUSE;
    }
    if (emergency <= 0) return null;
    const probe = this.probe;
    if (!probe) {
      // Routine courses leave the emergency reserve in pieces long enough for a child's
      // fraction; urgent ones (rarer, and due soon) only need to leave it in standard pieces.
      const piece = course.urgency === 'ROUTINE' ? EMERGENCY_PIECE : 30;
      return this.index.usableFreeMinutes(day, piece) - course.fractionMinutes < emergency * open ? REFUSE : null;
    }
    return (r, s) =>
      probe.admits(
        { roomIdx: r, day, start: s, end: s + shape.fm, beamStart: s + shape.off, beamEnd: s + shape.off + shape.bm, anesthesia: shape.anesthesia },
        undefined,
        course.urgency === 'URGENT' ? this.policy.emergencySlotsFromUrgent : undefined,
      );
  }

  private bestOnDay(
    course: CourseRequest,
    d: DayNum,
    rooms: number[],
    floor: number,
    nowDay: DayNum,
    shape: FractionShape,
    profile: CourseProfile,
  ): Trial | null {
    const admit = this.admission(course, d, nowDay, shape);
    if (admit === REFUSE) return null;
    let best: Trial | null = null;
    const seen = new Set<number>();
    for (const r of rooms) {
      for (const s of this.slots.gapCandidates(r, d, floor, shape)) {
        const key = s * 64 + r;
        if (seen.has(key) || (admit && !admit(r, s))) continue;
        seen.add(key);
        const trial = this.walk(course, d, r, s, nowDay, rooms, shape, profile, best);
        if (trial && (!best || better(trial, best))) best = trial;
        if (best && best.off === 0 && best.roomChanges === 0 && best.waste === 0) return best;
      }
    }
    return best;
  }

  /** Places every fraction given the first one at (r0, s0) on day d0; null when a treatment day has no slot. */
  private walk(
    course: CourseRequest,
    d0: DayNum,
    r0: number,
    s0: number,
    nowDay: DayNum,
    rooms: number[],
    shape: FractionShape,
    profile: CourseProfile,
    bound: Trial | null,
  ): Trial | null {
    const cal = this.calendar;
    const tz = cal.timeZone;
    const tod = s0 - localMidnight(tz, d0);
    const placements: Placement[] = [{ roomIdx: r0, day: d0, start: s0 }];
    const trial: Trial = { placements, off: 0, roomChanges: 0, waste: this.slots.waste(r0, d0, s0, shape), shift: 0 };
    const weekCount = new Map<number, number>([[weekId(d0), 1]]);
    const maxDay = d0 + course.fractions * 7 + 70;
    for (let d = d0 + 1; placements.length < course.fractions; d++) {
      if (d > maxDay) return null;
      const st = cal.openForCourse(profile, d);
      if (st === 0) continue;
      const w = weekId(d);
      const wc = weekCount.get(w) ?? 0;
      if (wc >= course.fractionsPerWeek) continue;
      const admit = this.admission(course, d, nowDay, shape);
      const p = admit === REFUSE ? null : this.placeOnDay(d, r0, localMidnight(tz, d) + tod, rooms, shape, -Infinity, admit);
      if (!p) {
        if (st === 2) continue;
        this.blockedUntil = Math.max(this.blockedUntil, d);
        return null;
      }
      const target = localMidnight(tz, d) + tod;
      const dev = Math.abs(p.start - target);
      if (dev > TIME_TOLERANCE) trial.off++;
      if (p.roomIdx !== r0) trial.roomChanges++;
      trial.shift += dev;
      trial.waste += this.slots.waste(p.roomIdx, d, p.start, shape);
      placements.push(p);
      weekCount.set(w, wc + 1);
      if (bound && (trial.off > bound.off || (trial.off === bound.off && trial.roomChanges > bound.roomChanges))) return null;
    }
    return trial;
  }

  /**
   * Within ±30 min of the course's time: the packing-best start in its room (exact time, or flush
   * against a neighbour, whichever wastes fewer sliver minutes), then the same in another room;
   * failing both, the nearest slot anywhere.
   */
  placeOnDay(d: DayNum, r0: number, target: number, rooms: number[], shape: FractionShape, floor = -Infinity, admit: Admit | null = null): Placement | null {
    const inRoom = this.bestNear(r0, d, target, shape, floor, admit);
    if (inRoom !== null) return { roomIdx: r0, day: d, start: inRoom };
    let best: Placement | null = null;
    let bestCost = Infinity;
    for (const r of rooms) {
      if (r === r0) continue;
      const s = this.bestNear(r, d, target, shape, floor, admit);
      if (s === null) continue;
      const cost = this.slots.waste(r, d, s, shape) * 4 + Math.abs(s - target);
      if (cost < bestCost) {
        best = { roomIdx: r, day: d, start: s };
        bestCost = cost;
      }
    }
    if (best) return best;
    for (const r of rooms) {
      for (const s of this.slots.gapCandidates(r, d, floor, shape)) {
        // Staying in the same room is worth half an hour of time-of-day drift.
        const dev = Math.abs(s - target) + (r === r0 ? 0 : TIME_TOLERANCE);
        if (dev < bestCost && (!admit || admit(r, s))) {
          best = { roomIdx: r, day: d, start: s };
          bestCost = dev;
        }
      }
    }
    return best;
  }

  /**
   * placeOnDay for one fraction that must land on this day (rescheduling): the template's
   * places first, then any free minutes, since keeping the day matters more than the packing.
   */
  placeOnDayAnyhow(d: DayNum, r0: number, target: number, rooms: number[], shape: FractionShape, floor = -Infinity): Placement | null {
    const onLanes = this.placeOnDay(d, r0, target, rooms, shape, floor);
    if (onLanes || !this.slots.hasLanes) return onLanes;
    this.slots.freePlacement = true;
    try {
      return this.placeOnDay(d, r0, target, rooms, shape, floor);
    } finally {
      this.slots.freePlacement = false;
    }
  }

  /** Best start in one room within ±30 min of target: least waste, then least drift. */
  private bestNear(r: number, d: DayNum, target: number, shape: FractionShape, floor: number, admit: Admit | null): number | null {
    const slots = this.slots;
    const lo = Math.max(target - TIME_TOLERANCE, floor);
    const hi = target + TIME_TOLERANCE;
    let best: number | null = null;
    let bestCost = Infinity;
    const lanes = slots.freeLanes(r, d, shape, lo, hi);
    if (lanes) {
      for (const l of lanes) {
        const cost = slots.laneCost(l, shape) * 4 + Math.abs(l.start - target);
        if (cost < bestCost && (!admit || admit(r, l.start))) {
          best = l.start;
          bestCost = cost;
        }
      }
      return best;
    }
    const consider = (s: number | null) => {
      if (s === null) return;
      const cost = slots.waste(r, d, s, shape) * 4 + Math.abs(s - target);
      // The reserve test is the expensive part: only for a start that would win.
      if (cost < bestCost && (!admit || admit(r, s))) {
        best = s;
        bestCost = cost;
      }
    };
    if (target >= floor && slots.fits(r, d, target, shape) && (!admit || admit(r, target))) {
      // Keeping the exact time keeps lanes aligned day after day, which packs better overall
      // than hugging a neighbour (measured with bench/core.ts).
      return target;
    }
    let from = lo;
    for (let i = 0; i < 6 && from <= hi; i++) {
      const a = slots.earliestFit(r, d, from, hi, shape);
      if (a === null) break;
      consider(a);
      from = a + 1;
      // Skip to the end of this free run: the next flush-left start follows a booking.
      const spans = this.index.roomSpans(r, d);
      const nextBooking = spans?.find((x) => x.s >= a + shape.fm);
      if (!nextBooking) break;
      from = Math.max(from, nextBooking.e);
    }
    let to = hi;
    for (let i = 0; i < 6 && to >= lo; i++) {
      const b = slots.latestFit(r, d, lo, to, shape);
      if (b === null) break;
      consider(b);
      const spans = this.index.roomSpans(r, d);
      let prev: number | null = null;
      if (spans) for (const x of spans) if (x.e <= b) prev = x.s;
      if (prev === null) break;
      to = prev - shape.fm;
    }
    return best;
  }
}

function indexedOf(course: CourseRequest, placements: Placement[], shape: FractionShape): IndexedBooking[] {
  return placements.map((p, i) => ({
    courseId: course.id,
    fraction: i + 1,
    roomIdx: p.roomIdx,
    day: p.day,
    start: p.start,
    end: p.start + shape.fm,
    beamStart: p.start + shape.off,
    beamEnd: p.start + shape.off + shape.bm,
    anesthesia: shape.anesthesia,
  }));
}

function bookingsOf(cal: CenterCalendar, course: CourseRequest, placements: Placement[], shape: FractionShape): Booking[] {
  return indexedOf(course, placements, shape).map((b) => toBooking(cal, b));
}

export function validateCourse(c: CourseRequest): string | null {
  if (!Number.isInteger(c.fractions) || c.fractions < 1 || c.fractions > 45) return `The course has ${c.fractions} fractions; 1 to 45 are allowed.`;
  if (!Number.isInteger(c.fractionsPerWeek) || c.fractionsPerWeek < 1 || c.fractionsPerWeek > 7)
    return `fractionsPerWeek is ${c.fractionsPerWeek}; 1 to 5 (at most 7) are allowed.`;
  if (!(c.fractionMinutes > 0) || !Number.isInteger(c.fractionMinutes)) return `fractionMinutes must be a positive whole number of minutes.`;
  if (c.beamMinutes < 0 || c.beamOffsetMinutes < 0 || c.beamOffsetMinutes + c.beamMinutes > c.fractionMinutes)
    return `The beam interval (offset ${c.beamOffsetMinutes} + ${c.beamMinutes} min) must lie inside the ${c.fractionMinutes}-minute fraction.`;
  return null;
}

function unschedulableReason(
  course: CourseRequest,
  cal: CenterCalendar,
  rooms: number[],
  everOpen: boolean,
  firstDay: DayNum,
  lastDay: DayNum,
): string {
  if (firstDay > lastDay) {
    return (
      `The course cannot start before ${formatDate(firstDay)}, after the last start the planning horizon allows (${formatDate(lastDay)}); ` +
      `submit it again closer to its start.`
    );
  }
  const where = course.requiresAnesthesia ? ' inside the anesthesia window' : '';
  const roomsText = rooms.map((r) => cal.rooms[r].id).join(', ');
  if (!everOpen)
    return (
      `No day between ${formatDate(firstDay)} and ${formatDate(lastDay)} has ${course.fractionMinutes} free minutes` +
      `${where} in an allowed room (${roomsText}): check opening hours, closures and downtime.`
    );
  return (
    `No start between ${formatDate(firstDay)} and ${formatDate(lastDay)} lets all ${course.fractions} fractions ` +
    `(${course.fractionMinutes} min${where}, ${course.fractionsPerWeek}/week, no interruption) fit in rooms ${roomsText}; ` +
    `the center is fully booked for this course within the planning horizon.`
  );
}

export function createPlanner(center: CenterConfig, existing: Booking[], options: PlannerOptions = {}): Planner {
  return new CorePlanner(center, existing, options);
}

/** Stateless entry point for the live service: index `existing`, place the course, commit nothing. */
export function allocateCourse(
  center: CenterConfig,
  existing: Booking[],
  course: CourseRequest,
  opts: AllocationOptions,
  options: PlannerOptions = {},
): AllocationResult {
  return new CorePlanner(center, existing, options).search(course, opts);
}
