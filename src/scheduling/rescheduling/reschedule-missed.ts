/**
 * A missed fraction is not re-squeezed into the running series: it is given again after the
 * course's last fraction, on the next day open for it, at the course's usual time and room where
 * possible. The new appointment keeps the missed fraction's number (the prescription still has n
 * fractions, numbered 1..n; the MISSED row stays as the record of the day it was not given).
 */
import { Booking, CenterConfig, CourseRequest, Move } from '../types';
import { parseInstant } from '../time/zone';
import { CorePlanner, NO_RESERVATION } from '../allocation/planner';
import { appendAfter, courseFootprint } from './course-tail';

export function rescheduleMissed(
  center: CenterConfig,
  bookings: Booking[],
  course: CourseRequest,
  missedBookingId: string,
  now: string,
): { moves: Move[]; unschedulable?: string } {
  const missed = bookings.find((b) => b.id === missedBookingId);
  if (!missed || missed.courseId !== course.id) {
    return { moves: [], unschedulable: `Appointment ${missedBookingId} is not a fraction of course ${course.id}.` };
  }
  const marked: Booking[] = bookings.map((b) => (b === missed ? { ...b, status: 'MISSED' as const } : b));
  const occupying = marked.filter((b) => b.status !== 'MISSED' && b.status !== 'CANCELLED');
  const planner = new CorePlanner(center, occupying, { reservation: NO_RESERVATION });
  const fp = courseFootprint(planner, course, marked);
  const lastDay = fp.days[fp.days.length - 1];
  const placed = appendAfter(planner, course, fp.days, lastDay, parseInstant(now), fp.usualRoomIdx, fp.tod, missed.fraction);
  if ('failedOn' in placed) {
    return {
      moves: [],
      unschedulable:
        `Fraction ${missed.fraction} was missed; its replacement must follow the last fraction without a gap, ` +
        `but ${placed.failedOn} has no free ${course.fractionMinutes}-minute slot in an allowed room. A coordinator must move another appointment.`,
    };
  }
  const to = placed.booking;
  return {
    moves: [
      {
        courseId: course.id,
        fraction: to.fraction,
        from: missed,
        to,
        reason:
          `Fraction ${missed.fraction} (${missed.start.slice(0, 16)}) was missed; it is given again after the last one, ` +
          `on ${to.start.slice(0, 10)} at ${to.start.slice(11, 16)} in ${to.roomId}.`,
      },
    ],
  };
}
