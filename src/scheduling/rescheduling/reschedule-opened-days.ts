/**
 * Rescheduling after the center opens time (a decree working Saturday, a closure removed, holidays
 * turned off, a weekday given hours): a course booked before the change can be left with a newly
 * opened day unused between two of its fractions, in a week short of its count — a rule-6 breach
 * nobody made. Only what must move moves: for each such day, the course's last fraction still
 * ahead is pulled onto it (its usual time and room where free, else ±30 min or another allowed
 * room, else any free minutes that day, like a downtime's same-day move). The fraction keeps its
 * number, as a missed or downtime-moved one does: numbers are the prescription's, the order is
 * the start's. A course is moved whole or not at all: when one of its opened days has no place,
 * it keeps its dates and is reported interrupted.
 */
import { Booking, CenterConfig, CourseRequest, Move } from '../types';
import { checkBooking, checkSchedule } from '../rules/check-schedule';
import { CenterCalendar, calendarFor, profileOf } from '../calendar/center-calendar';
import { DayNum, formatDate, parseDate, weekId } from '../time/civil-day';
import { formatInstant, localDayOf, localMidnight, parseInstant, parseInstantCeil } from '../time/zone';
import { toBooking } from '../allocation/booking-index';
import { shapeOf } from '../allocation/slot-finder';
import { FractionPlacer } from './fraction-placer';
import { courseFootprint } from './course-tail';
import { roomLabel } from '../calendar/room-label';

/**
 * A date a change opened. `anesthesiaOnly`: only an anesthesia window appeared (a window added, a
 * first team), so only courses that need anesthesia gained the day.
 */
export interface OpenedDate {
  date: string;
  anesthesiaOnly?: true;
}

/** An opened date and in words why (shown to coordinators): 'decree working day', 'closure removed'. */
export interface OpenedDay extends OpenedDate {
  why: string;
}

export interface OpenedDaysResult {
  moves: Move[];
  /** Courses that keep an opened day unused because it has no place for them: nothing of theirs moved. */
  interrupted: Array<{ courseId: string; reason: string }>;
  /** Every course that had an opened day unused between two fractions (moved or interrupted). */
  concerned: string[];
}

/**
 * Dates from `from` to `to` (inclusive) the change from `before` to `after` opened: a room with no
 * hours that day before has some now (a weekday given hours, a holiday or closure lifted, a decree
 * working day), or an anesthesia window appears (a window added, a first team). Longer hours on a
 * day already open open no day: a course could already use it.
 */
export function openedDays(before: CenterConfig, after: CenterConfig, from: string, to: string): OpenedDate[] {
  const b = calendarFor(before);
  const a = calendarFor(after);
  const out: OpenedDate[] = [];
  for (let d = parseDate(from); d <= parseDate(to); d++) {
    const was = b.roomDaysOf(d);
    const room = a.roomDaysOf(d).some((rd, i) => rd.scheduled.length > 0 && (was[b.roomIndex.get(a.rooms[i].id) ?? -1]?.scheduled.length ?? 0) === 0);
    const windowBefore = before.anesthesia.teams > 0 && b.anesthesiaWindow(d).length > 0;
    const windowAfter = after.anesthesia.teams > 0 && a.anesthesiaWindow(d).length > 0;
    if (room) out.push({ date: formatDate(d) });
    else if (windowAfter && !windowBefore) out.push({ date: formatDate(d), anesthesiaOnly: true });
  }
  return out;
}

/**
 * Opened days `course` leaves unused (rule 6): on or after today, open for the course and not
 * touched by a downtime, not used by it, in a week short of its count, with a fraction of it before
 * (given, missed or booked) and a booked one still ahead after. Ascending.
 */
function unusedOpenedDays(cal: CenterCalendar, course: CourseRequest, own: Booking[], opened: OpenedDayNum[], nowMin: number): DayNum[] {
  const tz = cal.timeZone;
  const days = own.map((b) => localDayOf(tz, parseInstant(b.start)));
  const used = new Set(days);
  const perWeek = new Map<number, number>();
  for (const d of days) perWeek.set(weekId(d), (perWeek.get(weekId(d)) ?? 0) + 1);
  const first = Math.min(...days);
  const lastAhead = Math.max(-Infinity, ...own.filter((b) => isAhead(b, nowMin)).map((b) => localDayOf(tz, parseInstant(b.start))));
  const today = localDayOf(tz, nowMin);
  const profile = profileOf(course);
  return opened
    .filter(
      ({ day: d, anesthesiaOnly }) =>
        (course.requiresAnesthesia || !anesthesiaOnly) &&
        d >= today &&
        d > first &&
        d < lastAhead &&
        !used.has(d) &&
        (perWeek.get(weekId(d)) ?? 0) < course.fractionsPerWeek &&
        cal.openForCourse(profile, d) === 'open',
    )
    .map((o) => o.day);
}

