import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #22: a patient's secret calendar subscription link. Only the SHA-256 of the token is kept
 * (the token is shown once, when issued), so a database read does not hand out working links. At
 * most one live link per patient: issuing a new one revokes the old one in the same transaction,
 * and the partial unique index holds that even against two coordinators clicking at once.
 */
export class CalendarLinks1765100001000 implements MigrationInterface {
  name = 'CalendarLinks1765100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT calendar_links_token_hash_sha256 CHECK (octet_length(token_hash) = 32),
        CONSTRAINT calendar_links_revoked_after_issued CHECK (revoked_at IS NULL OR revoked_at >= issued_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_links_token_hash_uq ON calendar_links (token_hash)`);
    await q.query(`CREATE UNIQUE INDEX calendar_links_one_live_uq ON calendar_links (patient_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_links`);
  }
}
