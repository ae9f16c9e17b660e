/**
 * Releasing held capacity to the routine queue. Capacity kept for urgent arrivals that did not
 * come is free a couple of days ahead, when no newly arriving routine course can use it: its
 * series would run into weeks booked long ago. A routine course already booked later in the same
 * place can: started on the free day, its series runs through the free days up to its old first
 * fraction and then on in its own places, and it ends that many days earlier. The patient starts
 * earlier at the same time of day and in the same room, with the notice a displaced patient gets;
 * the days it frees at its end are offered, in turn, to the next course in that place when they
 * come near.
 */
import { Booking, CourseRequest, Move } from '../types';
import { DayNum, formatDate, parseDate } from '../time/civil-day';
import { localMidnight } from '../time/zone';
import { CenterCalendar } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking } from './booking-index';
import { Lane } from './lane-template';
import { relocationMoves } from './relocation-moves';

export interface EarlyStartPolicy {
  /** A free place is offered this many calendar days ahead (the routine reserve is released by then). */
  noticeDays: number;
  /** How far past the free day the next course in the place may start (calendar days). */
  searchDays: number;
}

export const DEFAULT_EARLY_START: EarlyStartPolicy = { noticeDays: 2, searchDays: 70 };

export interface EarlyStartHost {
  readonly index: BookingIndex;
  readonly calendar: CenterCalendar;
  /** The day's template places per room, or null without a template. */
  places(day: DayNum): Lane[][] | null;
  /** The course's series started at (room, start) on `day`, same time of day and room throughout; null when it does not fit. */
  seriesAt(course: CourseRequest, day: DayNum, roomIdx: number, start: number, nowDay: DayNum): Booking[] | null;
  toBooking(b: IndexedBooking): Booking;
}

export interface EarlyStart {
  courseId: string;
  firstDate: string;
  lateStart: boolean;
  moves: Move[];
}

/**
 * Offers the free places of `day` to the routine courses booked next in the same places.
 * `courses` are the courses whose bookings may move (not started: checked here).
 */
export function offerEarlierStarts(
  host: EarlyStartHost,
  day: DayNum,
  nowDay: DayNum,
  courses: ReadonlyMap<string, CourseRequest>,
  policy: EarlyStartPolicy,
): EarlyStart[] {
  const { index, calendar } = host;
  const places = host.places(day);
  if (!places) return [];
  const out: EarlyStart[] = [];
  const mid = localMidnight(calendar.timeZone, day);
  places.forEach((roomPlaces, r) => {
    for (const place of roomPlaces) {
      if (occupied(index, r, day, place)) continue;
      // Only the next course in the place can take it without jumping over anyone's booking.
      const next = nextInPlace(index, calendar, r, day, place.start - mid, place.minutes, policy.searchDays);
      if (!next || next.fraction !== 1) continue;
      const course = courses.get(next.courseId);
      if (!course || course.urgency !== 'ROUTINE' || parseDate(course.earliestStart) > day) continue;
      if (course.fractionMinutes > place.minutes || course.requiresAnesthesia !== place.anesthesia) continue;
      const refs = index.courseRefs(course.id);
      if (refs.length !== course.fractions) continue;
      for (const ref of refs) index.remove(ref);
      const series = host.seriesAt(course, day, r, place.start, nowDay);
      if (!series) {
        for (const ref of refs) index.restore(ref);
        continue;
      }
      // A removed booking keeps its fields: formatted only for the offers that are taken (most are not).
      const old = refs.map((ref) => host.toBooking(index.all[ref]));
      for (const b of series) index.addBooking(b);
      const firstDate = formatDate(day);
      const reason = `Started earlier: a place at the same time and in the same room came free on ${firstDate}.`;
      out.push({
        courseId: course.id,
        firstDate,
        lateStart: firstDate > course.dueStart,
        moves: relocationMoves(course.id, old, series, reason),
      });
    }
  });
  return out;
}

function occupied(index: BookingIndex, r: number, day: DayNum, place: Lane): boolean {
  const end = place.start + place.minutes;
  return (index.roomSpans(r, day) ?? []).some((x) => x.s < end && x.e > place.start);
}

/** The first booking after `day` in room r that overlaps the place's time of day. */
function nextInPlace(
  index: BookingIndex,
  calendar: CenterCalendar,
  r: number,
  day: DayNum,
  tod: number,
  minutes: number,
  searchDays: number,
): IndexedBooking | null {
  for (let d = day + 1; d <= day + searchDays; d++) {
    const spans = index.roomSpans(r, d);
    if (!spans || spans.length === 0) continue;
    const s = localMidnight(calendar.timeZone, d) + tod;
    const hit = spans.find((x) => x.s < s + minutes && x.e > s);
    if (hit) return hit.ref >= 0 ? index.all[hit.ref] : null;
  }
  return null;
}
