/**
 * The search behind the allocator. For one course it searches start days (from the later of
 * earliestStart and the arrival), and on each start day every densely-packing candidate (room,
 * time) from the room gaps; each candidate is walked through the course's treatment days (rule 6
 * fixes which days those are, given the start) keeping the same room and time where it can, the
 * nearest slot within ±30 min next, and any slot as a last resort. Candidates are ranked by: late
 * start, fractions off the time of day, room changes, start day, then packing (wasted sliver
 * minutes). Nothing is committed here: the planner commits, displacement and early starts drive
 * the search through their host interfaces.
 */
import { AllocationOptions, AllocationResult, Booking, CourseRequest, Shift, Urgency } from '../types';
import { DayNum, formatDate, parseDate, weekId } from '../time/civil-day';
import { localDayOf, localMidnight, parseInstantCeil } from '../time/zone';
import { CenterCalendar, CourseProfile, profileOf } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking, toBooking } from './booking-index';
import { FractionShape, placedAt, PlacementMode, shapeOf, SlotFinder, SlotFinders } from './slot-finder';
import { ReservationPolicy, reservedShares } from './reservation-policy';
import { EmergencyKind, EmergencyProbe, emergencyKindOf, EmergencySnapshot } from './emergency-probe';
import { EarlyStartHost } from './early-start';
import { Lane } from './lane-template';
import { byDueDay, DisplacementHost } from './displacement';
import { insidePreferred, preferredMinutesOf } from '../calendar/preferred-window';
import { Admit, Placement, placeOnDay, REFUSE, TIME_TOLERANCE } from './day-placement';
import { ReserveTest, ShiftEnv, Shifter } from './shift-search';

/** What an emergency not under anesthesia may spend once sparing the other kinds' slots failed. */
const SPARE_ANESTHESIA: readonly EmergencyKind[] = ['adult', 'child'];

/** A child's fraction under anesthesia is 50 minutes: routine courses leave the emergency reserve in such pieces. */
const EMERGENCY_PIECE = 50;

/**
 * How a search treats the urgent reserves: as the course's urgency asks; not at all (the live
 * horizon's last resort, see searchStarts); or, for an EMERGENCY course, leaving the other kinds'
 * emergency slots alone (see place).
 */
type ReserveMode = 'keep' | 'ignore' | 'spareOtherKinds' | 'spareAnesthesia';

/** One search of start days for one course: its modes and what it learns on the way. */
interface StartSearch {
  readonly reserve: ReserveMode;
  readonly slots: SlotFinder;
  /** The emergency reserve's counts a start must keep (see CourseSearch.probes); empty: kept as minutes, if at all. */
  readonly probes: readonly EmergencyProbe[];
  /** Admission tests per day: nothing is committed during a search, so a day's test holds throughout. */
  readonly admissions: Map<DayNum, Admit | null>;
  /** Latest fully blocked treatment day met by a failed walk (start-day skipping). */
  blockedUntil: number;
  /** Set by a walk that met a treatment day with no slot at all for the course (see bestOnDay). */
  deadEnd?: boolean;
  /** Shifting search only: makes a place on a day that has none (shift-search.ts). */
  readonly shifter?: Shifter;
}

/** A placement that needed bounded shifts; `undo` takes the shifts back out of the index. */
export interface ShiftedPlacement {
  result: Extract<AllocationResult, { status: 'SCHEDULED' }>;
  shifts: Shift[];
  undo(): void;
}

/** Start places tried per start day before making one by shifting (the search must stay small). */
const SHIFT_START_CANDIDATES = 8;

export interface Trial {
  placements: Placement[];
  /** Fractions outside the patient's preferred window (soft, ranked first: the patient asked for it). */
  misses: number;
  off: number;
  roomChanges: number;
  waste: number;
  shift: number;
}

export function better(a: Trial, b: Trial): boolean {
  if (a.misses !== b.misses) return a.misses < b.misses;
  if (a.off !== b.off) return a.off < b.off;
  if (a.roomChanges !== b.roomChanges) return a.roomChanges < b.roomChanges;
  if (a.waste !== b.waste) return a.waste < b.waste;
  return a.shift < b.shift;
}

export interface CourseSearchOptions {
  policy: ReservationPolicy;
  /** Extra open days looked at after the first feasible start when that start is imperfect. */
  lookaheadDays: number;
}

