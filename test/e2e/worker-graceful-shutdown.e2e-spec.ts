import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_REDIS_URL } from '../support/test-env';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, createCourse, createPatient, db, insertRooms, waitFor } from './scheduling-fixtures';

/** Same key as src/appointments/booking-lock.ts: holding it parks a worker inside its allocation transaction. */
const BOOKINGS_LOCK_KEY = 7_364_300_001;
const ROOT = join(__dirname, '..', '..');

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
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await holder.end();
    await t.close();
  });

  it('finishes the job it holds, then closes its connections and exits', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 5 });
    await holder.query('SELECT pg_advisory_lock($1)', [BOOKINGS_LOCK_KEY]);
    await api.post(`/courses/${course.id}/submit`).expect(202);

    worker = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts', '--role=worker'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: t.queuePrefix,
        LOG_LEVEL: 'silent',
        RECONCILER_ENABLED: 'false',
        JWT_SECRET: 'test-secret-which-is-long-enough',
      },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      worker!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await waitFor(
      'the worker to block inside its allocation',
      async () => {
        const { rows } = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        return rows[0].n > 0 ? true : undefined;
      },
      60_000,
    );

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
