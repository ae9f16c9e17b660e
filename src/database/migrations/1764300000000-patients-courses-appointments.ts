import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patients, courses, appointments and their move history. The database itself forbids double
 * booking: one exclusion per room and one per beam line (every room shares 'main' when the beam
 * is shared). `version` comes from one sequence on every appointment write so allocators can
 * read only what changed since their last look (the booking cache).
 */
export class PatientsCoursesAppointments1764300000000 implements MigrationInterface {
  name = 'PatientsCoursesAppointments1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE patients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 200),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 200),
        birth_date date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('female','male','other','unknown')),
        country_code char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
        mrn text UNIQUE,
        referral_country_code char(2) CHECK (referral_country_code ~ '^[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX patients_last_name_idx ON patients (lower(last_name), lower(first_name))');
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients(id),
        diagnosis_group text NOT NULL CHECK (diagnosis_group IN
          ('CNS','HEAD_NECK','ONCOHEMATOLOGY','SARCOMA','THORAX','ABDOMEN_PELVIS','BREAST','OTHER')),
        urgency text NOT NULL CHECK (urgency IN ('EMERGENCY','URGENT','ROUTINE')),
        fractions int NOT NULL CHECK (fractions BETWEEN 1 AND 45),
        fractions_per_week int NOT NULL CHECK (fractions_per_week BETWEEN 1 AND 5),
        fraction_minutes int NOT NULL CHECK (fraction_minutes BETWEEN 5 AND 240),
        beam_minutes int NOT NULL CHECK (beam_minutes BETWEEN 1 AND 120),
        beam_offset_minutes int NOT NULL CHECK (beam_offset_minutes >= 0),
        requires_anesthesia boolean NOT NULL DEFAULT false,
        room_kinds text[] NOT NULL DEFAULT '{}',
        earliest_start date NOT NULL,
        due_start date NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN
          ('DRAFT','QUEUED','SCHEDULED','UNSCHEDULABLE','IN_TREATMENT','COMPLETED','CANCELLED')),
        reason text,
        late_start boolean NOT NULL DEFAULT false,
        submission_no int NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        referral_id uuid,
        referral_country_code char(2) CHECK (referral_country_code ~ '^[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (beam_offset_minutes + beam_minutes <= fraction_minutes),
        CHECK (due_start >= earliest_start)
      )`);
    await q.query('CREATE INDEX courses_patient_idx ON courses (patient_id)');
    await q.query('CREATE INDEX courses_status_idx ON courses (status)');
    await q.query('CREATE INDEX courses_referral_country_idx ON courses (referral_country_code) WHERE referral_country_code IS NOT NULL');

    await q.query('CREATE SEQUENCE appointment_version_seq');
    await q.query(`
      CREATE TABLE appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id),
        fraction int NOT NULL CHECK (fraction >= 1),
        room_id uuid NOT NULL REFERENCES rooms(id),
        start timestamptz NOT NULL,
        "end" timestamptz NOT NULL,
        beam_start timestamptz NOT NULL,
        beam_end timestamptz NOT NULL,
        beam_line text NOT NULL,
        anesthesia boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'BOOKED' CHECK (status IN ('BOOKED','DELIVERED','MISSED','CANCELLED')),
        version bigint NOT NULL DEFAULT nextval('appointment_version_seq'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT appointments_end_after_start CHECK ("end" > start),
        CONSTRAINT appointments_beam_inside CHECK (beam_start >= start AND beam_end <= "end" AND beam_end > beam_start),
        CONSTRAINT appointments_no_room_overlap EXCLUDE USING gist
          (room_id WITH =, tstzrange(start, "end") WITH &&) WHERE (status = 'BOOKED'),
        CONSTRAINT appointments_no_beam_overlap EXCLUDE USING gist
          (beam_line WITH =, tstzrange(beam_start, beam_end) WITH &&) WHERE (status = 'BOOKED')
      )`);
    await q.query(`CREATE UNIQUE INDEX appointments_live_fraction_uq ON appointments (course_id, fraction) WHERE status IN ('BOOKED','DELIVERED')`);
    await q.query('CREATE INDEX appointments_course_idx ON appointments (course_id)');
    await q.query('CREATE INDEX appointments_room_start_idx ON appointments (room_id, start)');
    await q.query('CREATE INDEX appointments_version_idx ON appointments (version)');
    // Every write gets a fresh version, so "what changed since version v" is one indexed query.
    await q.query(`
      CREATE FUNCTION appointments_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := nextval('appointment_version_seq');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER appointments_version_trg BEFORE UPDATE ON appointments
      FOR EACH ROW EXECUTE FUNCTION appointments_bump_version()`);

    await q.query(`
      CREATE TABLE appointment_moves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        appointment_id uuid NOT NULL REFERENCES appointments(id),
        from_room_id uuid,
        from_start timestamptz,
        to_room_id uuid,
        to_start timestamptz,
        reason text NOT NULL,
        moved_by text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX appointment_moves_appointment_idx ON appointment_moves (appointment_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS appointment_moves');
    await q.query('DROP TABLE IF EXISTS appointments');
    await q.query('DROP FUNCTION IF EXISTS appointments_bump_version()');
    await q.query('DROP SEQUENCE IF EXISTS appointment_version_seq');
    await q.query('DROP TABLE IF EXISTS courses');
    await q.query('DROP TABLE IF EXISTS patients');
  }
}
