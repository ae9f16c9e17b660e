import request from 'supertest';
import { calendarFor, demoCenter, dayNumOf, formatDate } from '../../src/scheduling';
import { bearer } from '../support/auth';
import type { TestApp } from '../support/test-app';
import type { Course } from '../../src/courses/course.entity';
import { Api, createCourse, createPatient, db, overlaps, schedulingApp, violations, waitForCourses } from './scheduling-fixtures';

const WEEKDAYS = (interval: Array<[string, string]>) => ({ mon: interval, tue: interval, wed: interval, thu: interval, fri: interval, sat: null, sun: null });

/** A Friday and the Monday after it, both open days, at least a week from now. */
function fridayAndMonday(): { friday: string; monday: string } {
  const cal = calendarFor(demoCenter());
  const today = new Date();
  let d = dayNumOf(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()) + 7;
  for (; ; d++) {
    const date = new Date(`${formatDate(d)}T12:00:00Z`);
    if (date.getUTCDay() === 1 && cal.isOpenDay(d) && cal.isOpenDay(d - 3)) return { friday: formatDate(d - 3), monday: formatDate(d) };
  }
}

/**
 * One room with one 30-minute place a day: routine courses fill it one after the other (the reserve
 * keeps a standard place for emergencies, so each got it only because nothing else would ever fit),
 * and an emergency finds nothing free.
 */
async function oneNarrowRoom(): Promise<{ t: TestApp; api: Api }> {
  const { t, api } = await schedulingApp(['G1']);
  await request(t.app.getHttpServer())
    .put('/api/v1/calendar')
    .set('Authorization', await bearer(t, 'admin'))
    .send({ hours: WEEKDAYS([['07:00', '08:00']]), qaMinutes: 30 })
    .expect(200);
  return { t, api };
}

/** Two ten-fraction routine courses from `monday`, scheduled one after the other in that room. */
async function twoRoutineCourses(t: TestApp, api: Api, monday: string): Promise<Course[]> {
  const routine: Course[] = [];
  for (let i = 0; i < 2; i++) routine.push(await createCourse(api, await createPatient(api), { fractions: 10, earliestStart: monday }));
  for (const c of routine) await api.post(`/courses/${c.id}/submit`).expect(202);
  await waitForCourses(
    t,
    routine.map((c) => c.id),
    ['SCHEDULED'],
  );
  return routine;
}

describe('allocation: an EMERGENCY course moves a not-started ROUTINE course to start on time', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await oneNarrowRoom());
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts the emergency by its due day, relocates one routine course with a reason, and records who moved', async () => {
    const { friday, monday } = fridayAndMonday();
    const routine = await twoRoutineCourses(t, api, monday);
    const before = await db(t).query(`SELECT id, course_id FROM appointments WHERE status = 'BOOKED'`);
    expect(before).toHaveLength(20);
    const firstStarts = [];
    for (const c of routine) firstStarts.push((await api.get(`/courses/${c.id}/appointments`).expect(200)).body[0].start);
    expect(firstStarts[0].slice(0, 10)).toBe(monday);
    expect(firstStarts[1] > firstStarts[0]).toBe(true);

    // Due on Monday: it must run Friday (or Monday) on, through the days the first routine course holds.
    const emergency = await createCourse(api, await createPatient(api), { urgency: 'EMERGENCY', fractions: 5, earliestStart: friday });
    expect(emergency.dueStart).toBe(monday);
    await api.post(`/courses/${emergency.id}/submit`).expect(202);
    const [done] = await waitForCourses(t, [emergency.id], ['SCHEDULED', 'UNSCHEDULABLE']);
    expect(done).toMatchObject({ status: 'SCHEDULED', lateStart: false });

    const [audit] = await db(t).query(`SELECT entity_id, details FROM audit_log WHERE action = 'course.displaced'`);
    expect(audit.details).toMatchObject({ byCourse: emergency.id, fractions: 10 });
    const movedId: string = audit.entity_id;
    expect(movedId).toBe(routine[0].id);
    const moves = await db(t).query(
      `SELECT m.reason, m.from_start, m.to_start FROM appointment_moves m JOIN appointments a ON a.id = m.appointment_id WHERE a.course_id = $1`,
      [movedId],
    );
    expect(moves).toHaveLength(10);
    expect(moves.every((m: { reason: string }) => m.reason.includes(`EMERGENCY course ${emergency.id}`))).toBe(true);
    // Same appointment ids, new places: the moved course keeps its history.
    const movedIds = before
      .filter((b: { course_id: string }) => b.course_id === movedId)
      .map((b: { id: string }) => b.id)
      .sort();
    const after = await db(t).query(`SELECT id FROM appointments WHERE course_id = $1 AND status = 'BOOKED'`, [movedId]);
    expect(after.map((a: { id: string }) => a.id).sort()).toEqual(movedIds);
    const [schedule] = await db(t).query(`SELECT details FROM audit_log WHERE action = 'course.schedule' AND entity_id = $1`, [emergency.id]);
    expect(schedule.details.moved).toEqual([movedId]);

    // The other routine course did not stand in the way, so it did not move.
    const keptNow = (await api.get(`/courses/${routine[1].id}/appointments`).expect(200)).body;
    expect(keptNow[0].start).toBe(firstStarts[1]);
    expect(await overlaps(t)).toBe(0);
    expect(await violations(t)).toEqual([]);
  });
});

describe("allocation: an EMERGENCY course that moves two routine courses, one into the other's old places", () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await oneNarrowRoom());
  });
  afterAll(async () => {
    await t.close();
  });

  it("vacates every moved course before placing any, so the first may take the second one's places", async () => {
    const { friday, monday } = fridayAndMonday();
    const routine = await twoRoutineCourses(t, api, monday);

    // Fifteen fractions from Friday run through all of the first course's days and into the second's:
    // both move, and the first, placed again first, lands where the second used to be.
    const emergency = await createCourse(api, await createPatient(api), { urgency: 'EMERGENCY', fractions: 15, earliestStart: friday });
    await api.post(`/courses/${emergency.id}/submit`).expect(202);
    const [done] = await waitForCourses(t, [emergency.id], ['SCHEDULED', 'UNSCHEDULABLE']);
    expect(done).toMatchObject({ status: 'SCHEDULED', lateStart: false });
    const displaced = await db(t).query(`SELECT entity_id FROM audit_log WHERE action = 'course.displaced' ORDER BY entity_id`);
    expect(displaced.map((a: { entity_id: string }) => a.entity_id)).toEqual(routine.map((c) => c.id).sort());
    const rows = await db(t).query(
      `SELECT m.from_start, m.to_start, a.course_id FROM appointment_moves m JOIN appointments a ON a.id = m.appointment_id WHERE m.to_start IS NOT NULL`,
    );
    const oldOfSecond = new Set(
      rows.filter((r: { course_id: string }) => r.course_id === routine[1].id).map((r: { from_start: Date }) => r.from_start.getTime()),
    );
    const firstNew = rows.filter((r: { course_id: string }) => r.course_id === routine[0].id).map((r: { to_start: Date }) => r.to_start.getTime());
    expect(firstNew.some((s: number) => oldOfSecond.has(s))).toBe(true);
    expect(await overlaps(t)).toBe(0);
    expect(await violations(t)).toEqual([]);
  }, 60_000);
});
