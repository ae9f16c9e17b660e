/**
 * The downtime rescheduler's running list of bookings, kept per course. It reads one course's
 * bookings per step and, to make room, the first booking of every course not started yet; a flat
 * list of the year (~19,000 bookings) rescanned and re-parsed per hit fraction made a three-week
 * downtime take seconds.
 *
 * It behaves as the flat list it replaces: each booking has the position it would hold there (a
 * replacement takes the old one's, an appended booking comes after all), so a course's bookings
 * come out in that list's order and courses can be ordered by where their first booking stands.
 */
import { Booking } from '../types';
import { DayNum } from '../time/civil-day';
import { localDayOf, parseInstant } from '../time/zone';

interface Entry {
  booking: Booking;
  /** Its position in the flat list (only the order counts). */
  position: number;
}

/** A course's earliest booking (the first in list order among equal starts), with its start and day. */
export interface FirstBooking {
  booking: Booking;
  start: number;
  day: DayNum;
  /** Where the course's first booking in list order stands: orders courses as the flat list met them. */
  position: number;
}

export class BookingsByCourse {
  private readonly lists = new Map<string, Entry[]>();
  private readonly firsts = new Map<string, FirstBooking>();
  private readonly starts = new Map<Booking, number>();
  private nextPosition = 0;

  constructor(
    private readonly timeZone: string,
    bookings: Booking[],
  ) {
    for (const b of bookings) this.append(b);
  }

  /** The booking's start in epoch minutes, parsed once. */
  start(b: Booking): number {
    let s = this.starts.get(b);
    if (s === undefined) this.starts.set(b, (s = parseInstant(b.start)));
    return s;
  }

  /** The course's bookings in list order (a new array). */
  of(courseId: string): Booking[] {
    return (this.lists.get(courseId) ?? []).map((e) => e.booking);
  }

  append(b: Booking): void {
    const list = this.lists.get(b.courseId);
    const entry = { booking: b, position: this.nextPosition++ };
    if (list) list.push(entry);
    else this.lists.set(b.courseId, [entry]);
    this.firsts.delete(b.courseId);
  }

  /** Puts `by` (of the same course) where `old` stands; nothing when `old` is not in the list. */
  replace(old: Booking, by: Booking): void {
    const entry = this.lists.get(old.courseId)?.find((e) => e.booking === old);
    if (!entry) return;
    entry.booking = by;
    this.firsts.delete(old.courseId);
  }

  remove(b: Booking): void {
    const list = this.lists.get(b.courseId);
    const i = list ? list.findIndex((e) => e.booking === b) : -1;
    if (i < 0) return;
    list!.splice(i, 1);
    this.firsts.delete(b.courseId);
  }

  /** The course's earliest booking; undefined when it has none. */
  first(courseId: string): FirstBooking | undefined {
    const cached = this.firsts.get(courseId);
    if (cached) return cached;
    const list = this.lists.get(courseId);
    if (!list || list.length === 0) return undefined;
    let earliest = list[0].booking;
    for (const e of list) if (this.start(e.booking) < this.start(earliest)) earliest = e.booking;
    const start = this.start(earliest);
    const first = { booking: earliest, start, day: localDayOf(this.timeZone, start), position: list[0].position };
    this.firsts.set(courseId, first);
    return first;
  }
}
