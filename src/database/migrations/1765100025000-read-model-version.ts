import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows the day board or the course list show, directly or through a view. */
export const READ_MODEL_TABLES = ['appointments', 'courses', 'patients', 'rooms', 'center_settings', 'closures', 'downtimes'] as const;

/**
 * Issue #24 item 10: `read_model_version` names the committed state of what the board and the course
 * list read, so an API process can keep their answers and still never serve one older than a write
 * its client has seen committed (ReadModelCache).
 *
 * Bumped by a DEFERRED constraint trigger, i.e. at commit, once per transaction (a transaction-local
 * setting remembers it did): a statement trigger would hold the version row's lock from the first
 * write to the commit and serialise every allocation; at commit the lock lasts only as long as the
 * commit itself. Sequence values are never reused, so a rolled-back bump cannot name a later state.
 * TRUNCATE fires no row trigger; a statement trigger covers it.
 */
export class ReadModelVersion1765100025000 implements MigrationInterface {
  name = 'ReadModelVersion1765100025000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE read_model_version_seq');
    await q.query(`
      CREATE TABLE read_model_version (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO read_model_version (id, version) VALUES (1, nextval('read_model_version_seq'))`);
    await q.query(`
      CREATE FUNCTION bump_read_model_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('beamtime.read_model_bumped', true) IS DISTINCT FROM 'on' THEN
          PERFORM set_config('beamtime.read_model_bumped', 'on', true);
          UPDATE read_model_version SET version = nextval('read_model_version_seq') WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of READ_MODEL_TABLES) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_bump_read_model_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_read_model_version()`);
      await q.query(`
        CREATE TRIGGER ${table}_truncate_bumps_read_model_version AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_read_model_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of READ_MODEL_TABLES) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_truncate_bumps_read_model_version ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_bump_read_model_version ON ${table}`);
    }
    await q.query('DROP FUNCTION IF EXISTS bump_read_model_version()');
    await q.query('DROP TABLE IF EXISTS read_model_version');
    await q.query('DROP SEQUENCE IF EXISTS read_model_version_seq');
  }
}
