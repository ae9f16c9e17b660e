import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An exact duplicate of a downtime (same room or both the whole beam line, same start and end) is refused
 * with 409 by the service; this index is the last guard. NULLS NOT DISTINCT: two whole-line downtimes
 * (room_id null) with the same span are duplicates too (PostgreSQL 15).
 */
export class DowntimeExactDuplicate1764900019000 implements MigrationInterface {
  name = 'DowntimeExactDuplicate1764900019000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE UNIQUE INDEX downtimes_exact_duplicate_idx ON downtimes (room_id, start_at, end_at) NULLS NOT DISTINCT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS downtimes_exact_duplicate_idx');
  }
}
