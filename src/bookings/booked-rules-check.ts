import { EntityManager, In } from 'typeorm';
import { AppointmentRow, rowToBooking } from '../appointments/appointment-row';
import { CenterConfigService } from '../center/center-config.service';
import { Course } from '../courses/course.entity';
import { courseRequests } from '../courses/course-requests';
import { checkSchedule } from '../scheduling';
import type { Booking, Violation } from '../scheduling';

/** What the core's rule checker finds in the stored bookings: counts per rule (1–10) and a few messages. */
export interface BookedRulesReport {
  bookings: number;
  courses: number;
  violations: number;
  byRule: Record<string, number>;
  samples: string[];
}

const SAMPLES = 5;

/**
 * Every live fraction in the database (booked, delivered, missed) judged by `checkSchedule`, the
 * core's independent checker of every hard rule. The exclusion constraints only prove rules 3 and 8;
 * open hours, closures, QA, downtimes, one a day, weekly caps, no interruption, anesthesia, not
 * before submission and children's hours are the allocator's word until this says otherwise.
 */
export async function checkBookedRules(m: EntityManager, centerConfig: CenterConfigService): Promise<BookedRulesReport> {
  const rows = (await m.query(
    `SELECT id, course_id, fraction, room_id, start, "end", beam_start, beam_end, anesthesia, status
       FROM appointments WHERE status <> 'CANCELLED' ORDER BY start`,
  )) as AppointmentRow[];
  const bookings: Booking[] = rows.map((r) => ({ ...rowToBooking(r), status: r.status as Booking['status'] }));
  const courseIds = [...new Set(rows.map((r) => r.course_id))];
  const courses = courseIds.length === 0 ? [] : await m.getRepository(Course).findBy({ id: In(courseIds) });
  const requests = await courseRequests(m, courses);
  const range = bookings.length === 0 ? undefined : { from: bookings[0].start, to: bookings[bookings.length - 1].end };
  const center = await centerConfig.load(m, range);
  return summarise(checkSchedule(center, bookings, requests), bookings.length, courses.length);
}

export function summarise(violations: Violation[], bookings: number, courses: number): BookedRulesReport {
  const byRule: Record<string, number> = {};
  for (let rule = 1; rule <= 10; rule++) byRule[rule] = 0;
  for (const v of violations) byRule[v.rule] += 1;
  return { bookings, courses, violations: violations.length, byRule, samples: violations.slice(0, SAMPLES).map((v) => `rule ${v.rule}: ${v.message}`) };
}