export class CourseSearch implements DisplacementHost, EarlyStartHost {
  /**
   * The emergency slots counted on the lane template and on free placement (the template's first).
   * A start placed freely must keep both counts: the free count alone let an URGENT child take the
   * template's last anesthesia place off the template (free placement still saw one in another room,
   * which template places then filled), and in seed 3 a child's emergency under anesthesia started
   * three weeks late. A template place keeps the template's count (see startSearch).
   */
  private readonly probes: readonly EmergencyProbe[];
  private readonly openMinutesByDay = new Map<DayNum, number>();
  /** The index rows behind a placement's appointments: committing them skips parsing the instants back. */
  private readonly rowsOf = new WeakMap<Booking[], IndexedBooking[]>();

  constructor(
    readonly calendar: CenterCalendar,
    readonly index: BookingIndex,
    private readonly slots: SlotFinders,
    private readonly options: CourseSearchOptions,
  ) {
    const keep = options.policy.emergencySlots;
    const free = keep ? [new EmergencyProbe(calendar, index, slots.free, keep)] : [];
    this.probes = keep && slots.lanes.hasLanes ? [new EmergencyProbe(calendar, index, slots.lanes, keep), ...free] : free;
  }

  get hasLanes(): boolean {
    return this.slots.lanes.hasLanes;
  }

  /** Finds the placement on the bookings as they are: no commit, nobody moved. */
  place(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    if (course.urgency === 'EMERGENCY' && this.probes.length && this.options.policy.enabled) {
      // Two emergencies can arrive the same day: an adult one first tries to start on time without
      // taking the day's slot kept for a child under anesthesia (and a child's without taking the
      // adults' slots), so the second still finds its own.
      const spared = this.placeAnyway(course, byDueDay(course, opts), 'spareOtherKinds');
      if (spared.status === 'SCHEDULED' && !spared.lateStart) return spared;
      // Failing that, it spends any kind but the scarcest: an adult emergency takes the child's
      // 40-minute slot before a place for a child under anesthesia. In seed 3 two adult emergencies
      // of one day took the standard slot and then the second anesthesia one, and a child's
      // emergency under anesthesia five days later started late.
      if (!course.requiresAnesthesia) {
        const second = this.placeAnyway(course, byDueDay(course, opts), 'spareAnesthesia');
        if (second.status === 'SCHEDULED' && !second.lateStart) return second;
      }
    }
    return this.placeAnyway(course, opts, 'keep');
  }

  placeAgain(course: CourseRequest, opts: AllocationOptions): AllocationResult {
    // It had a place: it goes ahead of the routine queue (the routine reserve does not hold it
    // back), but not into the slots kept for emergencies.
    return this.placeAnyway({ ...course, urgency: 'URGENT' }, opts, 'keep');
  }

