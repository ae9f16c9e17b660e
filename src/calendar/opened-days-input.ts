import { EntityManager, In } from 'typeorm';
import { Appointment } from '../appointments/appointment.entity';
import { toBooking } from '../appointments/booking.mapper';
import { Course } from '../courses/course.entity';
import { courseRequests } from '../courses/course-requests';
import type { Booking, CourseRequest } from '../scheduling';

/**
 * What the core needs to judge opened days: the courses booked past the first of them (active ones),
 * their given and missed fractions (they count for the week and as days used) and every live booking.
 * `live` is the booking cache's view (the caller holds the bookings lock); `lock` takes the courses'
 * rows FOR UPDATE, as the downtime reschedule does before it writes their reasons.
 */
export async function openedDaysInput(
  m: EntityManager,
  live: Booking[],
  dates: string[],
  lock = false,
): Promise<{ bookings: Booking[]; courses: CourseRequest[] }> {
  if (dates.length === 0) return { bookings: live, courses: [] };
  const first = [...dates].sort()[0];
  // A day early in UTC terms, so every zone's local date is covered; the core judges the exact day.
  const from = Date.parse(`${first}T00:00:00Z`) - 24 * 3600_000;
  const ids = [...new Set(live.filter((b) => Date.parse(b.start) > from).map((b) => b.courseId))];
  if (ids.length === 0) return { bookings: live, courses: [] };
  const rows = await m.getRepository(Course).find({
    where: { id: In(ids), status: In(['SCHEDULED', 'IN_TREATMENT']) },
    order: { id: 'ASC' },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (rows.length === 0) return { bookings: live, courses: [] };
  const given = await m.getRepository(Appointment).findBy({ courseId: In(rows.map((c) => c.id)), status: In(['DELIVERED', 'MISSED']) });
  return { bookings: live.concat(given.map(toBooking)), courses: await courseRequests(m, rows) };
}
