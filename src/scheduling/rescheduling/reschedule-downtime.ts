/**
 * Rescheduling after a downtime: only fractions the downtime hits move. Each first tries the
 * same day (same room ±30 min, another room ±30 min, then any free slot that day) — the course's
 * days are unchanged, so rules 4 and 6 stay as they were. If the day has no room left, the
 * downtime makes that day one the course may skip (rule 6), and the fraction moves to a later
 * day of the same week (a course treated fewer than five days a week must keep its count there)
 * or after the course's last fraction.
 */
import { Booking, CenterConfig, CourseRequest, DowntimeSpec, Move } from '../types';
import { DayNum, formatDate, parseDate } from '../time/civil-day';
import { formatInstant, localDayOf, parseInstant, parseInstantCeil } from '../time/zone';
import { toBooking } from '../allocation/booking-index';
import { shapeOf } from '../allocation/slot-finder';
import { FractionPlacer } from './fraction-placer';
import { appendAfter, courseFootprint, interrupts, placeLaterInWeek, tailFailureText, TailPlacement } from './course-tail';
import { DEFAULT_DISPLACEMENT } from '../allocation/displacement';
import { roomLabel } from '../calendar/room-label';
import { BookingsByCourse } from './bookings-by-course';

function withDowntime(center: CenterConfig, downtime: DowntimeSpec): CenterConfig {
  const present = center.downtimes.some(
    (d) => (downtime.id !== undefined && d.id === downtime.id) || (d.roomId === downtime.roomId && d.start === downtime.start && d.end === downtime.end),
  );
  return present ? center : { ...center, downtimes: [...center.downtimes, downtime] };
}

