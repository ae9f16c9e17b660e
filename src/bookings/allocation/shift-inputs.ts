import { EntityManager, In } from 'typeorm';
import { Course } from '../../courses/course.entity';
import { courseRequests } from '../../courses/course-requests';
import { formatDate, localDayOf, SHIFT_REASON_PREFIX } from '../../scheduling';
import type { CourseRequest, ShiftRecord } from '../../scheduling';

/**
 * What the core needs to shift booked fractions (bounded shifts): the courses with a fraction
 * still booked after `after` (any urgency, started or not: a shift keeps the day), and the shifts
 * already made in the move history, for the one-per-patient-per-ISO-week limit.
 */
export async function shiftableCourses(m: EntityManager, after: Date): Promise<CourseRequest[]> {
  const rows: Array<{ id: string }> = await m.query(
    `SELECT DISTINCT a.course_id AS id FROM appointments a JOIN courses c ON c.id = a.course_id
      WHERE a.status = 'BOOKED' AND a.start > $1 AND c.status = 'SCHEDULED'`,
    [after],
  );
  if (rows.length === 0) return [];
  return courseRequests(m, await m.getRepository(Course).findBy({ id: In(rows.map((r) => r.id)) }));
}

/**
 * Shifts of fractions of courses still booked after `now` (the per-course limit counts a course's
 * every shift; the weekly one only those near now). Shifts are rare, so this stays small.
 */
export async function shiftHistory(m: EntityManager, timeZone: string, now: Date): Promise<ShiftRecord[]> {
  const rows: Array<{ patient_id: string; course_id: string; from_start: Date }> = await m.query(
    `SELECT c.patient_id, a.course_id, mv.from_start FROM appointment_moves mv
       JOIN appointments a ON a.id = mv.appointment_id JOIN courses c ON c.id = a.course_id
      WHERE mv.reason LIKE $1
        AND EXISTS (SELECT 1 FROM appointments b WHERE b.course_id = a.course_id AND b.status = 'BOOKED' AND b.start > $2)`,
    [`${SHIFT_REASON_PREFIX} %`, now],
  );
  return rows.map((r) => ({
    patientKey: r.patient_id,
    courseId: r.course_id,
    date: formatDate(localDayOf(timeZone, Math.floor(r.from_start.getTime() / 60_000))),
  }));
}
