import request from 'supertest';
import { DataSource } from 'typeorm';
import { HttpServer, startApiApp } from '../support/api-app';
import { insertScheduledCourse, roomIdsByName } from '../support/table-rows';
import { TestApp } from '../support/test-app';
import { OpenedDaysRescheduleService } from '../../src/bookings/rescheduling/opened-days-reschedule.service';
import { JOBS, jobId } from '../../src/queue/jobs/job-catalog';
import { ReconcilerService } from '../../src/queue/reconciler.service';
import { violations, waitFor } from './scheduling-fixtures';

/**
 * An administrator opens time under booked courses: a decree working Saturday (POST /closures
 * WORKING_DAY) and a closure removed (DELETE /closures/:id). The answer says a reschedule follows; the
 * worker pulls the last fraction of each course that leaves the day unused onto it (rule 6), with a
 * history row a coordinator can read, and nothing else moves.
 */
describe('opening days under booked courses reschedules them (HTTP, PostgreSQL, Redis, worker)', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let admin: string;
  let coordinator: string;
  let rooms: Record<string, string>;

  /** A five-a-week course booked by hand at `hhmm` in G1 on these days; returns its appointment ids in order. */
  async function course(days: string[], hhmm = '09:00'): Promise<{ id: string; appointments: string[] }> {
    const id = await insertScheduledCourse(db, {
      birthDate: '1980-01-01',
      fractions: days.length,
      fractionMinutes: 30,
      earliestStart: days[0],
      dueStart: days[0],
    });
    const appointments: string[] = [];
    for (const [i, day] of days.entries()) {
      const [row] = await db.query(
        `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, status, anesthesia)
         VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + interval '30 minutes', $4::timestamptz + interval '10 minutes',
                 $4::timestamptz + interval '18 minutes', 'main', 'BOOKED', false) RETURNING id`,
        [id, i + 1, rooms.G1, `${day}T${hhmm}:00+05:00`],
      );
      appointments.push(row.id);
    }
    return { id, appointments };
  }
  const startOf = async (id: string) => ((await db.query(`SELECT start FROM appointments WHERE id = $1`, [id]))[0].start as Date).toISOString();
  /** Minutes from `iso` (an instant) to the same local day at 09:00, Almaty. */
  const offNine = (iso: string, day: string) => (Date.parse(iso) - Date.parse(`${day}T09:00:00+05:00`)) / 60_000;
  const roomOf = async (id: string) => (await db.query(`SELECT room_id FROM appointments WHERE id = $1`, [id]))[0].room_id as string;
  // The job id is reschedule-opened-<change id>-1 (job-catalog.ts).
  const changeIdOf = (id: string) => id.replace(/^reschedule-opened-/, '').replace(/-1$/, '');
  const summaryOf = (id: string) =>
    waitFor('the reschedule job', async () => {
      const [row] = await db.query(`SELECT details FROM audit_log WHERE action = 'calendar.reschedule-opened' AND entity_id = $1`, [changeIdOf(id)]);
      return row?.details;
    });
  const moveReasons = async (id: string) =>
    (await db.query(`SELECT reason FROM appointment_moves WHERE appointment_id = $1`, [id])).map((r: { reason: string }) => r.reason);

  beforeAll(async () => {
    ({
      t,
      server,
      db,
      auth: { admin, coordinator },
    } = await startApiApp({ demoCenter: true, users: ['admin', 'coordinator'] }));
    rooms = await roomIdsByName(db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a decree working Saturday: 201 says one course is concerned; its last fraction moves onto the Saturday, the others stay', async () => {
    // Tue–Thu 4–6 May 2027 (Mon 3 and Fri 7 are holidays), then Tue 11 and Wed 12 (Mon 10 is 9 May's day off).
    const spanning = await course(['2027-05-04', '2027-05-05', '2027-05-06', '2027-05-11', '2027-05-12']);
    // Ends before the Saturday: not concerned.
    const ended = await course(['2027-04-29', '2027-04-30', '2027-05-04', '2027-05-05', '2027-05-06'], '11:00');
    const before = await db.query(`SELECT id, start FROM appointments ORDER BY id`);

    const res = await request(server)
      .post('/api/v1/closures')
      .set('Authorization', admin)
      .send({ date: '2027-05-08', kind: 'WORKING_DAY', reason: 'Decree No. 7' })
      .expect(201);
    expect(res.body).toMatchObject({ date: '2027-05-08', kind: 'WORKING_DAY', reschedule: { openedDays: ['2027-05-08'], coursesConcerned: 1, queued: true } });
    expect(res.body.reschedule.jobId).toMatch(/^reschedule-opened-/);

    expect(await summaryOf(res.body.reschedule.jobId)).toMatchObject({ opened: ['2027-05-08'], concerned: 1, moved: 1, interrupted: [] });

    // On the Saturday, in its room, within ±30 min of its time (the day's lane template decides the minute).
    const moved = await startOf(spanning.appointments[4]);
    expect(Math.abs(offNine(moved, '2027-05-08'))).toBeLessThanOrEqual(30);
    expect(await roomOf(spanning.appointments[4])).toBe(rooms.G1);
    expect(await moveReasons(spanning.appointments[4])).toEqual([
      expect.stringMatching(
        /^Center opened 2027-05-08 \(decree working day: Decree No\. 7\): fraction 5 moved from 2027-05-12 09:00 to 2027-05-08 \d\d:\d\d in G1( \([+-]\d+ min from the course's time\))? so the course is not interrupted\.$/,
      ),
    ]);
    // Nothing else moved.
    const after = new Map<string, Date>((await db.query(`SELECT id, start FROM appointments`)).map((a: { id: string; start: Date }) => [a.id, a.start]));
    for (const a of before as Array<{ id: string; start: Date }>) if (a.id !== spanning.appointments[4]) expect(after.get(a.id)).toEqual(a.start);
    expect(ended.appointments).toHaveLength(5);
    expect(await violations(t)).toEqual([]);

    // The coordinator's view: the fraction keeps its number, listed by start.
    const list = await request(server).get(`/api/v1/courses/${spanning.id}/appointments`).set('Authorization', coordinator).expect(200);
    expect(list.body.map((a: { fraction: number }) => a.fraction)).toEqual([1, 2, 3, 5, 4]);

    // A redelivered job does nothing and writes nothing.
    const again = await t.app
      .get(OpenedDaysRescheduleService)
      .reschedule({ changeId: changeIdOf(res.body.reschedule.jobId), opened: [{ date: '2027-05-08', why: 'decree working day' }] });
    expect(again).toBeNull();
    expect(await moveReasons(spanning.appointments[4])).toHaveLength(1);
  });

  it('removing a closure: 202 with what follows when it opens a day a course leaves unused, 204 when it does not', async () => {
    const closure = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-05-26', reason: 'Maintenance' }).expect(201);
    expect(closure.body.reschedule).toBeUndefined();
    // Booked around the closed Wednesday: Mon 24, Tue 25, Thu 27, Fri 28 May.
    const around = await course(['2027-05-24', '2027-05-25', '2027-05-27', '2027-05-28']);
    const res = await request(server).delete(`/api/v1/closures/${closure.body.id}`).set('Authorization', admin).expect(202);
    expect(res.body).toMatchObject({ openedDays: ['2027-05-26'], coursesConcerned: 1, queued: true });
    expect(await summaryOf(res.body.jobId)).toMatchObject({ opened: ['2027-05-26'], concerned: 1, moved: 1 });
    expect(Math.abs(offNine(await startOf(around.appointments[3]), '2027-05-26'))).toBeLessThanOrEqual(30);
    expect(await moveReasons(around.appointments[3])).toEqual([
      expect.stringMatching(/^Center opened 2027-05-26 \(closure removed: Maintenance\): fraction 4 moved from 2027-05-28 09:00 to 2027-05-26 /),
    ]);
    expect(await violations(t)).toEqual([]);

    // A closure on a day no course spans: removed, nothing follows.
    const lone = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-09-15', reason: 'Maintenance' }).expect(201);
    const quiet = await request(server).delete(`/api/v1/closures/${lone.body.id}`).set('Authorization', admin).expect(204);
    expect(quiet.body).toEqual({});
  });

  it('removing a closure a course spans but does not need (its week has its count): 204, no job (an audit run got 202 with jobId null)', async () => {
    const closure = await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2027-10-13', reason: 'Maintenance' }).expect(201);
    // Four a week, booked around the closed Wednesday: Mon 11, Tue 12, Thu 14, Fri 15 October; the week has its four.
    const fourAWeek = await course(['2027-10-11', '2027-10-12', '2027-10-14', '2027-10-15']);
    await db.query(`UPDATE courses SET fractions_per_week = 4 WHERE id = $1`, [fourAWeek.id]);
    const before = await db.query(`SELECT id, start FROM appointments WHERE course_id = $1 ORDER BY id`, [fourAWeek.id]);
    const res = await request(server).delete(`/api/v1/closures/${closure.body.id}`).set('Authorization', admin).expect(204);
    expect(res.body).toEqual({});
    expect(await db.query(`SELECT id, start FROM appointments WHERE course_id = $1 ORDER BY id`, [fourAWeek.id])).toEqual(before);
    expect(await violations(t)).toEqual([]);
  });

  it('PUT /calendar turning holidays off: the answer names the opened days and the courses concerned; each is pulled forward', async () => {
    // Mon 5, Wed 7, Thu 8, Fri 9 July 2027 around Capital Day (Tue 6 July).
    const july = await course(['2027-07-05', '2027-07-07', '2027-07-08', '2027-07-09'], '10:00');
    const res = await request(server).put('/api/v1/calendar').set('Authorization', admin).send({ holidays: 'NONE' }).expect(200);
    expect(res.body.holidays).toBe('NONE');
    // The first test's courses now leave holidays unused too: Friday 7 May (4, 5, 6, 8, 11 May) and Monday 3 May (29, 30 April, 4–6 May).
    expect(res.body.reschedule).toMatchObject({ coursesConcerned: 3, queued: true });
    expect(res.body.reschedule.openedDays).toEqual(expect.arrayContaining(['2027-05-03', '2027-05-07', '2027-05-10', '2027-07-06']));
    expect(await summaryOf(res.body.reschedule.jobId)).toMatchObject({ concerned: 3, moved: 3, interrupted: [] });
    expect((await startOf(july.appointments[3])).slice(0, 10)).toBe('2027-07-06');
    expect(await violations(t)).toEqual([]);
  });

  it('an opening whose job never reached Redis is enqueued by the reconciler from its audit entry', async () => {
    // Wed 6 – Fri 8 October 2027, then Mon 11 and Tue 12; Saturday 9 opened while Redis was down (no job).
    const october = await course(['2027-10-06', '2027-10-07', '2027-10-08', '2027-10-11', '2027-10-12'], '12:00');
    await db.query(`INSERT INTO closures (date, kind, reason, created_by) VALUES ('2027-10-09', 'WORKING_DAY', '', 'admin')`);
    const changeId = '00000000-0000-4000-8000-000000000009';
    await db.query(
      `INSERT INTO audit_log (username, role, action, entity, entity_id, details) VALUES ('admin', 'ADMIN', 'calendar.open-days', 'calendar_opening', $1, $2)`,
      [
        changeId,
        JSON.stringify({
          opened: [{ date: '2027-10-09', why: 'decree working day' }],
          coursesConcerned: 1,
          rescheduleJobId: jobId(JOBS.rescheduleOpenedDays, { changeId, opened: [] }),
        }),
      ],
    );
    expect((await t.app.get(ReconcilerService).run()).reenqueuedOpenings).toBe(1);
    expect(await summaryOf(jobId(JOBS.rescheduleOpenedDays, { changeId, opened: [] }))).toMatchObject({ opened: ['2027-10-09'], concerned: 1, moved: 1 });
    expect((await startOf(october.appointments[4])).slice(0, 10)).toBe('2027-10-09');
    // Done: the next pass leaves it alone.
    expect((await t.app.get(ReconcilerService).run()).reenqueuedOpenings).toBe(0);
  });
});
