import type { EntityManager } from 'typeorm';

/**
 * SPEC §4 "before its first fraction": once a fraction was given or missed, or one was due to start
 * already, the course has begun and its referral's place counts as used.
 */
export async function courseHasStarted(m: EntityManager, courseId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM appointments
      WHERE course_id = $1 AND (status IN ('DELIVERED', 'MISSED') OR (status = 'BOOKED' AND start <= now()))
      LIMIT 1`,
    [courseId],
  );
  return rows.length > 0;
}
