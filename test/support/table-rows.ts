import type { DataSource } from 'typeorm';

/** Room ids by room name (G1 → id). */
export async function roomIdsByName(db: DataSource): Promise<Record<string, string>> {
  const rows: Array<{ id: string; name: string }> = await db.query('SELECT id, name FROM rooms');
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

export interface CourseRow {
  birthDate: string;
  fractions: number;
  fractionMinutes: number;
  earliestStart: string;
  dueStart: string;
  /** Set for a course that went through submission (submission_no 1). */
  submittedAt?: string;
}

/**
 * A patient and a SCHEDULED ROUTINE course written straight into the tables, for tests that place
 * appointments by hand rather than through the allocator. Returns the course id.
 */
export async function insertScheduledCourse(db: DataSource, c: CourseRow): Promise<string> {
  const [patient] = await db.query(
    `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Test', 'Patient', $1, 'female', 'KZ') RETURNING id`,
    [c.birthDate],
  );
  const [course] = await db.query(
    `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                          earliest_start, due_start, status, submission_no, submitted_at)
     VALUES ($1, 'CNS', 'ROUTINE', $2, 5, $3, 8, 10, $4, $5, 'SCHEDULED', $6, $7) RETURNING id`,
    [patient.id, c.fractions, c.fractionMinutes, c.earliestStart, c.dueStart, c.submittedAt ? 1 : 0, c.submittedAt ?? null],
  );
  return course.id;
}