/** An opened date as a day number, ascending in the lists below. */
interface OpenedDayNum {
  day: DayNum;
  anesthesiaOnly?: true;
}

function dayNums(opened: OpenedDate[]): OpenedDayNum[] {
  return opened.map((o) => ({ day: parseDate(o.date), anesthesiaOnly: o.anesthesiaOnly })).sort((a, b) => a.day - b.day);
}

/** Booked and not started: a fraction that may still move. */
function isAhead(b: Booking, nowMin: number): boolean {
  return (b.status === undefined || b.status === 'BOOKED') && parseInstant(b.start) >= nowMin;
}

/** Courses the opened days leave interrupted (what the reschedule will look at): for a count up front. */
export function coursesLeftOnOpenedDays(center: CenterConfig, bookings: Booking[], courses: CourseRequest[], opened: OpenedDate[], now: string): string[] {
  const cal = calendarFor(center);
  const nowMin = parseInstantCeil(now);
  const days = dayNums(opened);
  const byCourse = new Map<string, Booking[]>();
  for (const b of bookings) if (b.status !== 'CANCELLED') byCourse.set(b.courseId, [...(byCourse.get(b.courseId) ?? []), b]);
  return courses.filter((c) => byCourse.has(c.id) && unusedOpenedDays(cal, c, byCourse.get(c.id)!, days, nowMin).length > 0).map((c) => c.id);
}

/** Days the checker finds unused between two of the course's fractions (rule 6). */
function rule6Days(center: CenterConfig, course: CourseRequest, own: Booking[]): string[] {
  return checkSchedule(center, own, [course]).flatMap((v) => (v.rule === 6 && v.date ? [v.date] : []));
}

