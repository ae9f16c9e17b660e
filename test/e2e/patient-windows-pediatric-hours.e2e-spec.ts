import type { TestApp } from '../support/test-app';
import { Api, Appt, createCourse, createPatient, dateIn, db, schedulingApp, violations, waitForCourses } from './scheduling-fixtures';

/** Local 'HH:mm' of an instant in the center's zone (Asia/Almaty, +05:00). */
const localTime = (iso: string) => new Date(Date.parse(iso) + 5 * 3_600_000).toISOString().slice(11, 16);
const localDate = (iso: string) => new Date(Date.parse(iso) + 5 * 3_600_000).toISOString().slice(0, 10);

describe('issue #20: pediatric hours (rule 9), unavailable dates (rule 10) and preferred windows', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1', 'G2']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET/PUT /calendar carries pediatricHours (default 08:00–18:00), validated', async () => {
    expect((await api.get('/calendar').expect(200)).body.pediatricHours).toEqual({ from: '08:00', to: '18:00' });
    await api.put('/calendar', { pediatricHours: { from: '18:00', to: '08:00' } }, 'admin').expect(400);
    await api.put('/calendar', { pediatricHours: { from: '8:00', to: '18:00' } }, 'admin').expect(400);
    await api.put('/calendar', { pediatricHours: null }, 'admin').expect(400);
    const put = await api.put('/calendar', { pediatricHours: { from: '07:30', to: '19:00' } }, 'admin').expect(200);
    expect(put.body.pediatricHours).toEqual({ from: '07:30', to: '19:00' });
    expect((await api.get('/calendar').expect(200)).body.pediatricHours).toEqual({ from: '07:30', to: '19:00' });
    await api.put('/calendar', { pediatricHours: { from: '08:00', to: '18:00' } }, 'admin').expect(200);
  });

  it('a course stores unavailableDates and a preferredWindow, validated at the edge', async () => {
    const patientId = await createPatient(api);
    const earliestStart = dateIn(3);
    const off = [dateIn(12), dateIn(10)];
    const course = await createCourse(api, patientId, { earliestStart, unavailableDates: off, preferredWindow: { from: '17:00', to: '23:00' } });
    expect(course.unavailableDates).toEqual([...off].sort());
    expect(course.preferredWindow).toEqual({ from: '17:00', to: '23:00' });
    const read = (await api.get(`/courses/${course.id}`).expect(200)).body;
    expect(read.unavailableDates).toEqual([...off].sort());
    expect(read.preferredWindow).toEqual({ from: '17:00', to: '23:00' });
    const bad = (body: object) => api.post('/courses', { patientId, diagnosisGroup: 'CNS', urgency: 'ROUTINE', fractions: 5, earliestStart, ...body });
    await bad({ preferredWindow: { from: '17:00', to: '09:00' } }).expect(400);
    await bad({ preferredWindow: { from: '17:00' } }).expect(400);
    await bad({ unavailableDates: ['2027-02-30'] }).expect(400);
    await bad({ unavailableDates: [dateIn(10), dateIn(10)] }).expect(400);
    const before = await bad({ unavailableDates: [dateIn(1)] }).expect(422);
    expect(before.body.field).toBe('unavailableDates');
  });

  it("the real worker books a child inside 08:00–18:00, skips the patient's unavailable dates and keeps an adult's evening window", async () => {
    const child = await createPatient(api, { birthDate: dateIn(-365 * 4) });
    const adult = await createPatient(api);
    const earliestStart = dateIn(3);
    const kid = await createCourse(api, child, { fractions: 10, earliestStart, diagnosisGroup: 'CNS' });
    const off = [dateIn(7)];
    const worker = await createCourse(api, adult, { fractions: 10, earliestStart, unavailableDates: off, preferredWindow: { from: '17:00', to: '23:00' } });
    for (const c of [kid, worker]) await api.post(`/courses/${c.id}/submit`).expect(202);
    const settled = await waitForCourses(t, [kid.id, worker.id], ['SCHEDULED', 'UNSCHEDULABLE']);
    expect(settled.map((c) => c.status)).toEqual(['SCHEDULED', 'SCHEDULED']);

    const kidAppts: Appt[] = (await api.get(`/courses/${kid.id}/appointments`).expect(200)).body;
    expect(kidAppts).toHaveLength(10);
    for (const a of kidAppts) {
      expect(localTime(a.start) >= '08:00').toBe(true);
      expect(localTime(a.end) <= '18:00').toBe(true);
    }
    const adultAppts: Appt[] = (await api.get(`/courses/${worker.id}/appointments`).expect(200)).body;
    expect(adultAppts.map((a) => localDate(a.start))).not.toContain(off[0]);
    expect(adultAppts.every((a) => localTime(a.start) >= '17:00' && localTime(a.end) <= '23:00')).toBe(true);
    // The checker (rules 1–10, birth dates from the database) finds nothing; skipping the unavailable day is no interruption.
    expect(await violations(t)).toEqual([]);
    const summary = (await api.get(`/courses?patientId=${adult}`).expect(200)).body[0];
    expect(summary).toMatchObject({ id: worker.id, preferredWindowMet: true, breaksPediatricHours: false });

    // A move of the child's fraction into the evening is refused, naming rule 9.
    const last = kidAppts[kidAppts.length - 1];
    const evening = `${localDate(last.start)}T19:00:00+05:00`;
    const refused = await api.post(`/appointments/${last.id}/move`, { start: evening }).expect(409);
    expect(refused.body.rule).toBe(9);

    // A booking that breaks rule 9 (made before the rule) is listed, not moved: GET /courses?breaksPediatricHours=true.
    expect((await api.get('/courses?breaksPediatricHours=true').expect(200)).body).toEqual([]);
    await db(t).query(
      `UPDATE appointments SET start = $2::timestamptz, "end" = $2::timestamptz + interval '40 minutes',
              beam_start = $2::timestamptz + interval '10 minutes', beam_end = $2::timestamptz + interval '18 minutes' WHERE id = $1`,
      [last.id, `${localDate(last.start)}T21:00:00+05:00`],
    );
    const listed = (await api.get('/courses?breaksPediatricHours=true').expect(200)).body;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([kid.id]);
    expect(listed[0].breaksPediatricHours).toBe(true);
    // Narrower hours are refused while a child's future fraction lies outside them.
    const narrower = await api.put('/calendar', { pediatricHours: { from: '09:00', to: '17:00' } }, 'admin').expect(409);
    expect(narrower.body.bookedFractions).toBeGreaterThan(0);
    expect((await api.get('/calendar').expect(200)).body.pediatricHours).toEqual({ from: '08:00', to: '18:00' });
  });
});
