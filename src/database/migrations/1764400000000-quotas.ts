import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-border quotas (SPEC §4): countries and categories as data, quotas, holds, referrals and an
 * append-only ledger.
 *
 * The ledger is the only write path for the counters: inserting a ledger row applies its deltas to
 * the quota through a trigger, so `granted/reserved/used` equal the ledger sums by construction,
 * and the quota's CHECK rejects the insert (and with it the whole transaction) when the deltas would
 * overdraw it. Changing a counter directly (not from that trigger) is rejected.
 */
export class Quotas1764400000000 implements MigrationInterface {
  name = 'Quotas1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE countries (
        code char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        partner boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO countries (code, name, partner) VALUES
      ('KZ', 'Kazakhstan', false), ('KG', 'Kyrgyzstan', true), ('UZ', 'Uzbekistan', true)`);

    await q.query(`
      CREATE TABLE quota_categories (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO quota_categories (code, description) VALUES
      ('PEDIATRIC_ONCOHEMATOLOGY', 'Children with oncohematological cancers')`);

    await q.query(`
      CREATE TABLE quotas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        country_code char(2) NOT NULL REFERENCES countries (code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        category text NOT NULL REFERENCES quota_categories (code),
        granted int NOT NULL DEFAULT 0,
        reserved int NOT NULL DEFAULT 0,
        used int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quotas_never_overdrawn CHECK (granted >= 0 AND reserved >= 0 AND used >= 0 AND reserved + used <= granted),
        CONSTRAINT quotas_country_year_category_key UNIQUE (country_code, year, category)
      )`);
    await q.query('CREATE INDEX quotas_year_idx ON quotas (year)');

    await q.query(`
      CREATE TABLE quota_reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quota_id uuid NOT NULL REFERENCES quotas (id),
        country_code char(2) NOT NULL REFERENCES countries (code),
        count int NOT NULL CHECK (count >= 1),
        remaining int NOT NULL CHECK (remaining >= 0 AND remaining <= count),
        status text NOT NULL DEFAULT 'HELD' CHECK (status IN ('HELD', 'EXHAUSTED', 'RELEASED', 'EXPIRED')),
        expires_at timestamptz NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT quota_reservations_held_has_places CHECK ((status = 'HELD') = (remaining > 0))
      )`);
    await q.query(`CREATE INDEX quota_reservations_due_idx ON quota_reservations (expires_at) WHERE status = 'HELD'`);
    await q.query('CREATE INDEX quota_reservations_quota_idx ON quota_reservations (quota_id)');

    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        reservation_id uuid NOT NULL REFERENCES quota_reservations (id),
        quota_id uuid NOT NULL REFERENCES quotas (id),
        country_code char(2) NOT NULL REFERENCES countries (code),
        patient_id uuid NOT NULL REFERENCES patients (id),
        course_id uuid NOT NULL UNIQUE REFERENCES courses (id),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETURNED')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        returned_at timestamptz
      )`);
    await q.query('CREATE INDEX referrals_country_idx ON referrals (country_code, created_at)');

    await q.query(`
      CREATE TABLE quota_ledger (
        id bigserial PRIMARY KEY,
        quota_id uuid NOT NULL REFERENCES quotas (id),
        kind text NOT NULL CHECK (kind IN ('GRANT', 'RESERVE', 'USE', 'RELEASE', 'EXPIRE', 'RETURN')),
        delta_granted int NOT NULL DEFAULT 0,
        delta_reserved int NOT NULL DEFAULT 0,
        delta_used int NOT NULL DEFAULT 0,
        reservation_id uuid REFERENCES quota_reservations (id),
        referral_id uuid REFERENCES referrals (id) DEFERRABLE INITIALLY DEFERRED,
        actor_user_id uuid,
        actor_username text NOT NULL,
        actor_role text NOT NULL,
        request_id text,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quota_ledger_changes_something CHECK (delta_granted <> 0 OR delta_reserved <> 0 OR delta_used <> 0)
      )`);
    await q.query('CREATE INDEX quota_ledger_quota_idx ON quota_ledger (quota_id, id)');

    await q.query(`
      CREATE FUNCTION quota_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'quota_ledger is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER quota_ledger_no_update_delete BEFORE UPDATE OR DELETE ON quota_ledger
      FOR EACH ROW EXECUTE FUNCTION quota_ledger_append_only()`);
    await q.query(`
      CREATE TRIGGER quota_ledger_no_truncate BEFORE TRUNCATE ON quota_ledger
      FOR EACH STATEMENT EXECUTE FUNCTION quota_ledger_append_only()`);

    // The ledger row and the counter change are one statement: they cannot drift apart.
    await q.query(`
      CREATE FUNCTION quota_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE quotas
           SET granted = granted + NEW.delta_granted,
               reserved = reserved + NEW.delta_reserved,
               used = used + NEW.delta_used,
               updated_at = now()
         WHERE id = NEW.quota_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER quota_ledger_apply AFTER INSERT ON quota_ledger
      FOR EACH ROW EXECUTE FUNCTION quota_ledger_apply()`);

    // Counters start at zero and move only through the ledger trigger above (trigger depth > 1).
    await q.query(`
      CREATE FUNCTION quotas_counters_via_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.granted <> 0 OR NEW.reserved <> 0 OR NEW.used <> 0 THEN
            RAISE EXCEPTION 'quota counters start at 0 and change only through quota_ledger' USING ERRCODE = 'check_violation';
          END IF;
        ELSIF pg_trigger_depth() < 2 AND (NEW.granted, NEW.reserved, NEW.used) IS DISTINCT FROM (OLD.granted, OLD.reserved, OLD.used) THEN
          RAISE EXCEPTION 'quota counters change only through quota_ledger' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER quotas_counters_via_ledger BEFORE INSERT OR UPDATE ON quotas
      FOR EACH ROW EXECUTE FUNCTION quotas_counters_via_ledger()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS quota_ledger');
    await q.query('DROP FUNCTION IF EXISTS quota_ledger_append_only()');
    await q.query('DROP FUNCTION IF EXISTS quota_ledger_apply()');
    await q.query('DROP TABLE IF EXISTS referrals');
    await q.query('DROP TABLE IF EXISTS quota_reservations');
    await q.query('DROP TABLE IF EXISTS quotas');
    await q.query('DROP FUNCTION IF EXISTS quotas_counters_via_ledger()');
    await q.query('DROP TABLE IF EXISTS quota_categories');
    await q.query('DROP TABLE IF EXISTS countries');
  }
}
