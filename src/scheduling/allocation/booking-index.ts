/**
 * What is already booked, indexed for the allocator's hot path: per room per day the sorted
 * room intervals, per day the beam intervals (all rooms) and the anesthesia intervals, and the
 * booked room minutes per day. All times are epoch minutes.
 */
import { Booking } from '../types';
import { DayNum } from '../time/civil-day';
import { formatInstant, localDayOf, parseInstant } from '../time/zone';
import { CenterCalendar } from '../calendar/center-calendar';

/** A booked span; `ref` points back at the booking it came from (for the rescheduler). */
export interface Span {
  s: number;
  e: number;
  ref: number;
}

export interface IndexedBooking {
  courseId: string;
  fraction: number;
  roomIdx: number;
  day: DayNum;
  start: number;
  end: number;
  beamStart: number;
  beamEnd: number;
  anesthesia: boolean;
  id?: string;
  removed?: boolean;
}

/** Index of the first span starting at or after `s` in `arr` (sorted by start). */
function lowerBound(arr: Span[], s: number): number {
  // Bisected here rather than through firstReached: one test per hot call site keeps it inlined.
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid].s >= s) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Index of the first span ending after `t` in `arr` (sorted by start, and not overlapping, so
 * sorted by end too: one room's bookings, or the shared beam's).
 */
export function firstEndingAfter(arr: readonly Span[], t: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid].e > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function insertSorted(arr: Span[], span: Span): void {
  arr.splice(lowerBound(arr, span.s), 0, span);
}

/** Removes the span of `ref` that starts at `s` (bisecting: the probe adds and removes constantly). */
function removeRef(arr: Span[] | undefined, ref: number, s: number): void {
  if (!arr) return;
  for (let i = lowerBound(arr, s); i < arr.length && arr[i].s === s; i++) {
    if (arr[i].ref === ref) {
      arr.splice(i, 1);
      return;
    }
  }
  const i = arr.findIndex((x) => x.ref === ref);
  if (i >= 0) arr.splice(i, 1);
}

/** First span in sorted `arr` that overlaps [s, e), or undefined. */
export function firstOverlap(arr: Span[] | undefined, s: number, e: number): Span | undefined {
  if (!arr || arr.length === 0) return undefined;
  const c = arr[firstEndingAfter(arr, s)];
  return c && c.s < e ? c : undefined;
}

/** Last span overlapping [s, e) — used when searching backwards. */
export function lastOverlap(arr: Span[] | undefined, s: number, e: number): Span | undefined {
  if (!arr || arr.length === 0) return undefined;
  const c = arr[lowerBound(arr, e) - 1];
  return c && c.e > s ? c : undefined;
}

/** One step of a day's version: a booking added or removed. */
export interface Change {
  booking: IndexedBooking;
  added: boolean;
}

export class BookingIndex {
  readonly all: IndexedBooking[] = [];
  private readonly rooms = new Map<number, Span[]>();
  private readonly beam = new Map<DayNum, Span[]>();
  private readonly anesthesia = new Map<DayNum, Span[]>();
  private readonly dayMinutes = new Map<DayNum, number>();
  private readonly roomMinutes = new Map<number, number>();
  private readonly nRooms: number;
  /** usableFreeMinutes per day and unit: per room and in all, as of a version of the day. */
  private readonly usableCache = new Map<DayNum, Map<number, { version: number; rooms: number[]; total: number }>>();
  private readonly versions = new Map<DayNum, number>();
  /** Per day, what each version change was: the booking added or removed (see changesSince). */
  private readonly changes = new Map<DayNum, Change[]>();
  private readonly byCourse = new Map<string, number[]>();

  constructor(readonly cal: CenterCalendar) {
    this.nRooms = Math.max(1, cal.rooms.length);
  }

  key(roomIdx: number, day: DayNum): number {
    return day * this.nRooms + roomIdx;
  }

