import type { DataSource } from 'typeorm';

/** A Monday well ahead, so nothing is in the past. */
export const BOOKED_WEEK_MONDAY = '2027-03-01';
const MONDAY = BOOKED_WEEK_MONDAY;

/**
 * Books a whole week solid on a migrated scratch database: `rooms` independent gantries (no shared beam, no
 * holidays), one patient and one 5-fraction course per room and half-hour slot, Monday to Friday at that
 * slot (07:00–23:00, 32 slots a day); with `weeks` > 1 the course runs that many weeks at the same slot. Returns the
 * number of fractions. Used by the board, console and FHIR benches.
 */
export async function fillBookedWeek(ds: DataSource, rooms: number, weeks = 1): Promise<number> {
  await ds.query(`UPDATE center_settings SET shared_beam = false, holidays = 'NONE'`);
  await ds.query(`INSERT INTO rooms (name, kind) SELECT 'R' || lpad(i::text, 2, '0'), 'GANTRY' FROM generate_series(1, $1) i`, [rooms]);
  await ds.query(
    `
    WITH slots AS (
      SELECT r.id AS room_id, s AS slot, row_number() OVER () AS n FROM rooms r, generate_series(0, 31) s),
    p AS (
      INSERT INTO patients (first_name, last_name, birth_date, sex, country_code, mrn)
      SELECT 'Patient' || n, 'Bench', DATE '1970-01-01' + (n % 20000)::int, 'female', 'KZ', 'BENCH-' || n FROM slots RETURNING id, mrn),
    c AS (
      INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                           earliest_start, due_start, status, submission_no, submitted_at)
      SELECT p.id, 'CNS', 'ROUTINE', 5 * $1::int, 5, 30, 8, 10, DATE '${MONDAY}', DATE '${MONDAY}', 'SCHEDULED', 1, now()
        FROM p RETURNING id, patient_id)
    INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
    SELECT c.id, w * 5 + d + 1, s.room_id, t, t + interval '30 minutes', t + interval '10 minutes', t + interval '18 minutes', s.room_id::text, false, 'BOOKED'
      FROM c JOIN p ON p.id = c.patient_id JOIN slots s ON p.mrn = 'BENCH-' || s.n,
           generate_series(0, $1::int - 1) w, generate_series(0, 4) d,
           LATERAL (SELECT (TIMESTAMPTZ '${MONDAY} 07:00:00+05:00' + (w * 7 + d) * interval '1 day' + s.slot * interval '30 minutes') AS t) tt`,
    [weeks],
  );
  const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM appointments`)) as Array<{ n: number }>;
  await ds.query('ANALYZE');
  return n;
}
