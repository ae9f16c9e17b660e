/**
 * A fraction that was not given (missed by the patient, or cancelled because a downtime left no
 * place for it) is not re-squeezed into the running series: it is given again after the course's
 * last fraction, on the next day open for it, at the course's usual time and room where possible.
 * It keeps its number (the prescription still has n fractions, numbered 1..n; a MISSED row stays
 * as the record of the day it was not given).
 */
import { Booking, CenterConfig, CourseRequest, Move } from '../types';
import { formatInstant, localDayOf, parseInstant, parseInstantCeil } from '../time/zone';
import { formatDate, parseDate } from '../time/civil-day';
import { FractionPlacer } from './fraction-placer';
import { appendAfter, courseFootprint, interrupts, tailFailureText } from './course-tail';
import { roomLabel } from '../calendar/room-label';

export function rescheduleMissed(
  center: CenterConfig,
  bookings: Booking[],
  course: CourseRequest,
  missedBookingId: string,
  now: string,
): { moves: Move[]; unschedulable?: string; interrupted?: string } {
  const missed = bookings.find((b) => b.id === missedBookingId);
  if (!missed || missed.courseId !== course.id) {
    return { moves: [], unschedulable: `Appointment ${missedBookingId} is not a fraction of course ${course.id}.` };
  }
  const marked: Booking[] = bookings.map((b) => (b === missed ? { ...b, status: 'MISSED' as const } : b));
  const when = formatInstant(center.timeZone, parseInstant(missed.start)).slice(0, 16).replace('T', ' ');
  return rebookAtEnd(center, marked, course, missed, now, `Fraction ${missed.fraction} (${when}) was missed`);
}

/**
 * Books `lost` (a fraction of `course` that is not BOOKED any more) again after the course's last
 * fraction. `bookings` holds everything else live and the course's own history.
 */
export function rebookAtEnd(
  center: CenterConfig,
  bookings: Booking[],
  course: CourseRequest,
  lost: Booking,
  now: string,
  why: string,
): { moves: Move[]; unschedulable?: string; interrupted?: string } {
  const others = bookings.filter((b) => b.id !== lost.id || b.status === 'MISSED');
  const occupying = others.filter((b) => b.status !== 'MISSED' && b.status !== 'CANCELLED');
  const placer = new FractionPlacer(center, occupying);
  const fp = courseFootprint(placer, course, others);
  const nowMin = parseInstantCeil(now);
  // A course with nothing booked, given or missed any more starts again: from its earliest start, or today.
  const lastDay = fp.days[fp.days.length - 1] ?? Math.max(parseDate(course.earliestStart), localDayOf(center.timeZone, nowMin)) - 1;
  const placed = appendAfter(placer, course, fp.days, lastDay, nowMin, fp.usualRoomIdx, fp.tod, lost.fraction);
  if ('failedOn' in placed) {
    return {
      moves: [],
      unschedulable:
        `${why}; it must be given again right after the last fraction without a gap, but ${tailFailureText(placed, course.fractionMinutes)}. ` +
        (placed.noOpenDay ? 'Give it a start, or wait until a room is back.' : 'A coordinator must move another appointment.'),
    };
  }
  const to = placed.booking;
  // The past cannot be booked: a miss recorded after the course's last fraction leaves the open days
  // between that fraction and now unused. Nothing can undo that; the coordinator and the physician must know.
  const gap =
    interrupts(center, course, [...others, to]) && !interrupts(center, course, bookings)
      ? `the course is interrupted (rule 6): open days between its last fraction on ${formatDate(lastDay)} and ${to.start.slice(0, 10)} ` +
        'have no fraction, because the fraction was reported not given only after they had passed'
      : undefined;
  return {
    moves: [
      {
        courseId: course.id,
        fraction: to.fraction,
        from: lost,
        to,
        reason:
          `${why}; it is given again after the last one, on ${to.start.slice(0, 10)} at ${to.start.slice(11, 16)} in ${roomLabel(center, to.roomId)}` +
          (gap ? `; ${gap}.` : '.'),
      },
    ],
    ...(gap ? { interrupted: `${why}; ${gap}.` } : {}),
  };
}
