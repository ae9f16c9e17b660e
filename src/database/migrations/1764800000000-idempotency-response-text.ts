import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replay must be byte-identical to the first response, but `response_body jsonb` normalises the
 * JSON (keys reordered by length, whitespace dropped). New rows store the exact text sent and its
 * Content-Type. `response_body` stays, for rows written before this migration (replayed from jsonb
 * until they expire, 24 h later); nothing writes it any more.
 */
export class IdempotencyResponseText1764800000000 implements MigrationInterface {
  name = 'IdempotencyResponseText1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE idempotency_keys ADD COLUMN response_text text, ADD COLUMN response_content_type text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Keep what the old code can replay: JSON text becomes jsonb again (key order is lost, as before).
    await queryRunner.query(
      `UPDATE idempotency_keys SET response_body = response_text::jsonb
       WHERE response_body IS NULL AND response_text IS NOT NULL AND response_content_type LIKE 'application/json%'`,
    );
    await queryRunner.query('ALTER TABLE idempotency_keys DROP COLUMN response_text, DROP COLUMN response_content_type');
  }
}
