import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #23, the FHIR R4 interface.
 *
 * - `patients.national_id_system` / `national_id_value`: the patient's KZ IIN, KG PIN or UZ PINFL,
 *   both or neither, digits of the right length, unique per system (a second patient with the same
 *   number is a 409). The IIN check digit is the service's (422 with the field).
 * - `referral_documents`: DocumentReference attachments of a referral (PDF or image) in PostgreSQL,
 *   at most 1 MiB each (DOCUMENT_MAX_BYTES in src/fhir); the country is the referral's, so scoping is one column.
 */
export class FhirIdentifiersDocuments1765100023000 implements MigrationInterface {
  name = 'FhirIdentifiersDocuments1765100023000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients ADD COLUMN national_id_system text, ADD COLUMN national_id_value text`);
    await q.query(`
      ALTER TABLE patients ADD CONSTRAINT patients_national_id_valid CHECK (
        (national_id_system IS NULL AND national_id_value IS NULL)
        OR (national_id_system = 'KZ-IIN' AND national_id_value ~ '^[0-9]{12}$')
        OR (national_id_system IN ('KG-PIN', 'UZ-PINFL') AND national_id_value ~ '^[0-9]{14}$'))`);
    await q.query(`CREATE UNIQUE INDEX patients_national_id_uq ON patients (national_id_system, national_id_value) WHERE national_id_system IS NOT NULL`);
    await q.query(`
      CREATE TABLE referral_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referrals (id),
        country_code char(2) NOT NULL REFERENCES countries (code),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        title text CHECK (title IS NULL OR length(title) BETWEEN 1 AND 200),
        data bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1048576),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX referral_documents_referral_idx ON referral_documents (referral_id)');
    // Appointment searches by date over a month page through start order.
    await q.query('CREATE INDEX IF NOT EXISTS appointments_start_id_idx ON appointments (start, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS appointments_start_id_idx');
    await q.query('DROP TABLE referral_documents');
    await q.query('DROP INDEX patients_national_id_uq');
    await q.query('ALTER TABLE patients DROP CONSTRAINT patients_national_id_valid');
    await q.query('ALTER TABLE patients DROP COLUMN national_id_value, DROP COLUMN national_id_system');
  }
}
