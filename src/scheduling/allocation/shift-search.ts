/**
 * The small search behind bounded shifts: on a day with no place for a fraction, find a place
 * whose occupants (at most two bookings, in the room or on the shared beam) can each move within
 * the limits (shift-limits.ts) to a free start on the same day, and move them. Deterministic:
 * rooms in index order, places nearest the wanted time first, victims relocated nearest their
 * booked start. Every change is journalled in the index so a caller can take it back (a trial
 * that fails, or a search that must not commit). A shifted fraction's new place passes the emergency
 * reserve's test its course's ordinary placement passes (ReserveTest): shifts must not fill the room
 * time kept free for tomorrow's emergency.
 */
import { Booking, CourseRequest, Shift, ShiftRecord } from '../types';
import { DayNum, parseDate, weekId } from '../time/civil-day';
import { parseInstantCeil } from '../time/zone';
import { CenterCalendar } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking, toBooking } from './booking-index';
import { FractionShape, placedAt, shapeOf, SlotFinder } from './slot-finder';
import { Admit, Placement, REFUSE } from './day-placement';
import { firstShiftableDay, patientKeyOf, SHIFT_REASON_PREFIX, ShiftPolicy } from './shift-limits';

/** More occupants than this for one place is no longer a small shift. */
const MAX_VICTIMS = 2;
/** Places tried per room and day (nearest the wanted time first). */
const MAX_PLACES_PER_ROOM = 24;

export interface ShiftEnv {
  /** Courses whose booked fractions may be shifted, by id (the others are left alone). */
  courses: ReadonlyMap<string, CourseRequest>;
  policy: ShiftPolicy;
  /** Shifts made before, for the weekly limit. */
  history: readonly ShiftRecord[];
  /** Reason text for the history; names what the shift made room for. */
  reason: string;
}

/**
 * The emergency reserve of `day` as booked now: then, for a shifted fraction of `course`, its test as
 * the course's ordinary placement meets it (course-search.ts), against the day as it was when asked:
 * null when any start will do, REFUSE when none will.
 */
export type ReserveTest = (day: DayNum) => (course: CourseRequest, shape: FractionShape) => Admit | null;

const NO_RESERVE: ReserveTest = () => () => null;

interface Entry {
  oldRef: number;
  newRef: number;
  shift: Shift;
  weekKey: string;
  courseId: string;
}

export class Shifter {
  private readonly journal: Entry[] = [];
  private readonly perWeek = new Map<string, number>();
  private readonly perCourse = new Map<string, number>();
  private readonly firstDay: DayNum;

  constructor(
    private readonly cal: CenterCalendar,
    private readonly index: BookingIndex,
    private readonly slots: SlotFinder,
    private readonly env: ShiftEnv,
    now: string,
    private readonly reserve: ReserveTest = NO_RESERVE,
  ) {
    this.firstDay = firstShiftableDay(cal, parseInstantCeil(now), env.policy);
    for (const r of env.history) {
      this.bump(this.perWeek, `${r.patientKey}|${weekOfDate(r.date)}`, 1);
      if (r.courseId) this.bump(this.perCourse, r.courseId, 1);
    }
  }

  /** Position in the journal, for undoTo. */
  mark(): number {
    return this.journal.length;
  }

  /** Takes back every shift made since `mark`. */
  undoTo(mark: number): void {
    while (this.journal.length > mark) {
      const e = this.journal.pop()!;
      this.index.remove(e.newRef);
      this.index.restore(e.oldRef);
      this.bump(this.perWeek, e.weekKey, -1);
      this.bump(this.perCourse, e.courseId, -1);
    }
  }

  /** The shifts in force, oldest first; a fraction shifted twice shows once, from its booked place. */
  shifts(): Shift[] {
    const byOld = new Map<number, Entry>();
    const chain = new Map<number, number>();
    for (const e of this.journal) {
      const root = chain.get(e.oldRef) ?? e.oldRef;
      chain.set(e.newRef, root);
      const first = byOld.get(root);
      byOld.set(root, first ? { ...e, shift: { ...first.shift, to: e.shift.to } } : e);
    }
    return [...byOld.values()].map((e) => e.shift);
  }

