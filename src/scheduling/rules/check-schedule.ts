/**
 * The hard-rule checker (SPEC §3, rules 1–10). Independent of the allocator's search code on
 * purpose: it re-derives every rule from the calendar and the plain bookings, so tests and the
 * /move endpoint can trust it to catch the allocator's mistakes.
 */
import { Booking, CenterConfig, CourseRequest, Violation } from '../types';
import { DayNum, formatDate, parseDate, weekId } from '../time/civil-day';
import { formatInstant, localDayOf, parseInstant, parseInstantCeil } from '../time/zone';
import { calendarFor, profileOf } from '../calendar/center-calendar';
import { roomLabel } from '../calendar/room-label';
import { contains } from '../calendar/intervals';
import { DEFAULT_PEDIATRIC_HOURS } from '../calendar/patient-days';

interface B {
  key: string;
  src: Booking;
  roomIdx: number | undefined;
  day: DayNum;
  s: number;
  e: number;
  bs: number;
  be: number;
}

function bookingKey(b: Booking): string {
  return b.id ?? `${b.courseId}#${b.fraction}`;
}

export function checkSchedule(center: CenterConfig, bookings: Booking[], courses: CourseRequest[]): Violation[] {
  const cal = calendarFor(center);
  const tz = center.timeZone;
  const out: Violation[] = [];
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const live = bookings.filter((b) => b.status !== 'CANCELLED');
  const missedDays = new Map<string, Set<DayNum>>();
  for (const b of live) {
    if (b.status !== 'MISSED') continue;
    const set = missedDays.get(b.courseId) ?? new Set<DayNum>();
    set.add(localDayOf(tz, parseInstant(b.start)));
    missedDays.set(b.courseId, set);
  }
  const bs: B[] = live
    .filter((b) => b.status !== 'MISSED')
    .map((b) => {
      const s = parseInstant(b.start);
      return {
        key: bookingKey(b),
        src: b,
        roomIdx: cal.roomIndex.get(b.roomId),
        day: localDayOf(tz, s),
        s,
        e: parseInstant(b.end),
        bs: parseInstant(b.beamStart),
        be: parseInstant(b.beamEnd),
      };
    });
  const when = (b: B) => `${formatInstant(tz, b.s)}–${formatInstant(tz, b.e).slice(11, 16)}`;

  for (const b of bs) {
    const course = courseById.get(b.src.courseId);
    // A delivered fraction is a record of what happened: a room deactivated, hours changed or a downtime
    // declared afterwards does not make it wrong. It still counts for rules 3, 4, 6, 7 (teams) and 8.
    if (b.src.status === 'DELIVERED') continue;
    // Rule 2: an existing, active room of an allowed kind.
    if (b.roomIdx === undefined) {
      out.push({
        rule: 2,
        message: `Fraction ${b.src.fraction} of ${b.src.courseId} is in unknown room ${b.src.roomId}.`,
        courseId: b.src.courseId,
        bookingIds: [b.key],
      });
      continue;
    }
    if (!cal.roomAllowed(b.roomIdx, course?.roomKinds)) {
      out.push({
        rule: 2,
        message: `Room ${roomLabel(center, b.src.roomId)} is inactive or not of a kind course ${b.src.courseId} allows.`,
        courseId: b.src.courseId,
        bookingIds: [b.key],
      });
    }
    // Rule 1: inside open hours, outside QA, closures and downtime.
    if (b.e <= b.s) {
      out.push({ rule: 1, message: `Fraction ${b.src.fraction} of ${b.src.courseId} ends before it starts.`, courseId: b.src.courseId, bookingIds: [b.key] });
    } else if (!contains(cal.openIntervals(b.src.roomId, b.day), b.s, b.e)) {
      const rd = cal.roomDaysOf(b.day)[b.roomIdx];
      const why = cal.isClosedDay(b.day)
        ? 'on a closed day (holiday or closure)'
        : contains(rd.scheduled, b.s, b.e)
          ? 'during downtime'
          : 'outside opening hours or in the daily QA block';
      out.push({
        rule: 1,
        message: `${roomLabel(center, b.src.roomId)} ${when(b)} (${b.src.courseId} #${b.src.fraction}) is ${why}.`,
        courseId: b.src.courseId,
        bookingIds: [b.key],
      });
    }
    // Rule 7 (window part).
    if (b.src.anesthesia && !contains(cal.anesthesiaWindow(b.day), b.s, b.e)) {
      out.push({
        rule: 7,
        message: `Anesthesia fraction ${when(b)} (${b.src.courseId} #${b.src.fraction}) is outside the anesthesia window.`,
        courseId: b.src.courseId,
        bookingIds: [b.key],
      });
    }
    if (course && course.requiresAnesthesia && !b.src.anesthesia) {
      out.push({
        rule: 7,
        message: `Course ${course.id} needs anesthesia but fraction ${b.src.fraction} is not booked with it.`,
        courseId: course.id,
        bookingIds: [b.key],
      });
    }
  }

  // Rule 3: no overlap within a room.
  const byRoom = new Map<string, B[]>();
  for (const b of bs) {
    const arr = byRoom.get(b.src.roomId) ?? [];
    arr.push(b);
    byRoom.set(b.src.roomId, arr);
  }
  for (const [roomId, arr] of byRoom) {
    for (const [x, y] of overlaps(
      arr,
      (b) => b.s,
      (b) => b.e,
    )) {
      out.push({
        rule: 3,
        message: `Room ${roomLabel(center, roomId)}: ${x.src.courseId} #${x.src.fraction} and ${y.src.courseId} #${y.src.fraction} overlap at ${formatInstant(tz, y.s)}.`,
        bookingIds: [x.key, y.key],
      });
    }
  }

  // Rule 8: shared beam.
  if (center.sharedBeam) {
    for (const [x, y] of overlaps(
      bs.filter((b) => b.be > b.bs),
      (b) => b.bs,
      (b) => b.be,
    )) {
      out.push({
        rule: 8,
        message: `Beam intervals of ${x.src.courseId} #${x.src.fraction} (${roomLabel(center, x.src.roomId)}) and ${y.src.courseId} #${y.src.fraction} (${roomLabel(center, y.src.roomId)}) overlap at ${formatInstant(tz, y.bs)}.`,
        bookingIds: [x.key, y.key],
      });
    }
  }

  // Rule 7 (team count).
  const teams = center.anesthesia.teams;
  const anByDay = new Map<DayNum, B[]>();
  for (const b of bs) if (b.src.anesthesia) anByDay.set(b.day, [...(anByDay.get(b.day) ?? []), b]);
  for (const [day, arr] of anByDay) {
    const pts: Array<[number, number, B]> = [];
    for (const b of arr) pts.push([b.s, 1, b], [b.e, -1, b]);
    pts.sort((a, c) => a[0] - c[0] || a[1] - c[1]);
    let cur = 0;
    const live = new Set<B>();
    for (const [, d, b] of pts) {
      if (d < 0) {
        cur--;
        live.delete(b);
        continue;
      }
      cur++;
      live.add(b);
      if (cur > teams) {
        out.push({
          rule: 7,
          message: `${cur} anesthesia fractions run at once on ${formatDate(day)} but there are ${teams} team(s).`,
          bookingIds: [...live].map((x) => x.key),
        });
      }
    }
  }

  // Rules 4–6, per course.
  const byCourse = new Map<string, B[]>();
  for (const b of bs) byCourse.set(b.src.courseId, [...(byCourse.get(b.src.courseId) ?? []), b]);
  for (const [courseId, arr] of byCourse) {
    const course = courseById.get(courseId);
    if (!course) continue;
    arr.sort((a, c) => a.s - c.s);
    const perDay = new Map<DayNum, B[]>();
    const perWeek = new Map<number, number>();
    for (const b of arr) {
      perDay.set(b.day, [...(perDay.get(b.day) ?? []), b]);
      perWeek.set(weekId(b.day), (perWeek.get(weekId(b.day)) ?? 0) + 1);
    }
    for (const [day, list] of perDay) {
      if (list.length > 1)
        out.push({ rule: 4, message: `Course ${courseId} has ${list.length} fractions on ${formatDate(day)}.`, courseId, bookingIds: list.map((b) => b.key) });
    }
    for (const [w, n] of perWeek) {
      if (n > course.fractionsPerWeek) {
        out.push({
          rule: 4,
          message: `Course ${courseId} has ${n} fractions in the ISO week of ${formatDate(w * 7 + 4)}; at most ${course.fractionsPerWeek} allowed.`,
          courseId,
        });
      }
    }
    const earliest = parseDate(course.earliestStart);
    const arrival = parseInstantCeil(course.arrival);
    if (arr[0].day < earliest)
      out.push({
        rule: 5,
        message: `Course ${courseId} starts ${formatDate(arr[0].day)}, before its earliest start ${course.earliestStart}.`,
        courseId,
        bookingIds: [arr[0].key],
      });
    for (const b of arr) {
      if (b.s < arrival)
        out.push({
          rule: 5,
          message: `Fraction ${b.src.fraction} of ${courseId} starts ${formatInstant(tz, b.s)}, before the course arrived (${course.arrival}).`,
          courseId,
          bookingIds: [b.key],
        });
    }
    const profile = profileOf(course);
    for (const b of arr) {
      // Like rules 1 and 2, a delivered fraction is history: a date or a birthday learnt later does not make it wrong.
      if (b.src.status === 'DELIVERED') continue;
      if (profile.unavailable?.has(b.day)) {
        out.push({
          rule: 10,
          message: `Fraction ${b.src.fraction} of ${courseId} is on ${formatDate(b.day)}, a date the patient cannot come.`,
          courseId,
          bookingIds: [b.key],
          date: formatDate(b.day),
        });
      }
      const window = profile.adultFrom !== undefined && b.day < profile.adultFrom ? cal.pediatricWindow(b.day) : null;
      if (window && !contains(window, b.s, b.e)) {
        const [from, to] = center.pediatricHours ?? DEFAULT_PEDIATRIC_HOURS;
        out.push({
          rule: 9,
          message: `Fraction ${when(b)} (${courseId} #${b.src.fraction}) treats a child outside the pediatric hours ${from}–${to}.`,
          courseId,
          bookingIds: [b.key],
        });
      }
    }
    const missed = missedDays.get(courseId);
    for (const d of missed ?? []) perWeek.set(weekId(d), (perWeek.get(weekId(d)) ?? 0) + 1);
    for (let i = 1; i < arr.length; i++) {
      for (let d = arr[i - 1].day + 1; d < arr[i].day; d++) {
        // A missed fraction's day was used (the patient did not come); it is not an interruption.
        if (missed?.has(d)) continue;
        if (cal.openForCourse(profile, d) !== 'open') continue;
        if ((perWeek.get(weekId(d)) ?? 0) >= course.fractionsPerWeek) continue;
        out.push({
          rule: 6,
          message: `Course ${courseId} is interrupted: ${formatDate(d)} is open for it but unused between fractions on ${formatDate(arr[i - 1].day)} and ${formatDate(arr[i].day)}.`,
          courseId,
          bookingIds: [arr[i - 1].key, arr[i].key],
          date: formatDate(d),
        });
        break;
      }
    }
  }
  return out;
}

