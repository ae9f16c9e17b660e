import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

interface Entry {
  username: string;
  role: string;
  countryCode: string | null;
  action: string;
  entityId: string | null;
  patientsShown: number;
  at: string;
}

/**
 * Issue 24 item 11: coordinators and ministries reading a patient's record, course or appointments
 * leave a read-audit entry (who, which patient, what, when) that administrators list per patient;
 * administrators' own reads are not recorded, nobody else may list, and a read that cannot be
 * recorded is refused rather than answered unrecorded.
 */
describe('read audit: who read whose record', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;
  let kg: string;
  let uz: string;
  let patientId: string;
  let courseId: string;
  let otherPatientId: string;

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator, 'ministry-kg': kg, 'ministry-uz': uz },
    } = await startApiApp({ role: 'api', demoCenter: true, users: ['admin', 'coordinator', 'ministry-kg', 'ministry-uz'] }));
    // A patient Kyrgyzstan referred, with a course and one booked fraction; and a Kazakh patient nobody reads.
    [{ id: patientId }] = await db.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code, referral_country_code)
       VALUES ('Aibek', 'Reader', '2015-02-03', 'male', 'KG', 'KG') RETURNING id`,
    );
    [{ id: otherPatientId }] = await db.query(
      `INSERT INTO patients (first_name, last_name, birth_date, sex, country_code) VALUES ('Dana', 'Unread', '1980-01-01', 'female', 'KZ') RETURNING id`,
    );
    [{ id: courseId }] = await db.query(
      `INSERT INTO courses (patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                            earliest_start, due_start, status, submission_no, submitted_at, referral_country_code)
       VALUES ($1, 'CNS', 'ROUTINE', 5, 5, 30, 8, 10, DATE '2027-03-01', DATE '2027-03-10', 'SCHEDULED', 1, now(), 'KG') RETURNING id`,
      [patientId],
    );
    const [room] = await db.query(`SELECT id FROM rooms ORDER BY name LIMIT 1`);
    await db.query(
      `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
       VALUES ($1, 1, $2, '2027-03-01T09:00+05:00', '2027-03-01T09:30+05:00', '2027-03-01T09:10+05:00', '2027-03-01T09:18+05:00', 'main', false, 'BOOKED')`,
      [courseId, room.id],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, auth: string) => request(server).get(`/api/v1${path}`).set('Authorization', auth);
  const readLog = async (id = patientId, query = ''): Promise<{ entries: Entry[]; total: number }> => {
    const res = await get(`/patients/${id}/read-audit${query}`, admin).expect(200);
    return { entries: res.body as Entry[], total: Number(res.headers['x-total-count']) };
  };

  it("records a coordinator's and a ministry's reads of the record, course and appointments, and not an administrator's", async () => {
    const before = Date.now();
    await get(`/patients/${patientId}`, coordinator).expect(200);
    await get(`/courses/${courseId}`, coordinator).expect(200);
    await get(`/courses/${courseId}/appointments`, coordinator).expect(200);
    await get(`/patients/${patientId}`, kg).expect(200);
    await get(`/courses/${courseId}`, kg).expect(200);
    await get(`/patients/${patientId}`, admin).expect(200);
    await get(`/courses/${courseId}`, admin).expect(200);

    const { entries, total } = await readLog();
    expect(total).toBe(5);
    // Newest first.
    expect(entries.map((e) => [e.username, e.role, e.countryCode, e.action, e.entityId])).toEqual([
      ['ministry-kg', 'MINISTRY', 'KG', 'course.read', courseId],
      ['ministry-kg', 'MINISTRY', 'KG', 'patient.read', patientId],
      ['coordinator', 'COORDINATOR', null, 'course.appointments', courseId],
      ['coordinator', 'COORDINATOR', null, 'course.read', courseId],
      ['coordinator', 'COORDINATOR', null, 'patient.read', patientId],
    ]);
    for (const e of entries) {
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(e.patientsShown).toBe(1);
    }
    expect((await readLog(otherPatientId)).total).toBe(0);
  });

  it('records a list read once for every patient it showed, and a board', async () => {
    const res = await get(`/courses?patientId=${patientId}`, coordinator).expect(200);
    expect(res.body).toHaveLength(1);
    await get(`/board?date=2027-03-01`, coordinator).expect(200);
    const [board, list] = (await readLog()).entries;
    expect([list.action, list.entityId, list.username]).toEqual(['course.list', null, 'coordinator']);
    expect([board.action, board.username]).toEqual(['board.read', 'coordinator']);
    // A search that finds nobody shows nobody: nothing to record.
    const n = (await db.query(`SELECT count(*)::int AS n FROM read_audit`))[0].n;
    await get(`/patients?search=nobody-has-this-name`, coordinator).expect(200);
    expect((await db.query(`SELECT count(*)::int AS n FROM read_audit`))[0].n).toBe(n);
  });

  it('pages the log with X-Total-Count', async () => {
    const all = await readLog();
    const page = await readLog(patientId, '?limit=2&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.entries).toEqual(all.entries.slice(1, 3));
  });

  it('lets only administrators list it: ministries (either country) and coordinators get 403; an unknown patient is 404', async () => {
    for (const auth of [kg, uz, coordinator]) await get(`/patients/${patientId}/read-audit`, auth).expect(403);
    await get(`/patients/00000000-0000-4000-8000-000000000000/read-audit`, admin).expect(404);
  });

  it("another country's ministry reading the patient gets 404 and leaves no entry", async () => {
    const { total } = await readLog();
    await get(`/patients/${patientId}`, uz).expect(404);
    await get(`/courses/${courseId}`, uz).expect(404);
    expect((await readLog()).total).toBe(total);
  });

  it('refuses a read it cannot record (503 problem+json, no patient data) and keeps the log append-only', async () => {
    await db.query(`ALTER TABLE read_audit ADD CONSTRAINT test_refuse_all CHECK (false) NOT VALID`);
    try {
      const res = await get(`/patients/${patientId}`, coordinator).expect(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain('Reader');
    } finally {
      await db.query(`ALTER TABLE read_audit DROP CONSTRAINT test_refuse_all`);
    }
    await get(`/patients/${patientId}`, coordinator).expect(200);
    await expect(db.query(`UPDATE read_audit SET username = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM read_audit`)).rejects.toThrow(/append-only/);
  });
});