  /**
   * An EMERGENCY or URGENT course that cannot start by its due day: the earliest start by then,
   * on free placement, where days with no place get one by shifting booked fractions of `env`'s
   * courses within the limits. The shifts stay in the index (undo takes them out); the course's
   * own bookings are not committed. Null, with nothing changed, when shifting does not help.
   */
  placeByShifting(course: CourseRequest, opts: AllocationOptions, env: ShiftEnv): ShiftedPlacement | null {
    if (validateCourse(course)) return null;
    const cal = this.calendar;
    const rooms = cal.allowedRooms(course.roomKinds);
    const free = this.startSearch('free', course.urgency === 'EMERGENCY' ? 'ignore' : 'keep');
    const shifter = new Shifter(cal, this.index, this.slots.free, env, opts.now, this.shiftReserve(opts.now, course.urgency));
    const search: StartSearch = { ...free, shifter };
    const floorMin = Math.max(parseInstantCeil(opts.now), parseInstantCeil(course.arrival));
    const floorDay = localDayOf(cal.timeZone, floorMin);
    const due = parseDate(byDueDay(course, opts).lastStartDate!);
    const shape = shapeOf(course);
    const profile = profileOf(course);
    const done = (d: DayNum, trial: Trial): ShiftedPlacement => {
      const rows = indexedOf(course, trial.placements, shape);
      const appointments = rows.map((b) => toBooking(cal, b));
      this.rowsOf.set(appointments, rows);
      return {
        result: { status: 'SCHEDULED', appointments, lateStart: false, firstDate: formatDate(d) },
        shifts: shifter.shifts(),
        undo: () => shifter.undoTo(0),
      };
    };
    for (let d = Math.max(parseDate(course.earliestStart), floorDay); d <= due; d++) {
      if (cal.openForCourse(profile, d) === 'closed') continue;
      const floor = d === floorDay ? floorMin : -Infinity;
      // An URGENT course's first day meets the emergency reserve as every later one does (walk).
      const admit = this.admission(search, course, d, floorDay, shape);
      if (admit === REFUSE) continue;
      const starts: Placement[] = [];
      for (const r of rooms)
        for (const s of search.slots.gapCandidates(r, d, floor, shape)) if (!admit || admit(r, s)) starts.push({ roomIdx: r, day: d, start: s });
      for (const p of starts.slice(0, SHIFT_START_CANDIDATES)) {
        const trial = this.walk(search, course, d, p.roomIdx, p.start, floorDay, rooms, shape, profile, null);
        if (trial) return done(d, trial);
        shifter.undoTo(0);
      }
      const made = shifter.makeRoom(d, rooms, shape, null, course.id, admit);
      if (!made) continue;
      const trial = this.walk(search, course, d, made.roomIdx, made.start, floorDay, rooms, shape, profile, null);
      if (trial) return done(d, trial);
      shifter.undoTo(0);
    }
    return null;
  }

  /** Nightly compaction of `day` (see Shifter.compact): the shifts stay in the index. */
  compactDay(day: DayNum, now: string, env: ShiftEnv): Shift[] {
    const shifter = new Shifter(this.calendar, this.index, this.slots.free, env, now, this.shiftReserve(now, 'ROUTINE'));
    shifter.compact(day, TIME_TOLERANCE);
    return shifter.shifts();
  }

  /** Puts a placement this search found into the index. */
  commit(appointments: Booking[]): void {
    const rows = this.rowsOf.get(appointments);
    if (rows) for (const b of rows) this.index.add(b);
    else for (const b of appointments) this.index.addBooking(b);
  }

  places(day: DayNum): Lane[][] | null {
    return this.slots.lanes.places(day);
  }

  seriesAt(course: CourseRequest, day: DayNum, r: number, s: number, nowDay: DayNum): Booking[] | null {
    // It had a place: ahead of the routine reserve, but not into the slots kept for emergencies.
    const c: CourseRequest = { ...course, urgency: 'URGENT' };
    const shape = shapeOf(c);
    const profile = profileOf(c);
    const search = this.startSearch('lanes', 'keep');
    if (this.calendar.openForCourse(profile, day) === 'closed' || !search.slots.fits(r, day, s, shape)) return null;
    const admit = this.admission(search, c, day, nowDay, shape);
    if (admit === REFUSE || (admit && !admit(r, s))) return null;
    const rooms = this.calendar.allowedRooms(c.roomKinds);
    if (!rooms.includes(r)) return null;
    const trial = this.walk(search, c, day, r, s, nowDay, rooms, shape, profile, null);
    if (!trial || trial.off > 0 || trial.roomChanges > 0) return null;
    return indexedOf(course, trial.placements, shape).map((b) => toBooking(this.calendar, b));
  }

  toBooking(b: IndexedBooking): Booking {
    return toBooking(this.calendar, b);
  }

  /**
   * On the lane template first. A course the template cannot take in time (an urgent one late,
   * or any that does not fit at all, e.g. around bookings made before the template) is tried
   * on free placement too, and takes that if it starts earlier.
   */
  private placeAnyway(course: CourseRequest, opts: AllocationOptions, reserve: ReserveMode): AllocationResult {
    const onLanes = this.searchStarts(course, opts, this.startSearch('lanes', reserve));
    if (!this.hasLanes) return onLanes;
    const late = onLanes.status !== 'SCHEDULED' || (onLanes.lateStart && course.urgency !== 'ROUTINE');
    if (!late) return onLanes;
    const free = this.searchStarts(course, opts, this.startSearch('free', reserve));
    if (free.status === 'SCHEDULED' && (onLanes.status !== 'SCHEDULED' || free.firstDate < onLanes.firstDate)) return free;
    return onLanes;
  }

