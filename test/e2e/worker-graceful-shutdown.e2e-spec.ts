import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
// Holding the bookings lock parks a worker inside its allocation transaction.
import { BOOKINGS_LOCK_KEY } from '../../src/database/booking-lock';
import { startWorkerProcess, stopWorkerProcess } from '../support/worker-process';
import { createTestApp, TestApp } from '../support/test-app';
import { advisoryLockWaiters, Api, apiFor, createCourse, createPatient, db, insertRooms, waitFor } from './scheduling-fixtures';

describe('a worker given SIGTERM in the middle of an allocation', () => {
  let t: TestApp;
  let api: Api;
  let holder: Client;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp({ role: 'api' }); // only the child process allocates
    api = await apiFor(t);
    await insertRooms(t, ['G1']);
    holder = new Client({ connectionString: t.db.url });
    await holder.connect();
  });
  afterAll(async () => {
    if (worker) await stopWorkerProcess(worker);
    await holder.end();
    await t.close();
  });

  it('finishes the job it holds, then closes its connections and exits', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 5 });
    await holder.query('SELECT pg_advisory_lock($1)', [BOOKINGS_LOCK_KEY]);
    await api.post(`/courses/${course.id}/submit`).expect(202);

    worker = startWorkerProcess(t);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      worker!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await waitFor('the worker to block inside its allocation', async () => ((await advisoryLockWaiters(holder)) > 0 ? true : undefined), 60_000);

    worker.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    // Still alive: shutdown waits for the in-flight job instead of abandoning it.
    expect(worker.exitCode).toBeNull();
    expect(worker.signalCode).toBeNull();
    await holder.query('SELECT pg_advisory_unlock($1)', [BOOKINGS_LOCK_KEY]);

    // Nest closes everything, then re-raises the signal so the parent sees a normal SIGTERM exit.
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    const [{ status }] = await db(t).query(`SELECT status FROM courses WHERE id = $1`, [course.id]);
    expect(status).toBe('SCHEDULED');
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE course_id = $1 AND status = 'BOOKED'`, [course.id]);
    expect(n).toBe(5);
  }, 120_000);
});
