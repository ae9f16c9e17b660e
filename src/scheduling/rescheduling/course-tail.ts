/**
 * Shared by both reschedulers: where a course's fractions are, its usual room and time, and
 * placing one extra fraction right after its last one (rule 6: on the next day open for it) or
 * later in the week it was taken from.
 */
import { Booking, CenterConfig, CourseRequest } from '../types';
import { checkSchedule } from '../rules/check-schedule';
import { DayNum, formatDate, parseDate, weekId } from '../time/civil-day';
import { localDayOf, localMidnight, parseInstant } from '../time/zone';
import { profileOf } from '../calendar/center-calendar';
import { toBooking } from '../allocation/booking-index';
import { shapeOf } from '../allocation/slot-finder';
import { FractionPlacer } from './fraction-placer';

export interface TailPlacement {
  booking: Booking;
  day: DayNum;
  /** The booking's ref in the placer's index (to take it back out). */
  ref: number;
}

/**
 * Why a fraction could not follow the last one: `failedOn` is the day it had to take and that was
 * full, or with `noOpenDay` the end of a 120-day search that found no day open for the course at all
 * (its rooms down for months).
 */
export interface TailFailure {
  failedOn: string;
  noOpenDay?: true;
}

/** Words for a coordinator: why the fraction found no place after the last one. */
export function tailFailureText(f: TailFailure, minutes: number): string {
  return f.noOpenDay
    ? `no day within 120 days after the course's last fraction is open for it (its rooms are down or closed)`
    : `${f.failedOn}, the next day open for the course after its last fraction, has no free ${minutes}-minute place in an allowed room`;
}

/** Days the course uses (booked, delivered or missed) and its usual room index and time of day. */
export function courseFootprint(placer: FractionPlacer, course: CourseRequest, bookings: Booking[]) {
  const tz = placer.calendar.timeZone;
  const own = bookings.filter((b) => b.courseId === course.id && b.status !== 'CANCELLED');
  const days = own.map((b) => localDayOf(tz, parseInstant(b.start))).sort((a, b) => a - b);
  const first = [...own].sort((a, b) => parseInstant(a.start) - parseInstant(b.start))[0];
  const counts = new Map<string, number>();
  for (const b of own) counts.set(b.roomId, (counts.get(b.roomId) ?? 0) + 1);
  const usualRoom = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const firstStart = first ? parseInstant(first.start) : null;
  const tod = firstStart === null ? 8 * 60 : firstStart - localMidnight(tz, localDayOf(tz, firstStart));
  return { days, usualRoomIdx: usualRoom ? (placer.calendar.roomIndex.get(usualRoom) ?? 0) : 0, tod };
}

/**
 * Places one fraction on the first day after `afterDay` (and not before `floorMin`) that the
 * course may use; a day that is fully open for the course must be taken (rule 6), so if it has
 * no free slot the placement fails rather than skipping it.
 */
export function appendAfter(
  placer: FractionPlacer,
  course: CourseRequest,
  usedDays: DayNum[],
  afterDay: DayNum,
  floorMin: number,
  roomIdx: number,
  tod: number,
  fraction: number,
  id?: string,
): TailPlacement | TailFailure {
  const cal = placer.calendar;
  const tz = cal.timeZone;
  const profile = profileOf(course);
  const shape = shapeOf(course);
  const rooms = cal.allowedRooms(course.roomKinds);
  const perWeek = new Map<number, number>();
  for (const d of usedDays) perWeek.set(weekId(d), (perWeek.get(weekId(d)) ?? 0) + 1);
  const floorDay = localDayOf(tz, floorMin);
  const start = Math.max(afterDay + 1, floorDay);
  const mustUse = (d: DayNum) => cal.openForCourse(profile, d) === 'open' && (perWeek.get(weekId(d)) ?? 0) < course.fractionsPerWeek;
  // Open days already past since the last fraction leave the course interrupted whatever is booked
  // now (the past cannot be booked): the fraction then takes the first day with a place.
  let interruptedAlready = false;
  for (let d = afterDay + 1; d < floorDay && !interruptedAlready; d++) interruptedAlready = mustUse(d);
  for (let d = start; d < start + 120; d++) {
    const courseDay = cal.openForCourse(profile, d);
    if (courseDay === 'closed' || (perWeek.get(weekId(d)) ?? 0) >= course.fractionsPerWeek) continue;
    const place = (from: number) => placer.placeOnDay(d, roomIdx, localMidnight(tz, d) + tod, rooms, shape, from);
    const p = place(d === floorDay ? floorMin : -Infinity);
    if (!p) {
      // Likewise when only the hours of today already gone had a place for it.
      const todayPassed = d === floorDay && place(-Infinity) !== null;
      if (courseDay === 'skippable' || interruptedAlready || todayPassed) continue;
      return { failedOn: formatDate(d) };
    }
    return commit(placer, course, p, d, fraction, id);
  }
  return { failedOn: formatDate(start + 120), noOpenDay: true };
}