  private startSearch(placement: PlacementMode, reserve: ReserveMode): StartSearch {
    // A template place is judged by the template's count alone: asking the free count too cost the
    // whole plan a third more CPU and no emergency on seeds 1-14 (bench:shifts).
    const probes = placement === 'lanes' && this.probes.length > 1 ? this.probes.slice(0, 1) : this.probes;
    return { reserve, slots: this.slots[placement], probes, admissions: new Map(), blockedUntil: -1 };
  }

  private searchStarts(course: CourseRequest, opts: AllocationOptions, search: StartSearch): AllocationResult {
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
      const courseDay = cal.openForCourse(profile, d);
      if (courseDay === 'closed') continue;
      everOpen = true;
      if (firstFeasible >= 0) {
        openDaysSince++;
        const perfect = best !== null && best.misses === 0 && best.off === 0 && best.roomChanges === 0;
        if (perfect || openDaysSince > this.options.lookaheadDays) break;
        // Never trade an on-time start for a late one to gain time-of-day consistency.
        if (firstFeasible <= dueDay && d > dueDay) break;
      }
      search.blockedUntil = -1;
      const trial = this.bestOnDay(search, course, d, rooms, d === floorDay ? floorMin : -Infinity, floorDay, shape, profile);
      if (!trial) {
        // Every candidate died on a day with no slot at all for this course. With one fraction
        // on every open day, any later start up to that day would have to use it too: skip them.
        if (search.blockedUntil > d && this.noWeeklySkips(profile, course.fractionsPerWeek, d, search.blockedUntil)) d = search.blockedUntil;
        continue;
      }
      const ahead =
        best === null ||
        trial.misses < best.misses ||
        (trial.misses === best.misses && (trial.off < best.off || (trial.off === best.off && trial.roomChanges < best.roomChanges)));
      if (ahead) {
        best = trial;
        bestDay = d;
      }
      if (firstFeasible < 0) firstFeasible = d;
    }

    if (!best && search.reserve !== 'ignore' && this.options.policy.enabled && !opts.lastStartDate) {
      // Within the live horizon the reservation may delay a course, never make it unschedulable.
      // (Offline plans cut at horizon.to: there a course that does not fit is simply not started.)
      return this.searchStarts(course, opts, { ...search, reserve: 'ignore', admissions: new Map(), blockedUntil: -1 });
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
      if (this.calendar.openForCourse(profile, d) === 'closed') continue;
      const w = weekId(d);
      const n = (counts.get(w) ?? 0) + 1;
      if (n > perWeek) return false;
      counts.set(w, n);
    }
    return true;
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

  /**
   * Which starts on `day` the course may take without eating into the urgent reserves: null
   * when any start will do, otherwise a test per (room, start).
   */
  private admission(search: StartSearch, course: CourseRequest, day: DayNum, nowDay: DayNum, shape: FractionShape): Admit | null {
    let admit = search.admissions.get(day);
    if (admit === undefined) search.admissions.set(day, (admit = this.admissionNow(search, course, day, nowDay, shape)));
    return admit;
  }

  private admissionNow(search: StartSearch, course: CourseRequest, day: DayNum, nowDay: DayNum, shape: FractionShape): Admit | null {
    if (search.reserve === 'ignore') return null;
    const probes = search.probes;
    if ((search.reserve === 'spareOtherKinds' || search.reserve === 'spareAnesthesia') && probes.length) {
      const spends = search.reserve === 'spareAnesthesia' ? SPARE_ANESTHESIA : emergencyKindOf(course);
      return (r, s) => probes.every((p) => p.admits(placedAt(r, day, s, shape), spends));
    }
    const policy = this.options.policy;
    const { emergency, urgent } = reservedShares(policy, course.urgency, day - nowDay);
    // Measured in usable minutes (whole pieces of idle gaps): minutes lost in slivers cannot
    // serve an urgent course, so they must not count as its reserve.
    const open = this.openMinutes(day);
    if (urgent > 0 && this.index.usableFreeMinutes(day, 30) - course.fractionMinutes < urgent * open) return REFUSE;
    if (urgent > 0) {
      // On a lane template the reserve also holds for this kind of place: children's places
      // (anesthesia above all) are few, and the day's total alone would let routine children
      // take them all.
      const places = search.slots.laneCount(day, shape);
      if (places && places[0] - 1 < urgent * places[1]) return REFUSE;
    }
    return this.emergencyAdmission(probes, course, day, emergency, shape);
  }

