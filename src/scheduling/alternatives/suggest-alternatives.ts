/**
 * Where a booked fraction could go instead: same day other times and rooms first, then the nearest
 * days, each ranked by how little it disturbs the series. Every suggestion has passed the same
 * checkBooking that guards a move, so a coordinator picking one is never refused by the rules
 * (only by a race with another change).
 */
import { Booking, CenterConfig, CourseRequest } from '../types';
import { calendarFor } from '../calendar/center-calendar';
import { Interval, intersect, subtract } from '../calendar/intervals';
import { adultFromDay, unavailableDaysOf } from '../calendar/patient-days';
import { insidePreferred, preferredMinutesOf } from '../calendar/preferred-window';
import { checkBooking } from '../rules/check-schedule';
import { DayNum } from '../time/civil-day';
import { EpochMin, formatInstant, localDayOf, localMidnight, parseInstant } from '../time/zone';

export const DEFAULT_ALTERNATIVES = 10;
/** Days searched either side of the fraction's day; rules 4 and 6 rarely allow a farther one. */
export const DEFAULT_SEARCH_DAYS = 14;
/** Starts tried between gap edges: fine enough to show choice, coarse enough to stay fast. */
export const DEFAULT_STEP_MINUTES = 5;
/** Moving to another room costs as much as this many minutes off the usual time. */
const ROOM_CHANGE_COST = 15;
/** A place outside the patient's preferred window ranks as if this many minutes off the usual time. */
const PREFERENCE_COST = 120;
/** Bounds the rule checks of one request: a week of refused days cannot make it slow. */
const MAX_CHECKS = 600;

export interface AlternativesOptions {
  /** Nothing at or before it is suggested (rule 5). */
  now: string;
  limit?: number;
  searchDays?: number;
  stepMinutes?: number;
}

export interface Alternative {
  roomId: string;
  /** ISO 8601 with the center's offset. */
  start: string;
  end: string;
  beamStart: string;
  beamEnd: string;
  /** YYYY-MM-DD and HH:mm in the center's zone. */
  localDate: string;
  localTime: string;
  sameDay: boolean;
  /** Calendar days from the fraction's current day (negative: earlier). */
  dayOffset: number;
  /** Signed minutes from the current start. */
  minutesFromCurrent: number;
  /** Minutes between this start's time of day and the course's usual one. */
  minutesFromUsualTime: number;
  /** 1 = the best. */
  rank: number;
}

interface Candidate {
  roomId: string;
  day: DayNum;
  s: EpochMin;
  cost: number;
}

/**
 * `bookings` holds what a move of this fraction is checked against (the service passes what it
 * passes checkBooking for /move), the fraction itself included under `bookingId`. Pure: `now`
 * comes in, nothing is read from the clock.
 */