export function rescheduleForDowntime(
  center: CenterConfig,
  bookings: Booking[],
  courses: CourseRequest[],
  downtime: DowntimeSpec,
  now: string,
  /**
   * Courses that have not started (the caller vouches for it: nothing delivered or missed). When a
   * hit fraction finds every place taken on the day it must go to, a routine one of these that starts
   * on that day, or an urgent one that stays on time, may start a day later to make room (see
   * startOneDayLater). Emergencies are never moved.
   */
  notStarted: CourseRequest[] = [],
): { moves: Move[]; unschedulable: Array<{ courseId: string; reason: string }>; interrupted: Array<{ courseId: string; reason: string }> } {
  const c2 = withDowntime(center, downtime);
  const tz = c2.timeZone;
  const ds = parseInstant(downtime.start);
  const de = parseInstant(downtime.end);
  // Rounded up: a fraction that began 18 seconds ago is under way, and nothing may start before now.
  const nowMin = parseInstantCeil(now);
  const where = downtime.roomId ? `room ${roomLabel(center, downtime.roomId)}` : 'the beam line';
  const what = `Downtime of ${where} ${formatInstant(tz, ds)}–${formatInstant(tz, de)}${downtime.reason ? ` (${downtime.reason})` : ''}`;
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const notStartedById = new Map(notStarted.filter((c) => c.urgency !== 'EMERGENCY').map((c) => [c.id, c]));
  const live = bookings.filter((b) => b.status !== 'CANCELLED');
  // The course's remaining fractions (not yet re-placed) still count as its days.
  const current = new BookingsByCourse(tz, live);
  const isHit = (b: Booking) =>
    (b.status === undefined || b.status === 'BOOKED') &&
    (downtime.roomId === null || b.roomId === downtime.roomId) &&
    current.start(b) < de &&
    parseInstant(b.end) > ds &&
    // A fraction under way when the downtime is declared is given again, in full, like one that has
    // not started (the floor keeps its new place after now), unless its beam time is over: then the
    // dose is in, only the patient's leaving is left, and the coordinator records it delivered.
    parseInstant(b.beamEnd) > nowMin;
  const hit = live.filter(isHit).sort((a, b) => current.start(a) - current.start(b) || (a.courseId < b.courseId ? -1 : 1));
  const isHitSet = new Set(hit);
  const occupying = live.filter((b) => !isHitSet.has(b) && b.status !== 'MISSED');
  const placer = new FractionPlacer(c2, occupying);
  const cal = placer.calendar;
  const moves: Move[] = [];
  const unschedulable: Array<{ courseId: string; reason: string }> = [];
  /** Courses re-booked whole but no longer without a gap: nothing else was possible, a coordinator is told. */
  const interrupted: Array<{ courseId: string; reason: string }> = [];
  /** Courses a fraction of which went after their last one, with the first day that happened. */
  const movedToEnd = new Map<string, { course: CourseRequest; day: number }>();
  /** Courses a fraction of which moved to another day of its week. */
  const movedInWeek = new Set<string>();
  /** Courses that lost a fraction no place could be found for, with the first such day and fraction. */
  const dropped = new Map<string, { course: CourseRequest; day: number; fraction: number }>();

  for (const b of hit) {
    const course = courseById.get(b.courseId);
    if (!course) {
      unschedulable.push({ courseId: b.courseId, reason: `${what} hits fraction ${b.fraction}, but the course is unknown to the placer.` });
      continue;
    }
    const shape = shapeOf(course);
    const s = current.start(b);
    const day = localDayOf(tz, s);
    const rooms = cal.allowedRooms(course.roomKinds);
    const roomIdx = cal.roomIndex.get(b.roomId) ?? rooms[0];
    const p = placer.placeOnDay(day, roomIdx, s, rooms, shape, nowMin);
    const hits = s < nowMin ? `${what} interrupts this fraction while it is under way; it is given again in full` : `${what} hits this fraction`;
    if (p) {
      const to = toBooking(cal, {
        id: b.id,
        courseId: b.courseId,
        fraction: b.fraction,
        roomIdx: p.roomIdx,
        day,
        start: p.start,
        end: p.start + shape.minutes,
        beamStart: p.start + shape.beamOffset,
        beamEnd: p.start + shape.beamOffset + shape.beamMinutes,
        anesthesia: shape.anesthesia,
      });
      placer.index.addBooking(to);
      current.replace(b, to);
      const shift = p.start - s;
      moves.push({
        bookingId: b.id,
        courseId: b.courseId,
        fraction: b.fraction,
        from: b,
        to,
        reason:
          `${hits}; moved the same day to ${roomLabel(center, to.roomId)} at ${to.start.slice(11, 16)}` +
          (shift === 0 ? '.' : ` (${shift > 0 ? '+' : ''}${shift} min).`),
      });
      continue;
    }
    // No room that day. The downtime closes the day for the course, so rule 6 lets it skip the day;
    // but a course treated on fewer days a week than it could be keeps its count in that week only
    // if the fraction moves to another day of the week (a later one, else an earlier one a day opened
    // after the course was booked left unused). Failing that, it goes after the last fraction,
    // unless that leaves the week short with an open day unused (rule 6 again).
    current.remove(b);
    const fp = courseFootprint(placer, course, current.of(course.id));
    const last = fp.days[fp.days.length - 1] ?? day;
    let inWeek = placeLaterInWeek(placer, course, fp.days, day, nowMin, fp.usualRoomIdx, fp.tod, b.fraction, b.id);
    if (inWeek && interrupts(c2, course, [...current.of(course.id), inWeek.booking])) {
      // It passed over a full day in a week that does not get its count back (a course's last week):
      // that day would stay unused between two fractions.
      placer.index.remove(inWeek.ref);
      inWeek = null;
    }
    let placed = inWeek ?? appendAfter(placer, course, fp.days, Math.max(last, day), nowMin, fp.usualRoomIdx, fp.tod, b.fraction, b.id);
    if ('failedOn' in placed && !placed.noOpenDay) {
      const made = startOneDayLater(placer, current, notStartedById, course, b, parseDate(placed.failedOn), nowMin);
      if (made) {
        placed = made.placed;
        current.remove(made.moved.from!);
        current.append(made.moved.to!);
        moves.push({
          ...made.moved,
          reason: `${what} left course ${course.id} no other place on ${placed.booking.start.slice(0, 10)}; this course, not started yet, starts a day later to make room, and its last fraction moves to ${made.moved.to!.start.slice(0, 10)} at ${made.moved.to!.start.slice(11, 16)} in ${roomLabel(center, made.moved.to!.roomId)}.`,
        });
      }
    }
    if ('failedOn' in placed) {
      unschedulable.push({
        courseId: b.courseId,
        reason:
          `${what} hits fraction ${b.fraction} on ${formatDate(day)}; no slot is free that day and ${tailFailureText(placed, course.fractionMinutes)}. ` +
          `The fraction is cancelled: a coordinator must book it again (rebook) once a place is free.`,
      });
      if (!dropped.has(course.id)) dropped.set(course.id, { course, day, fraction: b.fraction });
      moves.push({
        bookingId: b.id,
        courseId: b.courseId,
        fraction: b.fraction,
        from: b,
        to: null,
        reason: `${hits}; ${formatDate(day)} has no other free slot and ${tailFailureText(placed, course.fractionMinutes)}: the fraction is cancelled and must be booked again (POST /appointments/:id/rebook).`,
      });
      continue;
    }
    current.append(placed.booking);
    if (!inWeek) movedToEnd.set(course.id, { course, day: movedToEnd.get(course.id)?.day ?? day });
    else movedInWeek.add(course.id);
    const where = inWeek ? `${inWeek.day < day ? 'an earlier' : 'a later'} day of the same week` : 'the end of the course';
    moves.push({
      bookingId: b.id,
      courseId: b.courseId,
      fraction: b.fraction,
      from: b,
      to: placed.booking,
      reason: `${hits} and ${formatDate(day)} has no other free slot; the fraction moves to ${where}, ${placed.booking.start.slice(0, 10)} at ${placed.booking.start.slice(11, 16)} in ${roomLabel(center, placed.booking.roomId)}.`,
    });
  }
  // Judged once every hit fraction has its place, and said once: a course the checker already found
  // interrupted before this downtime is not news. One reason per course, for what happened to it first
  // in this order: a fraction moved to the end, moved within its week, or cancelled.
  const liveOf = (courseId: string) => live.filter((x) => x.courseId === courseId);
  const report = (course: CourseRequest, reason: string) => {
    if (interrupted.some((i) => i.courseId === course.id) || !interrupts(c2, course, current.of(course.id)) || interrupts(center, course, liveOf(course.id)))
      return;
    interrupted.push({ courseId: course.id, reason });
  };
  // Every other day of such a week was full or used: the patient keeps the fraction (at the end) and the week runs short.
  for (const { course, day } of movedToEnd.values()) {
    report(
      course,
      `${what} hit the course on ${formatDate(day)} and no other day of that week had a free slot; the fraction moved to the end of the ` +
        `course, which leaves that week short of ${course.fractionsPerWeek} fractions (rule 6). A coordinator should move a fraction into that week.`,
    );
  }
  // A move within the week was checked when it was made, but a later fraction of the same course
  // (a downtime over several days) can still change the picture.
  for (const id of movedInWeek) {
    report(
      courseById.get(id)!,
      `${what} took several days of the course and the fractions moved within their week leave it interrupted (rule 6). A coordinator should look at the course.`,
    );
  }
  // A cancelled fraction can leave its week short with an open day unused (a course treated three days a week).
  for (const { course, day, fraction } of dropped.values()) {
    report(
      course,
      `${what} cancelled fraction ${fraction} on ${formatDate(day)} and no place could be found for it, which leaves the course interrupted ` +
        `(rule 6: an open day between two of its fractions is unused). A coordinator should book the fraction again into that week.`,
    );
  }
  return { moves, unschedulable, interrupted };
}