  roomSpans(roomIdx: number, day: DayNum): Span[] | undefined {
    return this.rooms.get(this.key(roomIdx, day));
  }

  beamSpans(day: DayNum): Span[] | undefined {
    return this.beam.get(day);
  }

  anesthesiaSpans(day: DayNum): Span[] | undefined {
    return this.anesthesia.get(day);
  }

  bookedMinutes(day: DayNum): number {
    return this.dayMinutes.get(day) ?? 0;
  }

  roomBookedMinutes(roomIdx: number, day: DayNum): number {
    return this.roomMinutes.get(this.key(roomIdx, day)) ?? 0;
  }

  /**
   * Free room minutes of a day that could still take a standard fraction: each idle gap counts
   * in whole `unit`-minute pieces, so slivers between bookings do not count as capacity.
   */
  usableFreeMinutes(day: DayNum, unit: number): number {
    let perUnit = this.usableCache.get(day);
    if (!perUnit) this.usableCache.set(day, (perUnit = new Map()));
    const version = this.version(day);
    let usable = perUnit.get(unit);
    if (!usable) {
      const rooms = this.cal.roomDaysOf(day).map((_, r) => this.usableRoomMinutes(r, day, unit));
      perUnit.set(unit, (usable = { version, rooms, total: rooms.reduce((a, b) => a + b, 0) }));
    } else if (usable.version !== version) {
      // The admission asks after every commit: only the rooms that changed are walked again.
      for (const r of new Set(this.changesSince(day, usable.version).map((c) => c.booking.roomIdx))) {
        const now = this.usableRoomMinutes(r, day, unit);
        usable.total += now - usable.rooms[r];
        usable.rooms[r] = now;
      }
      usable.version = version;
    }
    return usable.total;
  }

  private usableRoomMinutes(r: number, day: DayNum, unit: number): number {
    let free = 0;
    const spans = this.roomSpans(r, day) ?? [];
    for (const [os, oe] of this.cal.roomDaysOf(day)[r].open) {
      let cursor = os;
      for (const sp of spans) {
        if (sp.e <= os || sp.s >= oe) continue;
        if (sp.s > cursor) free += Math.floor((sp.s - cursor) / unit) * unit;
        cursor = Math.max(cursor, sp.e);
      }
      if (oe > cursor) free += Math.floor((oe - cursor) / unit) * unit;
    }
    return free;
  }

  /** Changes whenever a booking of the day is added or removed (for callers' own caches). */
  version(day: DayNum): number {
    return this.versions.get(day) ?? 0;
  }

  /**
   * The bookings added to the day since it had `version`, when nothing was removed meanwhile (else
   * null): a count made at that version can be brought up to date instead of made again.
   */
  additionsSince(day: DayNum, version: number): IndexedBooking[] | null {
    const since = this.changesSince(day, version);
    return since.every((c) => c.added) ? since.map((c) => c.booking) : null;
  }

  /** Every booking added to or removed from the day since it had `version`, in order. */
  changesSince(day: DayNum, version: number): readonly Change[] {
    return (this.changes.get(day) ?? []).slice(version);
  }

  private changed(day: DayNum, booking: IndexedBooking, added: boolean): void {
    this.versions.set(day, this.version(day) + 1);
    let log = this.changes.get(day);
    if (!log) this.changes.set(day, (log = []));
    log.push({ booking, added });
  }

  addBooking(b: Booking): number {
    const roomIdx = this.cal.roomIndex.get(b.roomId);
    if (roomIdx === undefined) throw new RangeError(`booking of course ${b.courseId} names unknown room ${b.roomId}`);
    const start = parseInstant(b.start);
    return this.add({
      id: b.id,
      courseId: b.courseId,
      fraction: b.fraction,
      roomIdx,
      day: localDayOf(this.cal.timeZone, start),
      start,
      end: parseInstant(b.end),
      beamStart: parseInstant(b.beamStart),
      beamEnd: parseInstant(b.beamEnd),
      anesthesia: b.anesthesia,
    });
  }