export function suggestAlternatives(
  center: CenterConfig,
  bookings: Booking[],
  course: CourseRequest,
  bookingId: string,
  options: AlternativesOptions,
): Alternative[] {
  const limit = options.limit ?? DEFAULT_ALTERNATIVES;
  const searchDays = options.searchDays ?? DEFAULT_SEARCH_DAYS;
  const step = options.stepMinutes ?? DEFAULT_STEP_MINUTES;
  const current = bookings.find((b) => b.id === bookingId);
  if (!current || current.courseId !== course.id || (current.status ?? 'BOOKED') !== 'BOOKED' || limit <= 0) return [];

  const tz = center.timeZone;
  const cal = calendarFor(center);
  const s0 = parseInstant(current.start);
  const length = parseInstant(current.end) - s0;
  const beamOffset = parseInstant(current.beamStart) - s0;
  const beamLength = parseInstant(current.beamEnd) - parseInstant(current.beamStart);
  const day0 = localDayOf(tz, s0);
  const nowMs = Date.parse(options.now);
  const today = localDayOf(tz, Math.floor(nowMs / 60_000));
  const usual = usualMinuteOfDay(tz, bookings, course.id, current);

  const own = bookings.filter((b) => b.courseId === course.id);
  const othersByDay = new Map<DayNum, Booking[]>();
  const firstDay = Math.max(today, day0 - searchDays);
  const lastDay = day0 + searchDays;
  for (const b of bookings) {
    if (b.courseId === course.id || b.status === 'CANCELLED') continue;
    const day = localDayOf(tz, parseInstant(b.start));
    if (day < firstDay || day > lastDay) continue;
    const list = othersByDay.get(day);
    if (list) list.push(b);
    else othersByDay.set(day, [b]);
  }

  const rooms = cal.allowedRooms(course.roomKinds).map((i) => cal.rooms[i].id);
  const anesthesia = current.anesthesia || course.requiresAnesthesia;
  const adultFrom = adultFromDay(course);
  const unavailable = unavailableDaysOf(course);
  const preferred = preferredMinutesOf(course.preferredWindow);
  const candidates: Candidate[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (unavailable?.has(day)) continue;
    const window = cal.hardWindow({ anesthesia, adultFrom }, day);
    const dayBookings = (othersByDay.get(day) ?? []).concat(own.filter((b) => b.id !== bookingId && sameDay(tz, b, day)));
    const occupying = dayBookings.filter((b) => b.status !== 'MISSED' && b.status !== 'CANCELLED');
    const beams: Interval[] = center.sharedBeam ? occupying.map((b) => [parseInstant(b.beamStart), parseInstant(b.beamEnd)]) : [];
    for (const roomId of rooms) {
      let open = cal.openIntervals(roomId, day);
      if (window) open = intersect(open, window);
      for (const b of occupying) if (b.roomId === roomId) open = subtract(open, [parseInstant(b.start), parseInstant(b.end)]);
      for (const [gs, ge] of open) {
        for (const s of startsIn(gs, ge, length, step)) {
          if (s * 60_000 <= nowMs) continue;
          if (roomId === current.roomId && s === s0) continue;
          const bs = s + beamOffset;
          if (beams.some(([x, y]) => bs < y && x < bs + beamLength)) continue;
          const tod = s - localMidnight(tz, day);
          const outsidePreferred = preferred && !insidePreferred(preferred, tod, length) ? PREFERENCE_COST : 0;
          candidates.push({ roomId, day, s, cost: Math.abs(tod - usual) + (roomId === current.roomId ? 0 : ROOM_CHANGE_COST) + outsidePreferred });
        }
      }
    }
  }
  candidates.sort(
    (a, b) => Math.abs(a.day - day0) - Math.abs(b.day - day0) || a.cost - b.cost || a.s - b.s || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0),
  );

  const chosen: Candidate[] = [];
  const refusedDays = new Set<DayNum>();
  let checks = 0;
  for (const c of candidates) {
    if (chosen.length >= limit || checks >= MAX_CHECKS) break;
    if (refusedDays.has(c.day)) continue;
    // Two suggestions overlapping in one room are one choice shown twice.
    if (chosen.some((x) => x.roomId === c.roomId && x.day === c.day && Math.abs(x.s - c.s) < length)) continue;
    const candidate = placed(current, c, tz);
    const subset = (othersByDay.get(c.day) ?? []).concat(own);
    checks++;
    const violations = checkBooking(center, subset, course, candidate);
    if (violations.length === 0) {
      chosen.push(c);
    } else if (violations.every((v) => v.rule === 4 || v.rule === 6)) {
      // The course's day and week rules refuse the day itself, whatever the time.
      refusedDays.add(c.day);
    }
  }
  return chosen.map((c, i) => {
    const b = placed(current, c, tz);
    const text = b.start;
    return {
      roomId: c.roomId,
      start: b.start,
      end: b.end,
      beamStart: b.beamStart,
      beamEnd: b.beamEnd,
      localDate: text.slice(0, 10),
      localTime: text.slice(11, 16),
      sameDay: c.day === day0,
      dayOffset: c.day - day0,
      minutesFromCurrent: c.s - s0,
      minutesFromUsualTime: Math.abs(c.s - localMidnight(tz, c.day) - usual),
      rank: i + 1,
    };
  });
}

function sameDay(tz: string, b: Booking, day: DayNum): boolean {
  return localDayOf(tz, parseInstant(b.start)) === day;
}

/** Gap edges and the step grid between them: where a fraction of `length` can start in [gs, ge). */
function startsIn(gs: EpochMin, ge: EpochMin, length: number, step: number): EpochMin[] {
  const last = ge - length;
  if (last < gs) return [];
  const out = [gs];
  for (let s = Math.ceil((gs + 1) / step) * step; s < last; s += step) out.push(s);
  if (last > gs) out.push(last);
  return out;
}

/** The median local time of day of the course's other live fractions (the time it is used to), else this one's. */
function usualMinuteOfDay(tz: string, bookings: Booking[], courseId: string, current: Booking): number {
  const minuteOfDay = (b: Booking) => {
    const s = parseInstant(b.start);
    return s - localMidnight(tz, localDayOf(tz, s));
  };
  const times = bookings
    .filter((b) => b.courseId === courseId && b.id !== current.id && (b.status === undefined || b.status === 'BOOKED' || b.status === 'DELIVERED'))
    .map(minuteOfDay)
    .sort((a, b) => a - b);
  return times.length ? times[Math.floor(times.length / 2)] : minuteOfDay(current);
}

/** The fraction moved to the candidate: same id, length and beam offset. */
function placed(current: Booking, c: Candidate, tz: string): Booking {
  const shift = c.s - parseInstant(current.start);
  const at = (iso: string) => formatInstant(tz, parseInstant(iso) + shift);
  return {
    ...current,
    status: 'BOOKED',
    roomId: c.roomId,
    start: formatInstant(tz, c.s),
    end: at(current.end),
    beamStart: at(current.beamStart),
    beamEnd: at(current.beamEnd),
  };
}
