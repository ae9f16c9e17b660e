import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forecast jobs: the request, its progress and its result live in PostgreSQL so a result
 * survives Redis and the BullMQ job's removal; the queue only carries the id.
 */
export class Forecasts1764500000000 implements MigrationInterface {
  name = 'Forecasts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forecasts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED','RUNNING','DONE','FAILED')),
        progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        input jsonb NOT NULL,
        result jsonb,
        error text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (status <> 'DONE' OR result IS NOT NULL),
        CHECK (status <> 'FAILED' OR error IS NOT NULL)
      )`);
    await q.query('CREATE INDEX forecasts_created_at_idx ON forecasts (created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS forecasts');
  }
}
