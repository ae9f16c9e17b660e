import type { TestApp } from '../support/test-app';
import { Api, Appt, db, scheduledCourse, schedulingApp, violations } from './scheduling-fixtures';

describe('appointments: move (409 naming the rule), deliver, miss', () => {
  let t: TestApp;
  let api: Api;
  /** Courses whose times the tests rewrite to simulate passing time are left out of the rule check. */
  const timeTravelled: string[] = [];
  const checked = async () => {
    const ids: string[] = (await db(t).query(`SELECT id FROM courses`)).map((c: { id: string }) => c.id);
    return violations(
      t,
      ids.filter((id) => !timeTravelled.includes(id)),
    );
  };
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1']));
  });
  afterAll(async () => {
    await t.close();
  });

  const scheduled = (fractions: number) => scheduledCourse(t, api, fractions);

  it('refuses a move onto another booking with 409 problem+json naming the rule, changing nothing', async () => {
    const a = await scheduled(3);
    const b = await scheduled(3);
    const target = a.appts[0];
    const snapshot = await db(t).query(`SELECT * FROM appointments ORDER BY id`);
    const auditBefore = await db(t).query(`SELECT count(*)::int AS n FROM audit_log`);
    const res = await api.post(`/appointments/${b.appts[0].id}/move`, { roomId: target.roomId, start: target.start }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect([3, 4, 8]).toContain(res.body.rule);
    expect(res.body.violations.length).toBeGreaterThan(0);
    expect(res.body.detail).toMatch(/^Rule \d/);
    expect(await db(t).query(`SELECT * FROM appointments ORDER BY id`)).toEqual(snapshot);
    expect(await db(t).query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(auditBefore);
  });

  it('refuses a move into the past (rule 5) or onto a Sunday (rule 1), and validates the body', async () => {
    const { appts } = await scheduled(2);
    const past = await api.post(`/appointments/${appts[0].id}/move`, { start: '2020-01-06T10:00:00+05:00' }).expect(409);
    expect(past.body.rule).toBe(5);
    const start = new Date(appts[0].start);
    const sunday = new Date(start.getTime() + ((7 - start.getUTCDay()) % 7 || 7) * 86400000);
    const closed = await api.post(`/appointments/${appts[0].id}/move`, { start: sunday.toISOString() }).expect(409);
    expect(closed.body.rule).toBeDefined();
    await api.post(`/appointments/${appts[0].id}/move`, { start: 'soon', roomId: 'x' }).expect(400);
    await api.post(`/appointments/00000000-0000-4000-8000-000000000000/move`, { start: appts[0].start }).expect(404);
  });

  it('moves a fraction within its day, keeping every rule, and records why', async () => {
    const { appts } = await scheduled(2);
    const last = appts[1];
    const hour = Number(new Date(last.start).toLocaleString('en-GB', { timeZone: 'Asia/Almaty', hour: '2-digit', hour12: false }));
    const shift = (hour < 15 ? 2 : -2) * 3600000;
    const start = new Date(Date.parse(last.start) + shift).toISOString();
    const res = await api.post(`/appointments/${last.id}/move`, { start, reason: 'patient request' }).expect(200);
    expect(new Date(res.body.start).toISOString()).toBe(start);
    const moves = (await api.get(`/appointments/${last.id}/moves`).expect(200)).body;
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ reason: 'patient request', toRoomId: last.roomId });
    expect(await checked()).toEqual([]);
  });

  it('delivers fractions: IN_TREATMENT, then COMPLETED with the last; a future fraction cannot be delivered', async () => {
    const { courseId, appts } = await scheduled(2);
    await api.post(`/appointments/${appts[0].id}/deliver`).expect(409);
    timeTravelled.push(courseId);
    // Let time pass: both fractions now lie in the past (one day apart, same time of day).
    await db(t).query(
      `UPDATE appointments SET start = start - d, "end" = "end" - d, beam_start = beam_start - d, beam_end = beam_end - d
         FROM (SELECT (max(start) - now()) + interval '1 hour' AS d FROM appointments WHERE course_id = $1) s WHERE course_id = $1`,
      [courseId],
    );
    await api.post(`/appointments/${appts[0].id}/deliver`).expect(200);
    expect((await api.get(`/courses/${courseId}`).expect(200)).body.status).toBe('IN_TREATMENT');
    await api.post(`/appointments/${appts[0].id}/deliver`).expect(409);
    await api.post(`/appointments/${appts[1].id}/deliver`).expect(200);
    expect((await api.get(`/courses/${courseId}`).expect(200)).body.status).toBe('COMPLETED');
  });

  it('a missed fraction is kept as MISSED and given again after the last, under its own number', async () => {
    const { courseId, appts } = await scheduled(5);
    timeTravelled.push(courseId);
    // Let time pass by whole weeks (same weekdays and times of day) until the first fraction lies in the past.
    // The shifted course ends before its own first fraction did, so it overlaps neither itself nor the other courses.
    const first = Date.parse(appts[0].start);
    const lastEnd = Math.max(...appts.map((a) => Date.parse(a.end)));
    const week = 7 * 86_400_000;
    const weeks = Math.max(Math.floor((first - Date.now()) / week) + 1, Math.ceil((lastEnd - first) / week), 1);
    await db(t).query(
      `UPDATE appointments SET start = start - d, "end" = "end" - d, beam_start = beam_start - d, beam_end = beam_end - d
         FROM (SELECT make_interval(weeks => $2) AS d) s WHERE course_id = $1`,
      [courseId, weeks],
    );
    const shifted: Appt[] = (await api.get(`/courses/${courseId}/appointments`).expect(200)).body;
    const res = await api.post(`/appointments/${appts[0].id}/miss`).expect(200);
    expect(res.body.missed.status).toBe('MISSED');
    expect(res.body.appended).toHaveLength(1);
    const after: Appt[] = (await api.get(`/courses/${courseId}/appointments`).expect(200)).body;
    const booked = after.filter((a) => a.status === 'BOOKED');
    expect(booked).toHaveLength(5);
    expect(after.filter((a) => a.status === 'MISSED').map((a) => a.id)).toEqual([appts[0].id]);
    // The prescription is still 5 fractions: the one given again keeps the missed one's number.
    expect(res.body.appended[0].fraction).toBe(appts[0].fraction);
    expect(booked.map((a) => a.fraction).sort()).toEqual([1, 2, 3, 4, 5]);
    // Listed in the order the patient comes, so the fraction given again is last.
    expect(after[after.length - 1].id).toBe(res.body.appended[0].id);
    expect(after.map((a) => a.start)).toEqual([...after.map((a) => a.start)].sort());
    const lastBefore = Math.max(...shifted.map((a) => Date.parse(a.start)));
    expect(Date.parse(res.body.appended[0].start)).toBeGreaterThan(Math.max(lastBefore, Date.now()));
    const history = (await api.get(`/appointments/${res.body.appended[0].id}/moves`).expect(200)).body;
    expect(history[0].reason).toEqual(expect.any(String));
    // The missed one's own history points to its replacement.
    const missedHistory = (await api.get(`/appointments/${appts[0].id}/moves`).expect(200)).body;
    expect(missedHistory[missedHistory.length - 1].reason).toMatch(new RegExp(`Given again as appointment ${res.body.appended[0].id}\\.$`));
    expect(await checked()).toEqual([]);
    await api.post(`/appointments/${appts[0].id}/miss`).expect(409);
  });

  it('a cancelled course keeps its past fraction BOOKED, which can be delivered but never missed or moved into a new slot (409)', async () => {
    const { courseId, appts } = await scheduled(3);
    timeTravelled.push(courseId);
    // The first fraction a week in the past, still BOOKED (nobody marked it): cancelling frees only the future ones.
    const weeks = Math.ceil((Date.parse(appts[0].start) - Date.now()) / (7 * 86_400_000)) + 1;
    await db(t).query(
      `UPDATE appointments SET start = start - d, "end" = "end" - d, beam_start = beam_start - d, beam_end = beam_end - d
         FROM (SELECT make_interval(weeks => $3) AS d) s WHERE course_id = $1 AND id = $2`,
      [courseId, appts[0].id, weeks],
    );
    await api.post(`/courses/${courseId}/cancel`, { reason: 'patient moved abroad' }).expect(200);
    const before = await state();
    for (const [action, body] of [
      ['miss', {}],
      ['move', { start: appts[2].end.replace(/T.*/, 'T22:00:00+05:00') }],
    ] as const) {
      const res = await api.post(`/appointments/${appts[0].id}/${action}`, body).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/\/course-not-active$/), courseStatus: 'CANCELLED' });
    }
    expect(await state()).toEqual(before);
    await api.post(`/appointments/${appts[0].id}/deliver`).expect(200);
  });

  it('refuses to mark a fraction that has not started as missed (409 fraction-in-future), changing nothing', async () => {
    const { courseId, appts } = await scheduled(3);
    const before = await state();
    const course = (await api.get(`/courses/${courseId}`).expect(200)).body;
    const res = await api.post(`/appointments/${appts[1].id}/miss`).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/\/fraction-in-future$/);
    const deliver = await api.post(`/appointments/${appts[1].id}/deliver`).expect(409);
    expect(deliver.body.type).toBe(res.body.type);
    expect(await state()).toEqual(before);
    expect((await api.get(`/courses/${courseId}`).expect(200)).body).toEqual(course);
  });

  it('answers a move to the slot the fraction already has with the appointment unchanged, recording no move', async () => {
    const { appts } = await scheduled(2);
    const a = appts[1];
    const before = await state();
    const sameInAlmaty = new Date(Date.parse(a.start) + 5 * 3600_000).toISOString().slice(0, 19) + '+05:00';
    for (const body of [{ start: a.start }, { start: sameInAlmaty, roomId: a.roomId, reason: 'no change' }]) {
      const res = await api.post(`/appointments/${a.id}/move`, body).expect(200);
      expect(res.body).toMatchObject({ id: a.id, roomId: a.roomId, start: a.start, end: a.end, status: 'BOOKED' });
    }
    expect((await api.get(`/appointments/${a.id}/moves`).expect(200)).body).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('rejects a move start that is not an instant with offset (or not a real one) with 400, changing nothing', async () => {
    const { appts } = await scheduled(2);
    const a = appts[1];
    // The current start written in the server's zone (UTC) without an offset: it would be read as an instant in that zone.
    const noOffset = new Date(Date.parse(a.start) + 2 * 3600_000).toISOString().slice(0, 19);
    const before = await state();
    for (const start of [
      '2027-W10',
      '2027-W10-3T10:00:00+05:00',
      '20270310',
      '20270310T100000+0500',
      '2027-069',
      noOffset,
      noOffset.slice(0, 10),
      '2027-02-30T10:00:00+05:00',
      '2027-03-01T24:00:00+05:00',
      '2027-03-01T10:00:00+25:00',
    ]) {
      const res = await api.post(`/appointments/${a.id}/move`, { start });
      expect({ start, status: res.status }).toEqual({ start, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['start']);
    }
    expect(await state()).toEqual(before);
  });

  it('lists appointments between instants with offset or whole local days; week, ordinal and zone-less forms are 400 naming the field', async () => {
    await api.get('/appointments?from=2027-02-01T00:00:00%2B05:00&to=2027-02-08T00:00:00Z').expect(200);
    await api.get('/appointments?from=2027-02-01&to=2027-02-08').expect(200);
    const cases: Array<[string, string[]]> = [
      ['from=2027-001&to=2027-002', ['from', 'to']],
      ['from=2027-W01&to=2027-W02', ['from', 'to']],
      ['from=2027-02-01T00:00:00&to=2027-02-08T00:00:00%2B05:00', ['from']],
      ['from=2027-02-30&to=2027-13-08', ['from', 'to']],
      ['from=20270201&to=2027-02-08T00:00', ['from', 'to']],
      ['from=2027-02-01T00:00:00Z&to=2027-02-30T00:00:00Z', ['to']],
    ];
    for (const [query, fields] of cases) {
      const res = await api.get(`/appointments?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(/\/validation$/);
      expect(res.body.detail).not.toMatch(/must be after/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    }
  });

  /** Everything a failed or no-op appointment action must leave alone (versions included: any UPDATE bumps them). */
  async function state() {
    return {
      appointments: await db(t).query(`SELECT * FROM appointments ORDER BY id`),
      moves: await db(t).query(`SELECT count(*)::int AS n FROM appointment_moves`),
      audit: await db(t).query(`SELECT count(*)::int AS n FROM audit_log`),
      courses: await db(t).query(`SELECT id, status, reason FROM courses ORDER BY id`),
    };
  }
});