/**
 * Places one fraction on a later day of `day`'s ISO week that the course does not use yet (the
 * first with a free slot; a full day may be passed over, since the week gets its count back);
 * failing that, on an earlier day of the week still ahead of `floorMin` (and not before the
 * course's earliest start) that the course leaves
 * unused (a day opened after it was booked — a decree working day, a holiday lifted — in a week
 * that had its count: taking it keeps rule 6, the end of the course would not). Null when no such
 * day has room.
 */
export function placeLaterInWeek(
  placer: FractionPlacer,
  course: CourseRequest,
  usedDays: DayNum[],
  day: DayNum,
  floorMin: number,
  roomIdx: number,
  tod: number,
  fraction: number,
  id?: string,
): TailPlacement | null {
  const cal = placer.calendar;
  const tz = cal.timeZone;
  const profile = profileOf(course);
  const rooms = cal.allowedRooms(course.roomKinds);
  const floorDay = localDayOf(tz, floorMin);
  const tryDay = (d: DayNum): TailPlacement | null => {
    if (cal.openForCourse(profile, d) === 'closed' || usedDays.includes(d)) return null;
    const p = placer.placeOnDay(d, roomIdx, localMidnight(tz, d) + tod, rooms, shapeOf(course), d === floorDay ? floorMin : -Infinity);
    return p ? commit(placer, course, p, d, fraction, id) : null;
  };
  for (let d = Math.max(day + 1, floorDay); weekId(d) === weekId(day); d++) {
    const placed = tryDay(d);
    if (placed) return placed;
  }
  // Never before the course's earliest start (rule 5): its first week may begin mid-week.
  const firstAllowed = Math.max(floorDay, parseDate(course.earliestStart));
  for (let d = day - 1; d >= firstAllowed && weekId(d) === weekId(day); d--) {
    const placed = tryDay(d);
    if (placed) return placed;
  }
  return null;
}

function commit(
  placer: FractionPlacer,
  course: CourseRequest,
  p: { roomIdx: number; start: number },
  day: DayNum,
  fraction: number,
  id?: string,
): TailPlacement {
  const shape = shapeOf(course);
  const booking = toBooking(placer.calendar, {
    id,
    courseId: course.id,
    fraction,
    roomIdx: p.roomIdx,
    day,
    start: p.start,
    end: p.start + shape.minutes,
    beamStart: p.start + shape.beamOffset,
    beamEnd: p.start + shape.beamOffset + shape.beamMinutes,
    anesthesia: shape.anesthesia,
  });
  return { booking, day, ref: placer.index.addBooking(booking) };
}

/** Would the course's own fractions leave an open day unused between two of them in a week short of its count? */
export function interrupts(center: CenterConfig, course: CourseRequest, bookings: Booking[]): boolean {
  return checkSchedule(
    center,
    bookings.filter((x) => x.courseId === course.id),
    [course],
  ).some((v) => v.rule === 6);
}