  /**
   * The emergency reserve's part of a course's admission on `day`, `share` being its share of the day
   * (reservedShares); with `before`, the slots are those the day had then (a shift in progress).
   */
  private emergencyAdmission(
    probes: readonly EmergencyProbe[],
    course: CourseRequest,
    day: DayNum,
    share: number,
    shape: FractionShape,
    before?: readonly EmergencySnapshot[],
  ): Admit | null {
    if (share <= 0) return null;
    if (!probes.length) {
      // Routine courses leave the emergency reserve in pieces long enough for a child's
      // fraction; urgent ones (rarer, and due soon) only need to leave it in standard pieces.
      const piece = course.urgency === 'ROUTINE' ? EMERGENCY_PIECE : 30;
      return this.index.usableFreeMinutes(day, piece) - course.fractionMinutes < share * this.openMinutes(day) ? REFUSE : null;
    }
    const floor = course.urgency === 'URGENT' ? this.options.policy.emergencySlotsFromUrgent : undefined;
    if (before) return (r, s) => probes.every((p, i) => p.keeps(before[i], placedAt(r, day, s, shape), floor));
    return (r, s) => probes.every((p) => p.admits(placedAt(r, day, s, shape), undefined, floor));
  }

  /**
   * Where a shifted fraction may go: the emergency reserve holds for it as for an ordinary placement
   * of its course now (same probe, same policy), or shifting would fill the room time kept free for
   * tomorrow's emergency. Against the day before the shift began, and its emergency share only: the
   * shifted fraction was booked on the day already, so the routine ramp has counted it. An EMERGENCY
   * course's fraction moved for someone else (`by`: the course that shifts, ROUTINE for the nightly
   * compaction) is tested as that course's would be: its own emergency does not need the move, and
   * otherwise an URGENT course took the reserve through it (seed 4: a child's emergency fraction
   * moved into the anesthesia slot of the day an adult's emergency then found full).
   */
  private shiftReserve(now: string, by: Urgency): ReserveTest {
    const nowDay = localDayOf(this.calendar.timeZone, parseInstantCeil(now));
    return (day) => {
      const before = this.probes.map((p) => p.snapshot(day));
      return (course, shape) => {
        const as: CourseRequest = course.urgency === 'EMERGENCY' && by !== 'EMERGENCY' ? { ...course, urgency: by } : course;
        return this.emergencyAdmission(this.probes, as, day, reservedShares(this.options.policy, as.urgency, day - nowDay).emergency, shape, before);
      };
    };
  }

  private bestOnDay(
    search: StartSearch,
    course: CourseRequest,
    d: DayNum,
    rooms: number[],
    floor: number,
    nowDay: DayNum,
    shape: FractionShape,
    profile: CourseProfile,
  ): Trial | null {
    const admit = this.admission(search, course, d, nowDay, shape);
    if (admit === REFUSE) return null;
    let best: Trial | null = null;
    const seen = new Set<number>();
    search.deadEnd = false;
    for (const r of rooms) {
      for (const s of search.slots.gapCandidates(r, d, floor, shape)) {
        const key = s * 64 + r;
        if (seen.has(key) || (admit && !admit(r, s))) continue;
        seen.add(key);
        const trial = this.walk(search, course, d, r, s, nowDay, rooms, shape, profile, best);
        // Every walk from day d meets the same treatment days (nothing is booked meanwhile, and
        // whether a day has any slot for the course does not depend on where the walk started),
        // so when one met a day without a slot the others would too, or stop earlier on the bound.
        if (search.deadEnd) return best;
        if (trial && (!best || better(trial, best))) best = trial;
        if (best && best.misses === 0 && best.off === 0 && best.roomChanges === 0 && best.waste === 0) return best;
      }
    }
    return best;
  }

