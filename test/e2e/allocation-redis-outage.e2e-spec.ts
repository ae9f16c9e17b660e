import { PrivateRedis } from '../support/private-redis';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, createCourse, createPatient, db, insertRooms, waitFor, waitForCourses } from './scheduling-fixtures';

describe('submissions survive a Redis outage: PostgreSQL first, the reconciler enqueues later', () => {
  let t: TestApp;
  let api: Api;
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ env: { REDIS_URL: redis.url, RECONCILER_ENABLED: 'true', RECONCILER_EVERY_MS: '500' } });
    api = await apiFor(t);
    await insertRooms(t, ['G1']);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
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
    await redis.stop();
    const res = await api.post(`/courses/${course.id}/submit`).expect(202);
    expect(res.body.status).toBe('QUEUED');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await api.get(`/courses/${course.id}`).expect(200)).body.status).toBe('QUEUED');

    await redis.start(); // a fresh, empty Redis: no job, no scheduler survived
    const [done] = await waitForCourses(t, [course.id], ['SCHEDULED', 'UNSCHEDULABLE'], 45_000);
    expect(done.status).toBe('SCHEDULED');
    const [{ n }] = await db(t).query(`SELECT count(*)::int AS n FROM appointments WHERE course_id = $1 AND status = 'BOOKED'`, [course.id]);
    expect(n).toBe(4);
    await waitFor('health to recover', async () => ((await api.get('/health')).status === 200 ? true : undefined));
  }, 90_000);
});
