import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and the audit trail. The role/country rule and the append-only audit log are enforced
 * by PostgreSQL so no code path (a script, a future service, a psql session) can bypass them.
 */
export class UsersAudit1764100000000 implements MigrationInterface {
  name = 'UsersAudit1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[A-Za-z0-9._-]{3,64}$'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'COORDINATOR', 'MINISTRY')),
        country_code text CHECK (country_code ~ '^[A-Z]{2}$'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_ministry_has_country CHECK ((role = 'MINISTRY') = (country_code IS NOT NULL))
      )`);
    // Case-insensitive: "Admin" and "admin" must not be two accounts.
    await queryRunner.query('CREATE UNIQUE INDEX users_username_key ON users (lower(username))');

    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        username text NOT NULL,
        role text NOT NULL,
        country_code text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        request_id text,
        details jsonb
      )`);
    await queryRunner.query('CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id)');
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS audit_log');
    await queryRunner.query('DROP FUNCTION IF EXISTS audit_log_append_only()');
    await queryRunner.query('DROP TABLE IF EXISTS users');
  }
}
