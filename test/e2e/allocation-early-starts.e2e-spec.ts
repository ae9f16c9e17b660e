import request from 'supertest';
import { insertBookings } from '../../src/appointments/appointment-writer';
import { AllocationService } from '../../src/bookings/allocation/allocation.service';
import { JOBS } from '../../src/queue/jobs/job-catalog';
import { JobRepository } from '../../src/queue/job.repository';
import { QUEUES } from '../../src/queue/queue-names';
import { calendarFor, demoCenter, dayNumOf, formatDate } from '../../src/scheduling';
import { bearer } from '../support/auth';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, createCourse, createPatient, db, insertRooms, violations, waitFor } from './scheduling-fixtures';

const WEEKDAYS = (interval: Array<[string, string]>) => ({ mon: interval, tue: interval, wed: interval, thu: interval, fri: interval, sat: null, sun: null });
const cal = calendarFor(demoCenter());

/** The first `n` open days (Kazakh holidays included) from a Monday at least a week from now, whose Saturday is the offer day. */
function openWeekAhead(n: number): { saturday: string; days: string[] } {
  const today = new Date();
  for (let d = dayNumOf(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()) + 7; ; d++) {
    if (new Date(`${formatDate(d)}T12:00:00Z`).getUTCDay() !== 1 || !cal.isOpenDay(d)) continue;
    const days: string[] = [];
    for (let k = d; days.length < n; k++) if (cal.isOpenDay(k)) days.push(formatDate(k));
    return { saturday: formatDate(d - 2), days };
  }
}

const booking = (courseId: string, fraction: number, roomId: string, date: string) => ({
  courseId,
  fraction,
  roomId,
  start: `${date}T07:30:00+05:00`,
  end: `${date}T08:00:00+05:00`,
  beamStart: `${date}T07:40:00+05:00`,
  beamEnd: `${date}T07:48:00+05:00`,
  anesthesia: false,
});

describe('early starts: a place free two days ahead goes to the routine course booked next in it', () => {
  let t: TestApp;
  let api: Api;
  let roomId: string;
  beforeAll(async () => {
    t = await createTestApp();
    api = await apiFor(t);
    [roomId] = await insertRooms(t, ['G1']);
    // Three 30-minute places a day (07:30, 08:00, 08:30), no anesthesia places.
    await request(t.app.getHttpServer())
      .put('/api/v1/calendar')
      .set('Authorization', await bearer(t, 'admin'))
      .send({ hours: WEEKDAYS([['07:00', '09:00']]), qaMinutes: 30, anesthesia: { teams: 0 } })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves the course up from a BullMQ job, same time and room and appointment ids, with history and audit; a second pass changes nothing', async () => {
    const { saturday, days } = openWeekAhead(8);
    const course = await createCourse(api, await createPatient(api), { fractions: 5, earliestStart: days[0] });
    // Booked Thursday on (as if the place were taken Monday to Wednesday by a course since cancelled).
    const booked = await insertBookings(
      db(t).manager,
      days.slice(3).map((date, i) => booking(course.id, i + 1, roomId, date)),
      true,
    );
    await db(t).query(`UPDATE courses SET status = 'SCHEDULED' WHERE id = $1`, [course.id]);

    const now = `${saturday}T12:00:00+05:00`;
    // What the scheduler enqueues every EARLY_STARTS_EVERY_MS, here for a chosen instant.
    await t.app
      .get(JobRepository)
      .queue(QUEUES.maintenance)
      .add(JOBS.earlyStarts.name, { now }, { jobId: `early-starts-${course.id}` });
    const after = await waitFor('the course to start on Monday', async () => {
      const list = (await api.get(`/courses/${course.id}/appointments`).expect(200)).body as Array<{
        id: string;
        start: string;
        roomId: string;
        status: string;
      }>;
      return list[0]?.start.slice(0, 10) === days[0] ? list : undefined;
    });
    expect(after.map((a) => a.start.slice(0, 10))).toEqual(days.slice(0, 5));
    // 07:30 in Almaty is 02:30 UTC, the API's zone.
    expect(after.every((a) => a.start.slice(11, 16) === '02:30' && a.roomId === roomId && a.status === 'BOOKED')).toBe(true);
    expect(after.map((a) => a.id).sort()).toEqual(booked.map((b) => b.id).sort());

    const moves = await db(t).query(
      `SELECT m.reason, m.moved_by FROM appointment_moves m JOIN appointments a ON a.id = m.appointment_id WHERE a.course_id = $1`,
      [course.id],
    );
    expect(moves).toHaveLength(5);
    expect(moves.every((m: { reason: string }) => m.reason.includes(`came free on ${days[0]}`))).toBe(true);
    // The coordinator sees why in the appointment's history.
    const history = (await api.get(`/appointments/${after[0].id}/moves`).expect(200)).body as Array<{ reason: string }>;
    expect(history.map((h) => h.reason)).toEqual([`Started earlier: a place at the same time and in the same room came free on ${days[0]}.`]);
    const [audit] = await db(t).query(`SELECT details FROM audit_log WHERE action = 'course.started-earlier' AND entity_id = $1`, [course.id]);
    expect(audit.details).toMatchObject({ firstDate: days[0], lateStart: false, fractions: 5 });
    expect(await violations(t)).toEqual([]);

    // Idempotent: the place is taken now, so another pass (a retried or repeated job) moves nobody.
    expect(await t.app.get(AllocationService).offerEarlierStarts(new Date(now))).toEqual({ startedEarlier: [] });
    expect(await db(t).query(`SELECT count(*)::int AS n FROM appointment_moves`)).toEqual([{ n: 5 }]);
  });
});
