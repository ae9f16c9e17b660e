import request from 'supertest';
import { calendarFor, demoCenter, dayNumOf, formatDate } from '../../src/scheduling';
import { insertBookings } from '../../src/appointments/appointment-writer';
import { AllocationService } from '../../src/bookings/allocation/allocation.service';
import { Course } from '../../src/courses/course.entity';
import { CompactionService } from '../../src/bookings/allocation/compaction.service';
import { JobRepository } from '../../src/queue/job.repository';
import { JOBS } from '../../src/queue/jobs/job-catalog';
import { bearer } from '../support/auth';
import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, db, overlaps, schedulingApp, violations, waitFor } from './scheduling-fixtures';

const WEEKDAYS = (interval: Array<[string, string]>) => ({ mon: interval, tue: interval, wed: interval, thu: interval, fri: interval, sat: null, sun: null });

/** Three open weekdays in a row (Mon–Wed) at least a week from now. */
function threeOpenDays(): [string, string, string] {
  const cal = calendarFor(demoCenter());
  const today = new Date();
  for (let d = dayNumOf(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()) + 7; ; d++) {
    if (new Date(`${formatDate(d)}T12:00:00Z`).getUTCDay() === 1 && [d, d + 1, d + 2].every((x) => cal.isOpenDay(x)))
      return [formatDate(d), formatDate(d + 1), formatDate(d + 2)];
  }
}

/**
 * One room open 08:00–10:40, and on `days` three one-fraction routine courses at 08:20, 09:10 and
 * 10:00: 70 free minutes a day, in slivers of 20, 20, 20 and 10, so no 30-minute place without a shift.
 */
async function sliveredDays(t: TestApp, api: Api, room: string, days: string[]): Promise<Course[]> {
  await request(t.app.getHttpServer())
    .put('/api/v1/calendar')
    .set('Authorization', await bearer(t, 'admin'))
    .send({ hours: WEEKDAYS([['08:00', '10:40']]), qaMinutes: 0 })
    .expect(200);
  const courses: Course[] = [];
  for (const date of days) {
    for (const hhmm of ['08:20', '09:10', '10:00']) {
      const c = await createCourse(api, await createPatient(api), { fractions: 1, earliestStart: date });
      await db(t).getRepository(Course).update({ id: c.id }, { status: 'SCHEDULED' });
      const at = (min: number) => new Date(Date.parse(`${date}T${hhmm}:00+05:00`) + min * 60_000).toISOString();
      await insertBookings(
        db(t).manager,
        [{ courseId: c.id, fraction: 1, roomId: room, start: at(0), end: at(30), beamStart: at(10), beamEnd: at(18), anesthesia: false }],
        true,
      );
      courses.push(c);
    }
  }
  return courses;
}

