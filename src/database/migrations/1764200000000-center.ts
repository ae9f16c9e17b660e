import { MigrationInterface, QueryRunner } from 'typeorm';

const WEEKDAYS_0700_2300 = {
  mon: [['07:00', '23:00']],
  tue: [['07:00', '23:00']],
  wed: [['07:00', '23:00']],
  thu: [['07:00', '23:00']],
  fri: [['07:00', '23:00']],
  sat: null,
  sun: null,
};
const WEEKDAYS_0800_1300 = {
  mon: [['08:00', '13:00']],
  tue: [['08:00', '13:00']],
  wed: [['08:00', '13:00']],
  thu: [['08:00', '13:00']],
  fri: [['08:00', '13:00']],
  sat: null,
  sun: null,
};

/**
 * The center: rooms, the single calendar-settings row, administrator closures and downtimes.
 * `center_config_version` is bumped by statement triggers on all four tables so CenterConfigService
 * can cache the assembled CenterConfig and still never serve a stale one (sequence values are never
 * reused, so a rolled-back bump cannot collide with a later committed one).
 */
export class Center1764200000000 implements MigrationInterface {
  name = 'Center1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
        kind text NOT NULL CHECK (kind IN ('GANTRY', 'FIXED_BEAM')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // "G1" and "g1" would be the same room to a person reading a schedule.
    await queryRunner.query('CREATE UNIQUE INDEX rooms_name_key ON rooms (lower(name))');

    await queryRunner.query(`
      CREATE TABLE center_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        time_zone text NOT NULL,
        hours jsonb NOT NULL,
        qa_minutes int NOT NULL DEFAULT 30 CHECK (qa_minutes BETWEEN 0 AND 240),
        anesthesia_windows jsonb NOT NULL,
        anesthesia_teams int NOT NULL DEFAULT 1 CHECK (anesthesia_teams BETWEEN 0 AND 20),
        shared_beam boolean NOT NULL DEFAULT true,
        holidays text NOT NULL DEFAULT 'KZ' CHECK (holidays IN ('KZ', 'NONE')),
        horizon_weeks int NOT NULL DEFAULT 26 CHECK (horizon_weeks BETWEEN 1 AND 104),
        annual_capacity int NOT NULL DEFAULT 800 CHECK (annual_capacity BETWEEN 0 AND 100000),
        cross_border_share numeric(5, 4) NOT NULL DEFAULT 0.15 CHECK (cross_border_share BETWEEN 0 AND 1),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The one settings row always exists, so readers (quotas, capacity) never handle "no center".
    await queryRunner.query(`INSERT INTO center_settings (id, time_zone, hours, anesthesia_windows) VALUES (1, $1, $2, $3)`, [
      process.env.TZ_CENTER || 'Asia/Almaty',
      JSON.stringify(WEEKDAYS_0700_2300),
      JSON.stringify(WEEKDAYS_0800_1300),
    ]);

    await queryRunner.query(`
      CREATE TABLE closures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL,
        kind text NOT NULL DEFAULT 'CLOSURE' CHECK (kind IN ('CLOSURE', 'WORKING_DAY')),
        reason text NOT NULL DEFAULT '',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT closures_date_key UNIQUE (date)
      )`);

    await queryRunner.query(`
      CREATE TABLE downtimes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        room_id uuid REFERENCES rooms (id),
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PLANNED', 'UNPLANNED')),
        reason text NOT NULL DEFAULT '',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reschedule_status text NOT NULL DEFAULT 'PENDING' CHECK (reschedule_status IN ('PENDING', 'DONE', 'FAILED')),
        reschedule_attempt int NOT NULL DEFAULT 1 CHECK (reschedule_attempt >= 1),
        rescheduled_at timestamptz,
        reschedule_summary jsonb,
        CONSTRAINT downtimes_end_after_start CHECK (end_at > start_at)
      )`);
    await queryRunner.query('CREATE INDEX downtimes_span_idx ON downtimes USING gist (tstzrange(start_at, end_at))');
    // The reconciler looks for downtimes whose reschedule never ran.
    await queryRunner.query(`CREATE INDEX downtimes_pending_idx ON downtimes (created_at) WHERE reschedule_status = 'PENDING'`);

    await queryRunner.query('CREATE SEQUENCE center_config_version_seq');
    await queryRunner.query(`
      CREATE TABLE center_config_version (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO center_config_version (id, version) VALUES (1, nextval('center_config_version_seq'))`);
    await queryRunner.query(`
      CREATE FUNCTION bump_center_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE center_config_version SET version = nextval('center_config_version_seq') WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of ['rooms', 'center_settings', 'closures', 'downtimes']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_bump_center_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_center_config_version()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS downtimes');
    await queryRunner.query('DROP TABLE IF EXISTS closures');
    await queryRunner.query('DROP TABLE IF EXISTS center_settings');
    await queryRunner.query('DROP TABLE IF EXISTS rooms');
    await queryRunner.query('DROP TABLE IF EXISTS center_config_version');
    await queryRunner.query('DROP FUNCTION IF EXISTS bump_center_config_version()');
    await queryRunner.query('DROP SEQUENCE IF EXISTS center_config_version_seq');
  }
}