  /**
   * Makes a place for a fraction of `shape` on `day` in one of `rooms`, nearest `target` (or the
   * earliest) by shifting bookings of other courses; null (and nothing moved) when none can be made.
   * `admit` is the course's own reserve test for the day, asked of the place as the day is booked now.
   */
  makeRoom(day: DayNum, rooms: number[], shape: FractionShape, target: number | null, forCourse: string, admit: Admit | null = null): Placement | null {
    if (day < this.firstDay || admit === REFUSE) return null;
    const reserve = this.reserve(day);
    for (const [r, s] of this.places(day, rooms, shape, target)) {
      const victims = this.occupants(r, day, s, shape);
      if (!victims || victims.length === 0 || victims.length > MAX_VICTIMS) continue;
      if (!victims.every((ref) => this.shiftable(ref, forCourse))) continue;
      if (admit && !admit(r, s)) continue;
      for (const ref of victims) this.index.remove(ref);
      const mark = this.mark();
      if (!this.slots.fits(r, day, s, shape)) {
        for (const ref of victims) this.index.restore(ref);
        continue;
      }
      // Booked for real while the occupants move, not as a temporary: the reserve test caches its
      // count of the day by the index's version, which a temporary booking does not change.
      const held = this.index.add({ ...placedAt(r, day, s, shape), courseId: forCourse, fraction: 0 });
      const ok = victims.every((ref) => this.relocate(ref, reserve));
      this.index.remove(held);
      if (ok) return { roomIdx: r, day, start: s };
      this.undoTo(mark);
      for (const ref of victims) this.index.restore(ref);
    }
    return null;
  }

  /**
   * Nightly compaction of one day: in each room, bookings are pulled earlier (within the limits)
   * against their neighbour so the slivers between them merge into one free run after them. A
   * room's pulls are kept only if the day then has more usable free minutes (whole `unit`-minute
   * pieces); otherwise they are taken back. Deterministic: rooms in index order, bookings by start.
   */
  compact(day: DayNum, unit: number): void {
    if (day < this.firstDay) return;
    const reserve = this.reserve(day);
    const rds = this.cal.roomDaysOf(day);
    for (let r = 0; r < rds.length; r++) {
      const mark = this.mark();
      const before = this.index.usableFreeMinutes(day, unit);
      for (const sp of [...(this.index.roomSpans(r, day) ?? [])]) {
        if (!this.shiftable(sp.ref, '')) continue;
        const b = this.index.all[sp.ref];
        const course = this.env.courses.get(b.courseId)!;
        const shape = shapeOf(course);
        this.index.remove(sp.ref);
        const admit = reserve(course, shape);
        const s = admit === REFUSE ? null : this.slots.earliestFit(r, day, b.start - this.env.policy.windowMinutes, b.start - 1, shape);
        if (s === null || (admit && !admit(r, s))) this.index.restore(sp.ref);
        else this.moveTo(sp.ref, r, s, shape);
      }
      if (this.index.usableFreeMinutes(day, unit) <= before) this.undoTo(mark);
    }
  }