export function rescheduleForOpenedDays(
  center: CenterConfig,
  bookings: Booking[],
  courses: CourseRequest[],
  opened: OpenedDay[],
  now: string,
): OpenedDaysResult {
  const tz = center.timeZone;
  // Rounded up, as everywhere: nothing may start before now.
  const nowMin = parseInstantCeil(now);
  const whyOf = new Map(opened.map((o) => [parseDate(o.date), o.why]));
  const openedDayNums = dayNums(opened);
  // The center as if the days had not opened: what a course's series was judged against when it was booked.
  const openedSet = new Set(opened.map((o) => o.date));
  const unopened: CenterConfig = {
    ...center,
    closures: [...center.closures, ...openedSet],
    workingDays: (center.workingDays ?? []).filter((d) => !openedSet.has(d)),
  };
  const live = bookings.filter((b) => b.status !== 'CANCELLED');
  const placer = new FractionPlacer(
    center,
    live.filter((b) => b.status !== 'MISSED'),
  );
  const cal = placer.calendar;
  const byCourse = new Map<string, Booking[]>();
  for (const b of live) byCourse.set(b.courseId, [...(byCourse.get(b.courseId) ?? []), b]);
  const firstStart = (c: CourseRequest) => Math.min(...(byCourse.get(c.id) ?? []).map((b) => parseInstant(b.start)));
  // Courses in treatment longest first: they have the least room left to make up a day.
  const order = courses.filter((c) => byCourse.has(c.id)).sort((a, b) => firstStart(a) - firstStart(b) || (a.id < b.id ? -1 : 1));
  const moves: Move[] = [];
  const interrupted: OpenedDaysResult['interrupted'] = [];
  const concerned: string[] = [];
  // Booked fractions of other courses on a day, for the checker's look at each new place.
  const onDay = (d: DayNum) => live.filter((b) => b.status !== 'MISSED' && localDayOf(tz, parseInstant(b.start)) === d);

  for (const course of order) {
    const before = byCourse.get(course.id)!;
    let own = before;
    if (unusedOpenedDays(cal, course, own, openedDayNums, nowMin).length === 0) continue;
    concerned.push(course.id);
    const fp = courseFootprint(placer, course, own);
    const shape = shapeOf(course);
    const rooms = cal.allowedRooms(course.roomKinds);
    const mine: Move[] = [];
    /** Index changes to undo if the course cannot be moved whole: [removed ref, added ref]. */
    const undo: Array<[number, number]> = [];
    let failure: string | null = null;
    for (;;) {
      const [d] = unusedOpenedDays(cal, course, own, openedDayNums, nowMin);
      if (d === undefined) break;
      const date = formatDate(d);
      const last = own.filter((b) => isAhead(b, nowMin)).sort((a, b) => parseInstant(b.start) - parseInstant(a.start))[0];
      const ref = placer.index.courseRefs(course.id).find((r) => placer.index.all[r].start === parseInstant(last.start));
      if (ref !== undefined) placer.index.remove(ref);
      const p = placer.placeOnDay(d, fp.usualRoomIdx, localMidnight(tz, d) + fp.tod, rooms, shape, d === localDayOf(tz, nowMin) ? nowMin : -Infinity);
      const to = p
        ? toBooking(cal, {
            id: last.id,
            courseId: course.id,
            fraction: last.fraction,
            roomIdx: p.roomIdx,
            day: d,
            start: p.start,
            end: p.start + shape.minutes,
            beamStart: p.start + shape.beamOffset,
            beamEnd: p.start + shape.beamOffset + shape.beamMinutes,
            anesthesia: shape.anesthesia,
          })
        : null;
      // The rule checker has the last word on the new place (rules 1–5, 7, 8; rule 6 is the course's whole series, judged below).
      const broken = to ? checkBooking(center, [...onDay(d), ...own], course, to, last).filter((v) => v.rule !== 6) : [];
      if (!to || broken.length > 0) {
        if (ref !== undefined) placer.index.restore(ref);
        failure =
          `${date} (${whyOf.get(d)}) is open for the course and unused between two of its fractions, but ` +
          (to
            ? `the place found there breaks a rule (${broken.map((v) => v.message).join(' ')})`
            : `it has no free ${course.fractionMinutes}-minute place in an allowed room${course.requiresAnesthesia ? ' within the anesthesia window' : ''}`) +
          '. The course keeps its dates; a coordinator should move a fraction onto that day when a place is free (rule 6).';
        break;
      }
      undo.push([ref ?? -1, placer.index.addBooking(to)]);
      own = own.map((b) => (b === last ? to : b));
      const from = formatInstant(tz, parseInstant(last.start)).slice(0, 16).replace('T', ' ');
      const shift = p!.start - (localMidnight(tz, d) + fp.tod);
      mine.push({
        bookingId: last.id,
        courseId: course.id,
        fraction: last.fraction,
        from: last,
        to,
        reason:
          `Center opened ${date} (${whyOf.get(d)}): fraction ${last.fraction} moved from ${from} to ${date} ${to.start.slice(11, 16)} in ${roomLabel(center, to.roomId)}` +
          `${shift === 0 ? '' : ` (${shift > 0 ? '+' : ''}${shift} min from the course's time)`} so the course is not interrupted.`,
      });
    }
    // Taking the last fraction out of its week can leave that week short with a day unused between two
    // fractions it keeps (a course treated Mon, Wed, Fri three days a week): then no single pull keeps rule 6.
    if (!failure) {
      // Gaps it had: the opened days, and any other the checker saw behind them (it names one per pair of fractions).
      const had = new Set([...rule6Days(center, course, before), ...rule6Days(unopened, course, before)]);
      const now6 = rule6Days(center, course, own).filter((d) => !had.has(d));
      if (now6.length > 0) {
        failure =
          `the days opened (${[...new Set(mine.map((m) => m.to!.start.slice(0, 10)))].join(', ')}) are unused between two of its fractions, and pulling its last fractions ` +
          `onto them would leave ${now6.join(', ')} unused in a week short of its ${course.fractionsPerWeek}. The course keeps its dates; a coordinator should look at it (rule 6).`;
      }
    }
    if (failure) {
      // Never half-applied: the days already filled for this course go back to how they were.
      for (const [removed, added] of undo.reverse()) {
        placer.index.remove(added);
        if (removed >= 0) placer.index.restore(removed);
      }
      interrupted.push({ courseId: course.id, reason: failure });
      continue;
    }
    moves.push(...mine);
    byCourse.set(course.id, own);
    const moved = new Map(mine.map((m) => [m.from!, m.to!]));
    for (let i = 0; i < live.length; i++) live[i] = moved.get(live[i]) ?? live[i];
  }
  return { moves, interrupted, concerned };
}