  add(b: IndexedBooking): number {
    const ref = this.all.length;
    this.all.push(b);
    const refs = this.byCourse.get(b.courseId);
    if (refs) refs.push(ref);
    else this.byCourse.set(b.courseId, [ref]);
    this.insert(b, ref);
    return ref;
  }

  /** Live bookings of one course (refs into `all`), in the order they were added. */
  courseRefs(courseId: string): number[] {
    return (this.byCourse.get(courseId) ?? []).filter((ref) => !this.all[ref].removed);
  }

  /** Puts a removed booking back under its old ref (undoing a trial removal keeps callers' refs valid). */
  restore(ref: number): void {
    const b = this.all[ref];
    if (!b || !b.removed) return;
    b.removed = false;
    this.insert(b, ref);
  }

  private insert(b: IndexedBooking, ref: number): void {
    this.changed(b.day, b, true);
    const k = this.key(b.roomIdx, b.day);
    let arr = this.rooms.get(k);
    if (!arr) this.rooms.set(k, (arr = []));
    insertSorted(arr, { s: b.start, e: b.end, ref });
    if (b.beamEnd > b.beamStart) {
      let bs = this.beam.get(b.day);
      if (!bs) this.beam.set(b.day, (bs = []));
      insertSorted(bs, { s: b.beamStart, e: b.beamEnd, ref });
    }
    if (b.anesthesia) {
      let an = this.anesthesia.get(b.day);
      if (!an) this.anesthesia.set(b.day, (an = []));
      // Anesthesia spans may overlap when teams > 1, so this list is scanned, not bisected.
      an.push({ s: b.start, e: b.end, ref });
      an.sort((x, y) => x.s - y.s);
    }
    this.dayMinutes.set(b.day, this.bookedMinutes(b.day) + (b.end - b.start));
    this.roomMinutes.set(k, (this.roomMinutes.get(k) ?? 0) + (b.end - b.start));
  }

  /**
   * Runs `fn` with `b`'s room, beam and anesthesia spans in place, then takes them out: enough
   * for slot searches (they read only spans), and no trace in `all`, counters or versions. The
   * emergency probe asks this for a large share of all candidate starts, so it must be cheap.
   */
  withTemporary<T>(b: Omit<IndexedBooking, 'courseId' | 'fraction'>, fn: () => T): T {
    const ref = -1;
    const room = this.spanList(this.rooms, this.key(b.roomIdx, b.day));
    insertSorted(room, { s: b.start, e: b.end, ref });
    const beam = b.beamEnd > b.beamStart ? this.spanList(this.beam, b.day) : null;
    if (beam) insertSorted(beam, { s: b.beamStart, e: b.beamEnd, ref });
    const an = b.anesthesia ? this.spanList(this.anesthesia, b.day) : null;
    if (an) insertSorted(an, { s: b.start, e: b.end, ref });
    try {
      return fn();
    } finally {
      removeRef(room, ref, b.start);
      if (beam) removeRef(beam, ref, b.beamStart);
      if (an) removeRef(an, ref, b.start);
    }
  }

  private spanList<K>(map: Map<K, Span[]>, key: K): Span[] {
    let arr = map.get(key);
    if (!arr) map.set(key, (arr = []));
    return arr;
  }

  remove(ref: number): void {
    const b = this.all[ref];
    if (!b || b.removed) return;
    b.removed = true;
    this.changed(b.day, b, false);
    const k = this.key(b.roomIdx, b.day);
    removeRef(this.rooms.get(k), ref, b.start);
    removeRef(this.beam.get(b.day), ref, b.beamStart);
    removeRef(this.anesthesia.get(b.day), ref, b.start);
    this.dayMinutes.set(b.day, this.bookedMinutes(b.day) - (b.end - b.start));
    this.roomMinutes.set(k, (this.roomMinutes.get(k) ?? 0) - (b.end - b.start));
  }
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
