import type { EntityManager } from 'typeorm';

/**
 * Adds to what the course's reason already says: a course hit by three downtimes must show all
 * three, not only the last (each said once).
 */
export async function addCourseReason(m: EntityManager, courseId: string, reason: string): Promise<void> {
  await m.query(
    `UPDATE courses SET reason = CASE WHEN coalesce(reason, '') = '' THEN $2
                                      WHEN strpos(reason, $2) > 0 THEN reason
                                      ELSE reason || E'\n' || $2 END
      WHERE id = $1`,
    [courseId, reason],
  );
}
