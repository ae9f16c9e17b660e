import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SHARED_BEAM_LINE } from '../src/appointments/appointment.entity';
import { bookedYear } from './booked-year';

export interface SeededYear {
  year: number;
  patients: number;
  courses: number;
  appointments: number;
}

/**
 * Writes the booked 2027 year of booked-year.ts (800 courses planned by the core on arrival) into a
 * migrated database that has the demo center (rooms G1–G3): one patient per course, each course
 * SCHEDULED and submitted on its arrival, every fraction BOOKED. Plain SQL: booking 800 courses through
 * the workers takes minutes, and the read benches only need the rows as the workers would leave them.
 */
export async function seedBookedYear(ds: DataSource): Promise<SeededYear> {
  const { scenario, courses, bookings } = bookedYear();
  const year = Number(scenario.horizon.from.slice(0, 4));
  const rooms = new Map(((await ds.query(`SELECT id, name FROM rooms`)) as Array<{ id: string; name: string }>).map((r) => [r.name, r.id]));
  const [{ shared_beam: sharedBeam }] = (await ds.query(`SELECT shared_beam FROM center_settings`)) as Array<{ shared_beam: boolean }>;
  const tags = new Map(scenario.courses.map((c) => [c.id, c.tags ?? {}]));
  const courseId = new Map(courses.map((c) => [c.id, randomUUID()]));
  const firstDay = new Map<string, string>();
  for (const b of bookings) if (!firstDay.has(b.courseId) || b.start < firstDay.get(b.courseId)!) firstDay.set(b.courseId, b.start);

  const patientRows = courses.map((c, i) => ({
    id: randomUUID(),
    first_name: `Patient${i + 1}`,
    last_name: ['Abenov', 'Sadykova', 'Omarov', 'Ivanova', 'Tashiev'][i % 5],
    birth_date: `${year - (c.patientCategory === 'PEDIATRIC' ? 8 : 55)}-06-15`,
    sex: i % 2 ? 'female' : 'male',
    country_code: tags.get(c.id)?.countryCode ?? 'KZ',
    mrn: `YEAR-${String(i + 1).padStart(4, '0')}`,
  }));
  const courseRows = courses.map((c, i) => ({
    id: courseId.get(c.id)!,
    patient_id: patientRows[i].id,
    diagnosis_group: tags.get(c.id)?.diagnosisGroup ?? 'OTHER',
    urgency: c.urgency,
    fractions: c.fractions,
    fractions_per_week: c.fractionsPerWeek,
    fraction_minutes: c.fractionMinutes,
    beam_minutes: c.beamMinutes,
    beam_offset_minutes: c.beamOffsetMinutes,
    requires_anesthesia: c.requiresAnesthesia,
    earliest_start: c.earliestStart,
    due_start: c.dueStart,
    late_start: (firstDay.get(c.id) ?? '').slice(0, 10) > c.dueStart,
    arrival: c.arrival,
  }));
  const appointmentRows = bookings.map((b) => ({
    course_id: courseId.get(b.courseId)!,
    fraction: b.fraction,
    room_id: rooms.get(b.roomId)!,
    start: b.start,
    end: b.end,
    beam_start: b.beamStart,
    beam_end: b.beamEnd,
    beam_line: sharedBeam ? SHARED_BEAM_LINE : rooms.get(b.roomId)!,
    anesthesia: b.anesthesia,
  }));
  if (appointmentRows.some((a) => !a.room_id)) throw new Error(`rooms ${[...rooms.keys()].join(', ')} do not cover the scenario's`);

  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO patients (id, first_name, last_name, birth_date, sex, country_code, mrn)
       SELECT id, first_name, last_name, birth_date, sex, country_code, mrn
         FROM json_to_recordset($1::json) AS x(id uuid, first_name text, last_name text, birth_date date, sex text, country_code text, mrn text)`,
      [JSON.stringify(patientRows)],
    );
    await m.query(
      `INSERT INTO courses (id, patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes,
                            beam_offset_minutes, requires_anesthesia, earliest_start, due_start, late_start, status, submission_no,
                            submitted_at, created_at)
       SELECT id, patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes,
              beam_offset_minutes, requires_anesthesia, earliest_start, due_start, late_start, 'SCHEDULED', 1, arrival, arrival
         FROM json_to_recordset($1::json) AS x(id uuid, patient_id uuid, diagnosis_group text, urgency text, fractions int,
              fractions_per_week int, fraction_minutes int, beam_minutes int, beam_offset_minutes int, requires_anesthesia boolean,
              earliest_start date, due_start date, late_start boolean, arrival timestamptz)`,
      [JSON.stringify(courseRows)],
    );
    await m.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
       SELECT course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, 'BOOKED'
         FROM json_to_recordset($1::json) AS x(course_id uuid, fraction int, room_id uuid, start timestamptz, "end" timestamptz,
              beam_start timestamptz, beam_end timestamptz, beam_line text, anesthesia boolean)`,
      [JSON.stringify(appointmentRows)],
    );
  });
  await ds.query('ANALYZE');
  return { year, patients: patientRows.length, courses: courseRows.length, appointments: appointmentRows.length };
}