  /** Places every fraction given the first one at (r0, s0) on day d0; null when a treatment day has no slot. */
  private walk(
    search: StartSearch,
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
    const slots = search.slots;
    const tod = s0 - localMidnight(tz, d0);
    const preferred = preferredMinutesOf(course.preferredWindow);
    const missed = (d: DayNum, s: number) => (preferred && !insidePreferred(preferred, s - localMidnight(tz, d), shape.minutes) ? 1 : 0);
    const placements: Placement[] = [{ roomIdx: r0, day: d0, start: s0 }];
    const trial: Trial = { placements, misses: missed(d0, s0), off: 0, roomChanges: 0, waste: slots.waste(r0, d0, s0, shape), shift: 0 };
    const weekCount = new Map<number, number>([[weekId(d0), 1]]);
    const maxDay = d0 + course.fractions * 7 + 70;
    for (let d = d0 + 1; placements.length < course.fractions; d++) {
      if (d > maxDay) return null;
      const courseDay = cal.openForCourse(profile, d);
      if (courseDay === 'closed') continue;
      const w = weekId(d);
      const wc = weekCount.get(w) ?? 0;
      if (wc >= course.fractionsPerWeek) continue;
      const admit = this.admission(search, course, d, nowDay, shape);
      let p = admit === REFUSE ? null : placeOnDay(slots, d, r0, localMidnight(tz, d) + tod, rooms, shape, -Infinity, admit);
      if (!p && search.shifter) p = search.shifter.makeRoom(d, rooms, shape, localMidnight(tz, d) + tod, course.id, admit);
      if (!p) {
        if (courseDay === 'skippable') continue;
        search.blockedUntil = Math.max(search.blockedUntil, d);
        // A shift makes room near the walk's own time of day, so with shifts other walks may pass.
        search.deadEnd = !search.shifter;
        return null;
      }
      const target = localMidnight(tz, d) + tod;
      const dev = Math.abs(p.start - target);
      if (dev > TIME_TOLERANCE) trial.off++;
      trial.misses += missed(d, p.start);
      if (p.roomIdx !== r0) trial.roomChanges++;
      trial.shift += dev;
      trial.waste += slots.waste(p.roomIdx, d, p.start, shape);
      placements.push(p);
      weekCount.set(w, wc + 1);
      if (bound && worseSoFar(trial, bound)) return null;
    }
    return trial;
  }
}

/**
 * A partial walk can no longer beat `bound`: every count of a trial only grows as the walk goes
 * on, and a trial that grows in every count never moves up the ranking, so one that does not rank
 * above `bound` now never will (a tie does not replace the best either). Packing counts too: most
 * candidates of a day tie on the first three, and walking each to its last fraction to lose on
 * waste was most of a forecast's time.
 */
export function worseSoFar(t: Trial, bound: Trial): boolean {
  return !better(t, bound);
}

function indexedOf(course: CourseRequest, placements: Placement[], shape: FractionShape): IndexedBooking[] {
  return placements.map((p, i) => ({
    courseId: course.id,
    fraction: i + 1,
    roomIdx: p.roomIdx,
    day: p.day,
    start: p.start,
    end: p.start + shape.minutes,
    beamStart: p.start + shape.beamOffset,
    beamEnd: p.start + shape.beamOffset + shape.beamMinutes,
    anesthesia: shape.anesthesia,
  }));
}

function validateCourse(c: CourseRequest): string | null {
  if (!Number.isInteger(c.fractions) || c.fractions < 1 || c.fractions > 45) return `The course has ${c.fractions} fractions; 1 to 45 are allowed.`;
  if (!Number.isInteger(c.fractionsPerWeek) || c.fractionsPerWeek < 1 || c.fractionsPerWeek > 7)
    return `fractionsPerWeek is ${c.fractionsPerWeek}; 1 to 5 (at most 7) are allowed.`;
  if (!(c.fractionMinutes > 0) || !Number.isInteger(c.fractionMinutes)) return `fractionMinutes must be a positive whole number of minutes.`;
  if (c.beamMinutes < 0 || c.beamOffsetMinutes < 0 || c.beamOffsetMinutes + c.beamMinutes > c.fractionMinutes)
    return `The beam interval (offset ${c.beamOffsetMinutes} + ${c.beamMinutes} min) must lie inside the ${c.fractionMinutes}-minute fraction.`;
  return null;
}

function unschedulableReason(course: CourseRequest, cal: CenterCalendar, rooms: number[], everOpen: boolean, firstDay: DayNum, lastDay: DayNum): string {
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