  /** Candidate places: at or flush against either end of each booking, nearest the target first. */
  private places(day: DayNum, rooms: number[], shape: FractionShape, target: number | null): Array<[number, number]> {
    const out: Array<[number, number, number]> = [];
    for (const r of rooms) {
      const spans = this.index.roomSpans(r, day) ?? [];
      const seen = new Set<number>();
      const mine: Array<[number, number, number]> = [];
      for (const sp of spans) {
        for (const s of [sp.s, sp.e - shape.minutes, sp.e, sp.s - shape.minutes]) {
          if (seen.has(s)) continue;
          seen.add(s);
          mine.push([r, s, target === null ? s : Math.abs(s - target)]);
        }
      }
      mine.sort((a, b) => a[2] - b[2] || a[1] - b[1]);
      out.push(...mine.slice(0, MAX_PLACES_PER_ROOM));
    }
    out.sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]);
    return out.map(([r, s]) => [r, s]);
  }

  /** Bookings a fraction at (r, s) would clash with in its room or on the shared beam. */
  private occupants(r: number, day: DayNum, s: number, shape: FractionShape): number[] | null {
    const refs = new Set<number>();
    const e = s + shape.minutes;
    for (const sp of this.index.roomSpans(r, day) ?? []) if (sp.s < e && s < sp.e) refs.add(sp.ref);
    if (this.cal.center.sharedBeam && shape.beamMinutes > 0) {
      const bs = s + shape.beamOffset;
      const be = bs + shape.beamMinutes;
      for (const sp of this.index.beamSpans(day) ?? []) if (sp.s < be && bs < sp.e) refs.add(sp.ref);
    }
    return refs.size > MAX_VICTIMS ? null : [...refs];
  }

  private shiftable(ref: number, forCourse: string): boolean {
    const b = this.index.all[ref];
    if (!b || b.removed || b.anesthesia || b.courseId === forCourse || b.day < this.firstDay) return false;
    const course = this.env.courses.get(b.courseId);
    if (!course || course.requiresAnesthesia) return false;
    const policy = this.env.policy;
    return (this.perWeek.get(weekKey(course, b.day)) ?? 0) < policy.perPatientPerWeek && (this.perCourse.get(course.id) ?? 0) < policy.perCourse;
  }

  /** Moves booking `ref` (already out of the index) to the nearest free start within the window the reserve allows. */
  private relocate(ref: number, reserve: ReturnType<ReserveTest>): boolean {
    const b = this.index.all[ref];
    const course = this.env.courses.get(b.courseId)!;
    const shape = shapeOf(course);
    const window = this.env.policy.windowMinutes;
    const admit = reserve(course, shape);
    if (admit === REFUSE) return false;
    let best: { r: number; s: number; cost: number } | null = null;
    for (const r of this.cal.allowedRooms(course.roomKinds)) {
      const s = this.slots.nearestFit(r, b.day, b.start, window, -Infinity, shape, (x) => x !== b.start && (!admit || admit(r, x)));
      if (s === null) continue;
      // Staying in the same room is worth a few minutes of drift: the patient knows the room.
      const cost = Math.abs(s - b.start) + (r === b.roomIdx ? 0 : 5);
      if (!best || cost < best.cost) best = { r, s, cost };
    }
    if (!best) return false;
    this.moveTo(ref, best.r, best.s, shape);
    return true;
  }

  /** Books `ref` (already out of the index) again at (r, s) on its day, journalled and counted. */
  private moveTo(ref: number, r: number, s: number, shape: FractionShape): void {
    const b = this.index.all[ref];
    const course = this.env.courses.get(b.courseId)!;
    const moved: IndexedBooking = { ...b, ...placedAt(r, b.day, s, shape), removed: undefined };
    const newRef = this.index.add(moved);
    const key = weekKey(course, b.day);
    this.bump(this.perWeek, key, 1);
    this.bump(this.perCourse, b.courseId, 1);
    const from: Booking = toBooking(this.cal, b);
    this.journal.push({
      oldRef: ref,
      newRef,
      weekKey: key,
      courseId: b.courseId,
      shift: {
        ...(b.id ? { bookingId: b.id } : {}),
        courseId: b.courseId,
        fraction: b.fraction,
        from,
        to: toBooking(this.cal, moved),
        reason: this.env.reason,
      },
    });
  }

  private bump(counts: Map<string, number>, key: string, by: number): void {
    counts.set(key, (counts.get(key) ?? 0) + by);
  }
}

/** The reason a shift carries in the history: what it made room for. */
export function shiftReason(what: string, policy: ShiftPolicy): string {
  return `${SHIFT_REASON_PREFIX} by at most ${policy.windowMinutes} min on the same day ${what}.`;
}

function weekKey(course: CourseRequest, day: DayNum): string {
  return `${patientKeyOf(course)}|${weekId(day)}`;
}

function weekOfDate(date: string): number {
  return weekId(parseDate(date));
}