/**
 * Makes room for `lost` (a fraction of `course` that must go on `day`, the next day open for it after
 * its last one, or rule 6 breaks) by starting a course that has not started one day later: its first
 * fraction, on `day`, gives up its place and the course gets one more day at its end. Only a routine
 * course, or an urgent one that still starts by its due date, whose first fraction is on `day`, two
 * days ahead or more, whose own next day after its last fraction has a place and which stays
 * uninterrupted itself (rule 6); the first that works, in the order of the day's bookings. Null: none could.
 */
function startOneDayLater(
  placer: FractionPlacer,
  current: BookingsByCourse,
  notStarted: Map<string, CourseRequest>,
  course: CourseRequest,
  lost: Booking,
  day: DayNum,
  nowMin: number,
): { placed: TailPlacement; moved: Move } | null {
  const cal = placer.calendar;
  const tz = cal.timeZone;
  // The same notice an emergency gives a routine patient it moves (displacement.ts).
  if (day < localDayOf(tz, nowMin) + DEFAULT_DISPLACEMENT.noticeDays) return null;
  // The not-started courses whose first fraction is on the day, earliest first; among equal starts,
  // the course met first in the list of bookings.
  const candidates = [];
  for (const id of notStarted.keys()) {
    const first = id === course.id ? undefined : current.first(id);
    if (first && first.day === day) candidates.push(first);
  }
  candidates.sort((a, b) => a.start - b.start || a.position - b.position);
  const own = current.of(course.id).filter((x) => x !== lost);
  const fp = courseFootprint(placer, course, own);
  for (const { booking: first, start: firstStart } of candidates) {
    const other = notStarted.get(first.courseId)!;
    const ref = placer.index.courseRefs(other.id).find((r) => placer.index.all[r].start === firstStart);
    if (ref === undefined) continue;
    placer.index.remove(ref);
    const placed = appendAfter(placer, course, fp.days, day - 1, nowMin, fp.usualRoomIdx, fp.tod, lost.fraction, lost.id);
    if ('failedOn' in placed) {
      placer.index.restore(ref);
      continue;
    }
    const rest = current.of(other.id).filter((x) => x !== first);
    // An urgent patient gives up a day only while the course still starts by its due date.
    const stillOnTime = other.urgency !== 'URGENT' || rest.some((x) => localDayOf(tz, parseInstant(x.start)) <= parseDate(other.dueStart));
    const ofp = courseFootprint(placer, other, rest);
    const tail = stillOnTime
      ? appendAfter(placer, other, ofp.days, ofp.days[ofp.days.length - 1] ?? day, nowMin, ofp.usualRoomIdx, ofp.tod, first.fraction, first.id)
      : null;
    // Starting a day later must not break rule 6 for the moved course itself: one treated on fewer
    // days a week can be left a week short with an open day unused.
    const breaksRule6 = !!tail && !('failedOn' in tail) && interrupts(cal.center, other, [...rest, tail.booking]);
    if (!tail || 'failedOn' in tail || breaksRule6) {
      if (tail && !('failedOn' in tail)) placer.index.remove(tail.ref);
      placer.index.remove(placed.ref);
      placer.index.restore(ref);
      continue;
    }
    return { placed, moved: { bookingId: first.id, courseId: other.id, fraction: first.fraction, from: first, to: tail.booking, reason: '' } };
  }
  return null;
}
