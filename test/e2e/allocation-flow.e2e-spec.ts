import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, dateIn, db, overlaps, schedulingApp, violations, waitForCourses } from './scheduling-fixtures';

describe('allocation: submit -> worker -> SCHEDULED, obeying every hard rule', () => {
  let t: TestApp;
  let api: Api;
  let rooms: string[];
  beforeAll(async () => {
    ({ t, api, rooms } = await schedulingApp(['G1', 'G2']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('books every fraction of a submitted course in one go', async () => {
    const patientId = await createPatient(api);
    const course = await createCourse(api, patientId, { fractions: 12, urgency: 'URGENT' });
    await api.post(`/courses/${course.id}/submit`).expect(202);
    const [done] = await waitForCourses(t, [course.id], ['SCHEDULED', 'UNSCHEDULABLE']);
    expect(done.status).toBe('SCHEDULED');
    const res = await api.get(`/courses/${course.id}/appointments`).expect(200);
    expect(res.body).toHaveLength(12);
    expect(res.body.map((a: { fraction: number }) => a.fraction)).toEqual([...Array(12).keys()].map((i) => i + 1));
    expect(res.body.every((a: { status: string; roomId: string }) => a.status === 'BOOKED' && rooms.includes(a.roomId))).toBe(true);
    expect(res.body[0].start.slice(0, 10) >= course.earliestStart).toBe(true);
    expect(await violations(t)).toEqual([]);
    const audit = await db(t).query(`SELECT action, username FROM audit_log WHERE entity_id = $1 ORDER BY id`, [course.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['course.create', 'course.submit', 'course.schedule']);
  });

  it('schedules a child with anesthesia inside the window and keeps all courses valid together', async () => {
    const child = await createPatient(api, { birthDate: dateIn(-365 * 5) });
    const adults = await Promise.all([1, 2, 3].map(() => createPatient(api)));
    const courses = [
      await createCourse(api, child, { fractions: 8, requiresAnesthesia: true, diagnosisGroup: 'ONCOHEMATOLOGY' }),
      ...(await Promise.all(adults.map((p, i) => createCourse(api, p, { fractions: 10 + i, fractionsPerWeek: 4 + (i % 2) })))),
    ];
    for (const c of courses) await api.post(`/courses/${c.id}/submit`).expect(202);
    const settled = await waitForCourses(
      t,
      courses.map((c) => c.id),
      ['SCHEDULED', 'UNSCHEDULABLE'],
    );
    expect(settled.every((c) => c.status === 'SCHEDULED')).toBe(true);
    const anesthesia = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE course_id = $1 AND anesthesia`, [courses[0].id]);
    expect(anesthesia[0].n).toBe(8);
    expect(await overlaps(t)).toBe(0);
    expect(await violations(t)).toEqual([]);
  });

  it("lists a room's week and cancels a course, freeing its future fractions", async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 5 });
    await api.post(`/courses/${course.id}/submit`).expect(202);
    await waitForCourses(t, [course.id], ['SCHEDULED']);
    const appts = (await api.get(`/courses/${course.id}/appointments`).expect(200)).body;
    const roomWeek = await api
      .get(
        `/appointments?roomId=${appts[0].roomId}&from=${encodeURIComponent(appts[0].start)}&to=${encodeURIComponent(new Date(Date.parse(appts[0].start) + 7 * 86400000).toISOString())}`,
      )
      .expect(200);
    expect(roomWeek.body.map((a: { id: string }) => a.id)).toContain(appts[0].id);
    await api.get(`/appointments?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`).expect(400);
    const cancelled = await api.post(`/courses/${course.id}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const after = (await api.get(`/courses/${course.id}/appointments`).expect(200)).body;
    expect(after.every((a: { status: string }) => a.status === 'CANCELLED')).toBe(true);
    const [audit] = await db(t).query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'course.cancel'`, [course.id]);
    expect(audit.details.freedAppointments).toBe(5);
  });

  it('a redelivered job for an already scheduled submission changes nothing (idempotent)', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 3 });
    await api.post(`/courses/${course.id}/submit`).expect(202);
    await waitForCourses(t, [course.id], ['SCHEDULED']);
    const { AllocationService } = await import('../../src/bookings/allocation/allocation.service');
    const outcome = await t.app.get(AllocationService).allocate(course.id, 1);
    expect(outcome).toMatchObject({ outcome: 'SKIPPED', status: 'SCHEDULED' });
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE course_id = $1`, [course.id]);
    expect(n).toBe(3);
  });
});
