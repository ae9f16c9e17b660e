import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, createCourse, createPatient, db, insertRooms, waitFor, waitForCourses } from './scheduling-fixtures';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

async function stop(redis: ChildProcess): Promise<void> {
  if (redis.exitCode !== null) return;
  const exited = new Promise((r) => redis.once('exit', r));
  redis.kill('SIGKILL');
  await exited;
}

describe('submissions survive a Redis outage: PostgreSQL first, the reconciler enqueues later', () => {
  let t: TestApp;
  let api: Api;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis(port);
    await new Promise((r) => setTimeout(r, 300));
    t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, RECONCILER_ENABLED: 'true', RECONCILER_EVERY_MS: '500' } });
    api = await apiFor(t);
    await insertRooms(t, ['G1']);
  });
  afterAll(async () => {
    await t.close();
    await stop(redis);
  });

  it('re-enqueues a QUEUED course that has no job at all', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 3 });
    // As if the process died between COMMIT and enqueue.
    await db(t).query(`UPDATE courses SET status = 'QUEUED', submission_no = 1, submitted_at = now() WHERE id = $1`, [course.id]);
    const [done] = await waitForCourses(t, [course.id], ['SCHEDULED', 'UNSCHEDULABLE']);
    expect(done.status).toBe('SCHEDULED');
  });

  it('answers 202 QUEUED while Redis is down and schedules the course once Redis is back', async () => {
    const course = await createCourse(api, await createPatient(api), { fractions: 4 });
    await stop(redis);
    const res = await api.post(`/courses/${course.id}/submit`).expect(202);
    expect(res.body.status).toBe('QUEUED');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await api.get(`/courses/${course.id}`).expect(200)).body.status).toBe('QUEUED');

    redis = startRedis(port); // a fresh, empty Redis: no job, no scheduler survived
    const [done] = await waitForCourses(t, [course.id], ['SCHEDULED', 'UNSCHEDULABLE'], 45_000);
    expect(done.status).toBe('SCHEDULED');
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE course_id = $1 AND status = 'BOOKED'`, [course.id]);
    expect(n).toBe(4);
    await waitFor('health to recover', async () => ((await api.get('/health')).status === 200 ? true : undefined));
  }, 90_000);
});
