import { EntityManager, In } from 'typeorm';
import { Course } from './course.entity';
import { courseRequests } from './course-requests';
import type { CourseRequest, Urgency } from '../scheduling';

/**
 * SCHEDULED courses of these urgencies that nobody has been treated in yet (nothing delivered or missed),
 * as the core takes them: the ones it may move to make room (an emergency's displacement, early starts,
 * a downtime). `firstFractionAfter` also requires every booked fraction to be still ahead of that instant.
 */
export async function notStartedCourses(m: EntityManager, urgencies: Urgency[], firstFractionAfter?: Date): Promise<CourseRequest[]> {
  const rows: Array<{ id: string }> = await m.query(
    `SELECT c.id FROM courses c
      WHERE c.status = 'SCHEDULED' AND c.urgency::text = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.course_id = c.id AND a.status IN ('DELIVERED', 'MISSED'))
        AND ($2::timestamptz IS NULL OR (SELECT min(a.start) FROM appointments a WHERE a.course_id = c.id AND a.status = 'BOOKED') > $2)`,
    [urgencies, firstFractionAfter ?? null],
  );
  if (rows.length === 0) return [];
  return courseRequests(m, await m.getRepository(Course).findBy({ id: In(rows.map((r) => r.id)) }));
}