function overlaps<T>(arr: T[], s: (x: T) => number, e: (x: T) => number): Array<[T, T]> {
  const sorted = [...arr].sort((a, b) => s(a) - s(b));
  const out: Array<[T, T]> = [];
  let maxEnd = -Infinity;
  let holder: T | null = null;
  for (const x of sorted) {
    if (holder !== null && s(x) < maxEnd) out.push([holder, x]);
    if (e(x) > maxEnd) {
      maxEnd = e(x);
      holder = x;
    }
  }
  return out;
}

/**
 * Violations a candidate booking (new, or an existing one moved: same id) would cause. `previous` is
 * the moved booking where it is now, when `bookings` leaves it out (it is found there by id otherwise).
 *
 * A rule-6 gap the course already had is not the move's doing: a day opened after the course was
 * booked (a decree working Saturday, longer hours, a reopened holiday) is "open and unused" between
 * two of its fractions, and judging the whole course again refused every later move of any of its
 * fractions. Such a gap is left out when the schedule before the change has it too (same day, same
 * neighbouring fractions); a gap the change makes or widens is still reported.
 */
export function checkBooking(center: CenterConfig, bookings: Booking[], course: CourseRequest, candidate: Booking, previous?: Booking): Violation[] {
  const ck = bookingKey(candidate);
  const others = bookings.filter((b) => bookingKey(b) !== ck);
  const all = [...others, candidate];
  const found = checkSchedule(center, all, [course]).filter(
    (v) => v.bookingIds?.includes(ck) || (v.courseId === course.id && (v.rule === 4 || v.rule === 5 || v.rule === 6)),
  );
  if (!found.some((v) => v.rule === 6)) return found;
  const original = previous ?? bookings.find((b) => bookingKey(b) === ck && b !== candidate);
  const before = new Set(
    checkSchedule(center, original ? [...others, original] : others, [course])
      .filter((v) => v.rule === 6 && v.courseId === course.id)
      .map((v) => v.message),
  );
  return found.filter((v) => v.rule !== 6 || !before.has(v.message));
}
