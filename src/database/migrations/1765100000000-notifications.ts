import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #22 (part A): patient contacts, the transactional outbox, ministry webhooks and the notification log.
 *
 * Outbox rows are written by triggers on the tables whose changes concern a patient or a ministry
 * (courses.status, appointment_moves, referrals.status, quota_reservations.status). A trigger runs in
 * the changing statement's own transaction, so every writer — the API, the allocator, the downtime and
 * opened-days reschedules, early starts, missed fractions, and any writer added later — records its event
 * atomically with the change, and no code path can forget to. `hold.expiring` is not a change (time
 * passes): the worker's relay writes it once per hold (`dedupe_key`).
 */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const e164 = `'^\\+[1-9][0-9]{6,14}$'`;
    const email = `'^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`;
    await q.query(`
      ALTER TABLE patients
        ADD COLUMN phone text CHECK (phone ~ ${e164}),
        ADD COLUMN email text CHECK (length(email) <= 254 AND email ~ ${email}),
        ADD COLUMN preferred_language text CHECK (preferred_language IN ('kk','ru','ky','en','uz')),
        ADD COLUMN guardian_name text CHECK (length(btrim(guardian_name)) BETWEEN 1 AND 200),
        ADD COLUMN guardian_relation text CHECK (guardian_relation IN ('mother','father','grandparent','sibling','legal-guardian','other')),
        ADD COLUMN guardian_phone text CHECK (guardian_phone ~ ${e164}),
        ADD COLUMN guardian_email text CHECK (length(guardian_email) <= 254 AND guardian_email ~ ${email}),
        ADD CONSTRAINT patients_guardian_named CHECK (
          guardian_name IS NOT NULL OR (guardian_relation IS NULL AND guardian_phone IS NULL AND guardian_email IS NULL))`);

    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        type text NOT NULL CHECK (type IN ('course.scheduled','fraction.moved','fraction.cancelled','course.unschedulable',
          'course.cancelled','referral.status-changed','hold.expiring','hold.expired')),
        patient_id uuid REFERENCES patients (id),
        course_id uuid,
        referral_id uuid,
        reservation_id uuid,
        country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$'),
        payload jsonb NOT NULL,
        dedupe_key text UNIQUE,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_events_undispatched_idx ON outbox_events (seq) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE ministry_webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        country_code char(2) NOT NULL REFERENCES countries (code),
        url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
        secret text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    // One receiver per country at a time: events are never fanned out to a URL another country registered.
    await q.query(`CREATE UNIQUE INDEX ministry_webhooks_one_active_uq ON ministry_webhooks (country_code) WHERE active`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('EMAIL','SMS','WEBHOOK')),
        patient_id uuid REFERENCES patients (id),
        referral_id uuid,
        webhook_id uuid REFERENCES ministry_webhooks (id),
        country_code char(2),
        recipient text NOT NULL,
        language text,
        event_ids uuid[] NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENDING','DELIVERED','FAILED')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        send_after timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        first_attempt_at timestamptz,
        subject text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT notifications_webhook_has_receiver CHECK ((channel = 'WEBHOOK') = (webhook_id IS NOT NULL)),
        CONSTRAINT notifications_webhook_same_country CHECK (channel <> 'WEBHOOK' OR country_code IS NOT NULL),
        CONSTRAINT notifications_has_events CHECK (cardinality(event_ids) > 0)
      )`);
    await q.query(`CREATE INDEX notifications_patient_idx ON notifications (patient_id, created_at)`);
    await q.query(`CREATE INDEX notifications_referral_idx ON notifications (referral_id, created_at) WHERE referral_id IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_open_idx ON notifications (next_attempt_at) WHERE status IN ('PENDING','SENDING')`);
    await q.query(`CREATE INDEX notifications_failed_idx ON notifications (failed_at) WHERE status = 'FAILED'`);

    // A webhook notice goes only to the receiver of the event's own country, whatever the code does.
    await q.query(`
      CREATE FUNCTION notifications_webhook_country() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.webhook_id IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM ministry_webhooks w WHERE w.id = NEW.webhook_id AND w.country_code = NEW.country_code) THEN
          RAISE EXCEPTION 'webhook % is not the receiver of country %', NEW.webhook_id, NEW.country_code USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.webhook_id IS NOT NULL AND EXISTS (
             SELECT 1 FROM outbox_events e WHERE e.id = ANY (NEW.event_ids) AND e.country_code IS DISTINCT FROM NEW.country_code) THEN
          RAISE EXCEPTION 'notification % carries another country''s event', NEW.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER notifications_webhook_country_trg BEFORE INSERT OR UPDATE OF event_ids, webhook_id, country_code ON notifications
      FOR EACH ROW EXECUTE FUNCTION notifications_webhook_country()`);

    await q.query(`
      CREATE FUNCTION outbox_course_status() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        kind text := CASE NEW.status WHEN 'SCHEDULED' THEN 'course.scheduled' WHEN 'UNSCHEDULABLE' THEN 'course.unschedulable'
                                     WHEN 'CANCELLED' THEN 'course.cancelled' END;
      BEGIN
        IF kind IS NULL OR NEW.status IS NOT DISTINCT FROM OLD.status THEN RETURN NEW; END IF;
        -- A scheduled course says when it starts: its fractions were inserted earlier in this transaction.
        INSERT INTO outbox_events (type, patient_id, course_id, referral_id, country_code, payload)
        SELECT kind, NEW.patient_id, NEW.id, NEW.referral_id, NEW.referral_country_code,
               jsonb_build_object('courseId', NEW.id, 'status', NEW.status, 'previousStatus', OLD.status, 'reason', NEW.reason, 'fractions', NEW.fractions)
               || CASE WHEN kind = 'course.scheduled' THEN
                    (SELECT jsonb_build_object('bookedFractions', count(a.id), 'firstFraction', min(a.start), 'lastFraction', max(a.start))
                       FROM appointments a WHERE a.course_id = NEW.id AND a.status = 'BOOKED')
                  ELSE '{}'::jsonb END;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER courses_outbox_trg AFTER UPDATE OF status ON courses FOR EACH ROW EXECUTE FUNCTION outbox_course_status()`);

    // A missed fraction given again writes two history rows (the new appointment's and the kept MISSED
    // one's, which says "Given again as appointment …"): the change is one, so is its event.
    await q.query(`
      CREATE FUNCTION outbox_appointment_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reason LIKE '%Given again as appointment %' THEN RETURN NEW; END IF;
        INSERT INTO outbox_events (type, patient_id, course_id, referral_id, country_code, payload)
        SELECT CASE WHEN NEW.to_start IS NULL THEN 'fraction.cancelled' ELSE 'fraction.moved' END,
               c.patient_id, c.id, c.referral_id, c.referral_country_code,
               jsonb_build_object('courseId', c.id, 'appointmentId', NEW.appointment_id, 'moveId', NEW.id, 'fraction', a.fraction,
                                  'fromStart', NEW.from_start, 'fromRoomId', NEW.from_room_id, 'toStart', NEW.to_start, 'toRoomId', NEW.to_room_id,
                                  'reason', NEW.reason, 'movedBy', NEW.moved_by)
          FROM appointments a JOIN courses c ON c.id = a.course_id
         WHERE a.id = NEW.appointment_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER appointment_moves_outbox_trg AFTER INSERT ON appointment_moves FOR EACH ROW EXECUTE FUNCTION outbox_appointment_move()`);

    await q.query(`
      CREATE FUNCTION outbox_referral_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IS NOT DISTINCT FROM OLD.status THEN RETURN NEW; END IF;
        INSERT INTO outbox_events (type, patient_id, course_id, referral_id, country_code, payload)
        VALUES ('referral.status-changed', NEW.patient_id, NEW.course_id, NEW.id, NEW.country_code,
                jsonb_build_object('referralId', NEW.id, 'courseId', NEW.course_id, 'status', NEW.status, 'previousStatus', OLD.status));
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER referrals_outbox_trg AFTER UPDATE OF status ON referrals FOR EACH ROW EXECUTE FUNCTION outbox_referral_status()`);

    await q.query(`
      CREATE FUNCTION outbox_hold_expired() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status <> 'EXPIRED' OR OLD.status = 'EXPIRED' THEN RETURN NEW; END IF;
        INSERT INTO outbox_events (type, reservation_id, country_code, payload, dedupe_key)
        VALUES ('hold.expired', NEW.id, NEW.country_code,
                jsonb_build_object('reservationId', NEW.id, 'quotaId', NEW.quota_id, 'count', NEW.count, 'unused', OLD.remaining, 'expiresAt', NEW.expires_at),
                'hold.expired:' || NEW.id)
        ON CONFLICT (dedupe_key) DO NOTHING;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER quota_reservations_outbox_trg AFTER UPDATE OF status ON quota_reservations FOR EACH ROW EXECUTE FUNCTION outbox_hold_expired()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS quota_reservations_outbox_trg ON quota_reservations`);
    await q.query(`DROP TRIGGER IF EXISTS referrals_outbox_trg ON referrals`);
    await q.query(`DROP TRIGGER IF EXISTS appointment_moves_outbox_trg ON appointment_moves`);
    await q.query(`DROP TRIGGER IF EXISTS courses_outbox_trg ON courses`);
    await q.query(`DROP FUNCTION IF EXISTS outbox_hold_expired(), outbox_referral_status(), outbox_appointment_move(), outbox_course_status()`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
    await q.query(`DROP FUNCTION IF EXISTS notifications_webhook_country()`);
    await q.query(`DROP TABLE IF EXISTS ministry_webhooks`);
    await q.query(`DROP TABLE IF EXISTS outbox_events`);
    await q.query(`ALTER TABLE patients DROP CONSTRAINT IF EXISTS patients_guardian_named,
      DROP COLUMN phone, DROP COLUMN email, DROP COLUMN preferred_language, DROP COLUMN guardian_name,
      DROP COLUMN guardian_relation, DROP COLUMN guardian_phone, DROP COLUMN guardian_email`);
  }
}
