import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #24 item 10 (100 clients on the day board and the course list):
 *
 * - `appointments_start_idx`: the board asked for fractions overlapping a day with `start < to AND
 *   "end" > from`, which no index served: every request read all ~20,000 rows of a booked year. With
 *   a fraction never longer than a day (the new CHECK; fraction_minutes is at most 240 anyway) the
 *   board adds `start > from - 1 day` and reads one index range.
 * - `courses_created_idx`: the course list's order (newest first, then id) and its pages.
 */
export class ReadPathIndexes1765100024012 implements MigrationInterface {
  name = 'ReadPathIndexes1765100024012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appointments ADD CONSTRAINT appointments_at_most_a_day CHECK ("end" <= start + interval '1 day')`);
    await q.query('CREATE INDEX appointments_start_idx ON appointments (start)');
    await q.query('CREATE INDEX courses_created_idx ON courses (created_at DESC, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS courses_created_idx');
    await q.query('DROP INDEX IF EXISTS appointments_start_idx');
    await q.query('ALTER TABLE appointments DROP CONSTRAINT IF EXISTS appointments_at_most_a_day');
  }
}
