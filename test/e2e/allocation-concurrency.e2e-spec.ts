import { Course } from '../../src/courses/course.entity';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, createCourse, createPatient, dateIn, db, insertRooms, overlaps, violations, waitForCourses } from './scheduling-fixtures';

const DAY = 86_400_000;

/**
 * Blocks both rooms almost completely: for the first `openWeeks` weeks only 19:00–23:00 (Almaty,
 * UTC+5) stays free each day, after that nothing until past the planning horizon. Filler rows
 * belong to one IN_TREATMENT course and keep the beam exclusion (8-minute beam, staggered).
 */
async function fillCalendar(t: TestApp, rooms: string[], openWeeks: number): Promise<string> {
  const [patient] = await db(t).query(
    `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Filler', 'Block', '1970-01-01', 'unknown', 'KZ') RETURNING id`,
  );
  const [course] = await db(t).query(
    `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                          earliest_start, due_start, status, submission_no, submitted_at)
     VALUES ($1, 'OTHER', 'ROUTINE', 45, 5, 30, 8, 10, current_date, current_date, 'IN_TREATMENT', 1, now()) RETURNING id`,
    [patient.id],
  );
  const today = Date.parse(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  let fraction = 0;
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (let d = 0; d < 7 * 30; d++) {
    const localDay = today + d * DAY;
    const endHourUtc = d < openWeeks * 7 ? 14 : 18; // 19:00 or 23:00 local
    rooms.forEach((room, i) => {
      const start = new Date(localDay + 2 * 3600_000); // 07:00 local
      const end = new Date(localDay + endHourUtc * 3600_000);
      const beamStart = new Date(start.getTime() + (40 + 10 * i) * 60_000);
      const beamEnd = new Date(beamStart.getTime() + 8 * 60_000);
      values.push(course.id, ++fraction, room, start, end, beamStart, beamEnd);
      const o = values.length - 7;
      tuples.push(`($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, 'main')`);
    });
  }
  await db(t).query(
    `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line) VALUES ${tuples.join(', ')}`,
    values,
  );
  return course.id;
}

describe('allocation under concurrency: 32 submissions, 2 worker apps, nearly full calendar', () => {
  let t: TestApp;
  let second: TestApp;
  let api: Api;
  let rooms: string[];
  beforeAll(async () => {
    t = await createTestApp({ env: { WORKER_CONCURRENCY: '4' } });
    second = await createTestApp({ role: 'worker', db: t.db, queuePrefix: t.queuePrefix, env: { WORKER_CONCURRENCY: '4' } });
    api = await apiFor(t);
    rooms = await insertRooms(t, ['G1', 'G2']);
    await fillCalendar(t, rooms, 5);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('ends every course SCHEDULED (all fractions) or UNSCHEDULABLE (none), with zero overlaps', async () => {
    const patients = await Promise.all(Array.from({ length: 32 }, (_, i) => createPatient(api, { lastName: `Conc${i}` })));
    const courses: Course[] = [];
    for (const [i, p] of patients.entries()) {
      courses.push(await createCourse(api, p, { fractions: 8 + (i % 4) * 4, urgency: i % 5 === 0 ? 'URGENT' : 'ROUTINE', earliestStart: dateIn(1) }));
    }
    const submits = await Promise.all(courses.map((c) => api.post(`/courses/${c.id}/submit`)));
    expect(submits.map((r) => r.status)).toEqual(courses.map(() => 202));

    const settled = await waitForCourses(
      t,
      courses.map((c) => c.id),
      ['SCHEDULED', 'UNSCHEDULABLE'],
      90_000,
    );
    const counts = new Map<string, number>(
      (await db(t).query(`SELECT course_id, count(*)::int AS n FROM appointments WHERE status = 'BOOKED' GROUP BY course_id`)).map(
        (r: { course_id: string; n: number }) => [r.course_id, r.n],
      ),
    );
    for (const c of settled) {
      if (c.status === 'SCHEDULED') expect(counts.get(c.id)).toBe(c.fractions);
      else {
        expect(counts.get(c.id) ?? 0).toBe(0);
        expect(c.reason).toEqual(expect.any(String));
      }
    }
    const scheduled = settled.filter((c) => c.status === 'SCHEDULED').length;
    // The calendar is meant to be the bottleneck: both outcomes must occur.
    expect(scheduled).toBeGreaterThan(0);
    expect(scheduled).toBeLessThan(32);
    expect(await overlaps(t)).toBe(0);
    expect(
      await violations(
        t,
        courses.map((c) => c.id),
      ),
    ).toEqual([]);
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('course.schedule', 'course.unschedulable')`);
    expect(n).toBe(32);
  });
});

describe('anesthesia team count (a rule no constraint expresses) under concurrent allocation', () => {
  let t: TestApp;
  let second: TestApp;
  let api: Api;
  beforeAll(async () => {
    t = await createTestApp({ env: { WORKER_CONCURRENCY: '4' } });
    second = await createTestApp({ role: 'worker', db: t.db, queuePrefix: t.queuePrefix, env: { WORKER_CONCURRENCY: '4' } });
    api = await apiFor(t);
    await insertRooms(t, ['G1', 'G2', 'G3']);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('never runs two anesthesia fractions at once with one team, across two worker apps', async () => {
    const courses: Course[] = [];
    for (let i = 0; i < 12; i++) {
      const child = await createPatient(api, { birthDate: dateIn(-365 * (3 + i)), lastName: `Child${i}` });
      courses.push(await createCourse(api, child, { fractions: 6 + i, requiresAnesthesia: true, earliestStart: dateIn(1) }));
    }
    await Promise.all(courses.map((c) => api.post(`/courses/${c.id}/submit`).expect(202)));
    const settled = await waitForCourses(
      t,
      courses.map((c) => c.id),
      ['SCHEDULED', 'UNSCHEDULABLE'],
      60_000,
    );
    expect(settled.every((c) => c.status === 'SCHEDULED')).toBe(true);
    const [{ n }] = await db(t).query(`
      SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.id < b.id
       WHERE a.anesthesia AND b.anesthesia AND a.status = 'BOOKED' AND b.status = 'BOOKED'
         AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end")`);
    expect(n).toBe(0);
    expect(await violations(t)).toEqual([]);
  });
});