describe('allocation: an EMERGENCY course starts tomorrow by shifting booked fractions (bounded shifts)', () => {
  let t: TestApp;
  let api: Api;
  let room: string;
  beforeAll(async () => {
    let rooms: string[];
    ({ t, api, rooms } = await schedulingApp(['G1']));
    room = rooms[0];
  });
  afterAll(async () => {
    await t.close();
  });

  it('submitted at 15:00 the day before, it starts tomorrow; each shifted patient has a history row with the reason', async () => {
    const [today, tomorrow, dayAfter] = threeOpenDays();
    const routine = await sliveredDays(t, api, room, [tomorrow, dayAfter]);
    const before = await db(t).query(`SELECT id, start FROM appointments WHERE status = 'BOOKED'`);

    const emergency = await createCourse(api, await createPatient(api), { urgency: 'EMERGENCY', fractions: 1, earliestStart: tomorrow });
    // Queued as a submission would, then allocated at 15:00 center time (the clock is injected).
    await db(t).getRepository(Course).update({ id: emergency.id }, { status: 'QUEUED', submissionNo: 1 });
    const outcome = await t.app.get(AllocationService).allocate(emergency.id, 1, new Date(`${today}T15:00:00+05:00`));
    expect(outcome).toMatchObject({ outcome: 'SCHEDULED', lateStart: false });
    const [first] = (await api.get(`/courses/${emergency.id}/appointments`).expect(200)).body;
    expect(first.start.slice(0, 10)).toBe(tomorrow);

    const moves: Array<{ appointment_id: string; course_id: string; reason: string; from_start: Date; to_start: Date; moved_by: string }> = await db(t).query(
      `SELECT m.appointment_id, a.course_id, m.reason, m.from_start, m.to_start, m.moved_by
         FROM appointment_moves m JOIN appointments a ON a.id = m.appointment_id`,
    );
    expect(moves.length).toBeGreaterThan(0);
    const routineIds = new Set(routine.map((c) => c.id));
    for (const mv of moves) {
      expect(routineIds.has(mv.course_id)).toBe(true);
      expect(mv.reason).toMatch(new RegExp(`^Shifted .*EMERGENCY course ${emergency.id}`));
      expect(mv.moved_by).toBe('system');
      // Same day, within the hour.
      expect(Math.abs(mv.to_start.getTime() - mv.from_start.getTime())).toBeLessThanOrEqual(60 * 60_000);
      expect(mv.to_start.toISOString().slice(0, 10)).toBe(mv.from_start.toISOString().slice(0, 10));
    }
    // The history reads the rows back as kind SHIFT (what the console and the patient's notice show).
    const shiftedCourse = moves[0].course_id;
    const history = (await api.get(`/courses/${shiftedCourse}/moves`).expect(200)).body;
    expect(history.map((h: { reasonKind: string }) => h.reasonKind)).toEqual(['SHIFT']);
    // Same appointment ids: a shift moves the booking, it does not replace it.
    const after = await db(t).query(`SELECT id FROM appointments WHERE status = 'BOOKED' AND course_id <> $1`, [emergency.id]);
    expect(after.map((a: { id: string }) => a.id).sort()).toEqual(before.map((b: { id: string }) => b.id).sort());
    const [audit] = await db(t).query(`SELECT details FROM audit_log WHERE action = 'course.schedule' AND entity_id = $1`, [emergency.id]);
    expect(audit.details.shifted).toBe(moves.length);
    expect(await overlaps(t)).toBe(0);
    expect(await violations(t)).toEqual([]);
  }, 60_000);
});

describe('nightly compaction (bounded shifts): once per date', () => {
  let t: TestApp;
  let api: Api;
  let room: string;
  beforeAll(async () => {
    let rooms: string[];
    ({ t, api, rooms } = await schedulingApp(['G1']));
    room = rooms[0];
  });
  afterAll(async () => {
    await t.close();
  });

  it('the job for a date merges its slivers with history rows; a second run for the same date changes nothing', async () => {
    const [monday, , wednesday] = threeOpenDays();
    await sliveredDays(t, api, room, [wednesday]);
    const now = `${monday}T02:00:00+05:00`;
    expect(await t.app.get(CompactionService).dateFor(new Date(now))).toBe(wednesday);

    // As the nightly scheduler's run does: the date is in the job id.
    await t.app.get(JobRepository).enqueue(JOBS.compactDay, { date: wednesday, now });
    await waitFor(
      'the compaction of the date',
      async () => {
        const rows = await db(t).query(`SELECT 1 FROM audit_log WHERE action = 'day.compacted'`);
        return rows.length ? rows : undefined;
      },
      60_000,
    );
    const moves = await db(t).query(`SELECT reason, from_start, to_start FROM appointment_moves ORDER BY from_start`);
    expect(moves).toHaveLength(3);
    expect(moves.every((m: { reason: string }) => /^Shifted .*nightly compaction/.test(m.reason))).toBe(true);
    const local = (d: Date) => new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(11, 16);
    expect(moves.map((m: { to_start: Date }) => local(m.to_start))).toEqual(['08:00', '08:30', '09:00']);
    const booked = async () => db(t).query(`SELECT id, start, version::text FROM appointments WHERE status = 'BOOKED' ORDER BY id`);
    const after = await booked();

    const again = await t.app.get(CompactionService).compact(wednesday, new Date(now));
    expect(again).toMatchObject({ ran: false, shifted: 0 });
    expect(await booked()).toEqual(after);
    expect(await db(t).query(`SELECT 1 FROM appointment_moves`)).toHaveLength(3);
    expect(await overlaps(t)).toBe(0);
    expect(await violations(t)).toEqual([]);
  }, 90_000);
});
