import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import request from 'supertest';
// Holding the bookings lock parks the worker inside its allocation transactions when the server goes away.
import { BOOKINGS_LOCK_KEY } from '../../src/database/booking-lock';
import { QUEUES } from '../../src/queue/queue-names';
import { PrivatePostgres } from '../support/private-postgres';
import { createTestApp, TestApp } from '../support/test-app';
import { startWorkerProcess, stopWorkerProcess } from '../support/worker-process';
import { countersAndLedger, grantQuota, referralBody } from './quotas-support';
import { advisoryLockWaiters, Api, apiFor, Appt, createCourse, createPatient, dateIn, db, insertRooms, waitFor, waitForCourses } from './scheduling-fixtures';

/** A request that hangs fails here instead of passing late: the pool's connect timeout is 2 s. */
const NO_HANG_MS = 10_000;
const TABLES = ['patients', 'courses', 'appointments', 'appointment_moves', 'quotas', 'quota_ledger', 'quota_reservations', 'referrals', 'audit_log'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Rows = Record<string, Map<string, string>>;

/** Every row of the tables that hold what was accepted, by id, as text. */
async function snapshot(t: TestApp): Promise<Rows> {
  const out: Rows = {};
  for (const table of TABLES) {
    const rows: Array<{ id: string; row: string }> = await db(t).query(`SELECT id::text AS id, t::text AS row FROM ${table} t`);
    out[table] = new Map(rows.map((r) => [r.id, r.row]));
  }
  return out;
}

/** A 503 problem+json saying the database is away: no stack, no SQL, a Retry-After. */
function expectDatabaseUnavailable(res: request.Response): void {
  expect({ status: res.status, type: res.body.type }).toEqual({ status: 503, type: 'https://beamtime.example/problems/database-unavailable' });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('5');
  expect(res.text).not.toMatch(/ECONNREFUSED|\bat .*\.(ts|js):\d+|SELECT|INSERT/);
}

describe('a PostgreSQL outage while courses are submitted, moved and referred (issue #24 item 8)', () => {
  let pg: PrivatePostgres;
  let t: TestApp;
  let api: Api;
  let worker: ChildProcess;
  let workerLog = '';
  let quotaId: string;
  let reservationId: string;
  let scheduled: { courseId: string; appts: Appt[] };
  const queued: string[] = [];
  let draftId: string;
  let before: Rows;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    t = await createTestApp({ role: 'api', db: await pg.createDatabase(), env: { DB_CONNECT_TIMEOUT_MS: '2000' } });
    api = await apiFor(t);
    await insertRooms(t, ['G1', 'G2']);
    worker = startWorkerProcess(t, { LOG_LEVEL: 'info', WORKER_CONCURRENCY: '2', DB_CONNECT_TIMEOUT_MS: '2000' }, (text) => (workerLog += text));
    await waitFor('the worker to start', async () => (workerLog.includes('Beamtime worker started') ? true : undefined), 120_000);
  }, 180_000);
  afterAll(async () => {
    if (worker) await stopWorkerProcess(worker);
    await t?.close();
    await pg?.destroy();
  });

  it('before the outage: a course is scheduled and moved, a ministry holds places and refers a child', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 5 });
    await api.post(`/courses/${course.id}/submit`).expect(202);
    await waitForCourses(t, [course.id], ['SCHEDULED'], 60_000);
    const appts: Appt[] = (await api.get(`/courses/${course.id}/appointments`).expect(200)).body;
    const [alt] = (await api.get(`/appointments/${appts[0].id}/alternatives?limit=1`).expect(200)).body;
    await api.post(`/appointments/${appts[0].id}/move`, { roomId: alt.roomId, start: alt.start, reason: 'before the outage' }).expect(200);
    scheduled = { courseId: course.id, appts: (await api.get(`/courses/${course.id}/appointments`).expect(200)).body };

    quotaId = (await grantQuota(t, { countryCode: 'KG', year: Number(dateIn(0).slice(0, 4)), granted: 10 })).id;
    reservationId = (await api.post(`/quotas/${quotaId}/reservations`, { count: 2, holdDays: 14 }, 'ministry-kg').expect(201)).body.id;
    const referral = await api.post('/referrals', referralBody(reservationId, { earliestStart: dateIn(7) }), 'ministry-kg').expect(201);
    await waitForCourses(t, [referral.body.courseId], ['SCHEDULED'], 60_000);
  }, 120_000);

  it('during it: 503 problem+json within seconds, /health names the database, the worker pauses with its jobs unspent', async () => {
    const holder = new Client({ connectionString: t.db.url });
    holder.on('error', () => undefined); // the outage cuts this session too
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [BOOKINGS_LOCK_KEY]);
    for (let i = 0; i < 3; i++) {
      const course = await createCourse(api, await createPatient(api, { lastName: `Queued${i}` }), { fractions: 4 });
      await api.post(`/courses/${course.id}/submit`).expect(202);
      queued.push(course.id);
    }
    draftId = (await createCourse(api, await createPatient(api, { lastName: 'Draft' }), { fractions: 3 })).id;
    await waitFor('the worker to wait inside an allocation', async () => ((await advisoryLockWaiters(holder)) > 0 ? true : undefined), 60_000);
    before = await snapshot(t);

    await pg.stop();
    const attempts = [
      api.post(`/courses/${draftId}/submit`),
      api.post(`/appointments/${scheduled.appts[1].id}/move`, { start: scheduled.appts[1].start.replace(/T\d\d/, 'T20'), reason: 'during the outage' }),
      api.post('/patients', { firstName: 'Outage', lastName: 'Patient', birthDate: '1970-01-01', sex: 'male', countryCode: 'KZ' }),
      api.post('/referrals', referralBody(reservationId, { earliestStart: dateIn(7) }), 'ministry-kg'),
    ];
    for (const attempt of attempts) expectDatabaseUnavailable(await attempt.timeout(NO_HANG_MS));
    const server = t.app.getHttpServer();
    const health = await request(server).get('/api/v1/health').timeout(NO_HANG_MS);
    expect({ status: health.status, down: health.body.down }).toEqual({ status: 503, down: ['database'] });
    expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);

    await sleep(8000); // the outage lasts long enough for BullMQ's back-off (1 s, 2 s, 4 s) to spend attempts, were jobs failed

    await pg.start();
    const back = Date.now();
    const done = await waitForCourses(t, queued, ['SCHEDULED', 'UNSCHEDULABLE'], 120_000);
    const outageRecoveryMs = Date.now() - back;
    console.log(JSON.stringify({ outageRecoveryMs, courses: queued.length }));
    expect(done.map((c) => c.status)).toEqual(queued.map(() => 'SCHEDULED'));
    await holder.end().catch(() => undefined);

    // Handed back, not failed: no attempt carries an error, nothing sits in the failed set.
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.allocation), { strict: false });
    for (const id of queued) {
      const job = await queue.getJob(`allocate-${id}-1`);
      expect({ id, state: await job?.getState(), errors: job?.stacktrace ?? [] }).toEqual({ id, state: 'completed', errors: [] });
    }
    expect(await queue.getFailedCount()).toBe(0);
    expect(workerLog).toMatch(/database unavailable \(.*\): workers paused until it answers again/);
    expect(workerLog).toMatch(/database answers again after \d+ ms: workers resumed/);
  }, 240_000);

  it('after it: what was accepted before is intact, nothing of the refused requests was written, and they now succeed', async () => {
    const after = await snapshot(t);
    const queuedSet = new Set(queued);
    for (const table of TABLES) {
      // Rows written after the outage are the queued allocations' (their appointments, the courses' new status, audit rows).
      for (const [id, row] of before[table]) {
        if (table === 'courses' && queuedSet.has(id)) continue;
        expect({ table, id, row: after[table].get(id) }).toEqual({ table, id, row });
      }
    }
    const countNew = (table: string) => [...after[table].keys()].filter((id) => !before[table].has(id)).length;
    expect({
      patients: countNew('patients'),
      referrals: countNew('referrals'),
      moves: countNew('appointment_moves'),
      ledger: countNew('quota_ledger'),
    }).toEqual({
      patients: 0,
      referrals: 0,
      moves: 0,
      ledger: 0,
    });
    const [draft] = await db(t).query('SELECT status FROM courses WHERE id = $1', [draftId]);
    expect(draft.status).toBe('DRAFT');
    // Whole courses only: every scheduled course holds exactly its fractions, booked.
    const partial = await db(t).query(
      `SELECT c.id, c.fractions, count(a.id) FILTER (WHERE a.status = 'BOOKED')::int AS booked
         FROM courses c LEFT JOIN appointments a ON a.course_id = c.id
        WHERE c.status = 'SCHEDULED' GROUP BY c.id HAVING count(a.id) FILTER (WHERE a.status = 'BOOKED') <> c.fractions`,
    );
    expect(partial).toEqual([]);
    const ledger = await countersAndLedger(db(t), quotaId);
    expect([ledger.granted, ledger.reserved, ledger.used]).toEqual([ledger.sum_granted, ledger.sum_reserved, ledger.sum_used]);

    await api.post(`/courses/${draftId}/submit`).expect(202);
    const referral = await api.post('/referrals', referralBody(reservationId, { earliestStart: dateIn(7) }), 'ministry-kg').expect(201);
    await waitForCourses(t, [draftId, referral.body.courseId], ['SCHEDULED'], 60_000);
    await api.get('/health').expect(200);
  }, 120_000);
});
