import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #24 item 11: who read whose record (IHE BALP's "read" and "query" events). One row per
 * audited request, with every patient it showed in `patient_ids`: a course list of 25 is one row, not
 * 25, and GIN finds a patient's rows. Its own table, not audit_log: reads outnumber mutations by orders
 * of magnitude, are written outside any transaction (a GET has none) and batched across requests, and
 * audit_log's rows describe changes its readers reason about one by one. Append-only like audit_log.
 */
export class ReadAudit1765100024011 implements MigrationInterface {
  name = 'ReadAudit1765100024011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE read_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        username text NOT NULL,
        role text NOT NULL,
        country_code text,
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$'),
        entity_id text,
        patient_ids uuid[] NOT NULL CHECK (cardinality(patient_ids) > 0),
        request_id text
      )`);
    await q.query('CREATE INDEX read_audit_patient_ids_gin ON read_audit USING gin (patient_ids)');
    await q.query(`
      CREATE FUNCTION read_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'read_audit is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query('CREATE TRIGGER read_audit_no_update_delete BEFORE UPDATE OR DELETE ON read_audit FOR EACH ROW EXECUTE FUNCTION read_audit_append_only()');
    await q.query('CREATE TRIGGER read_audit_no_truncate BEFORE TRUNCATE ON read_audit FOR EACH STATEMENT EXECUTE FUNCTION read_audit_append_only()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS read_audit');
    await q.query('DROP FUNCTION IF EXISTS read_audit_append_only()');
  }
}
