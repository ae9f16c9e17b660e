import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored results of POSTs sent with an Idempotency-Key. The primary key (user, key) is what turns
 * two concurrent retries into one execution: the second INSERT of the PENDING row conflicts.
 */
export class IdempotencyKeys1764100100000 implements MigrationInterface {
  name = 'IdempotencyKeys1764100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('PENDING', 'DONE')),
        response_status integer,
        response_body jsonb,
        location text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key),
        CHECK (state = 'PENDING' OR response_status IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS idempotency_keys');
  }
}
