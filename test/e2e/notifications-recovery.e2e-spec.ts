import { ChildProcess } from 'node:child_process';
import { TestSmtpServer, TestWebhookReceiver } from '../support/notify-receivers';
import { PrivateRedis, waitForAppRedis } from '../support/private-redis';
import { createTestApp, TestApp } from '../support/test-app';
import { startWorkerProcess, stopWorkerProcess } from '../support/worker-process';
import { grantPlaces, referChild, waitForNoticesSettled } from './notify-fixtures';
import { Api, apiFor, createCourse, createPatient, db, insertRooms, waitFor, waitForCourses } from './scheduling-fixtures';

const KG_SECRET = 'kg-receiver-secret-0123456789';
const NOTIFY_ENV = { NOTIFY_COALESCE_MS: '300', NOTIFY_RELAY_EVERY_MS: '200' };

describe('a worker SIGKILLed in the middle of a webhook delivery', () => {
  let t: TestApp;
  let api: Api;
  let receiver: TestWebhookReceiver;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    receiver = await TestWebhookReceiver.start(KG_SECRET);
    t = await createTestApp({ role: 'api' }); // no in-process workers: only the child processes relay and deliver
    api = await apiFor(t);
    await grantPlaces(t, 'KG');
    await api.post('/webhooks', { countryCode: 'KG', url: receiver.url, secret: KG_SECRET }, 'admin').expect(201);
  });
  afterAll(async () => {
    for (const c of children) await stopWorkerProcess(c);
    await t?.close();
    await receiver?.close();
  });

  it('is delivered by the restarted worker: every event at least once, under its stable id', async () => {
    // The withdrawal is the change: the course is cancelled and the referral returned, in one transaction with their events.
    const kg = await referChild(api, 'ministry-kg', { preferredLanguage: 'ru' });
    await api.post(`/referrals/${kg.referralId}/cancel`, { reason: 'family chose another center' }, 'ministry-kg').expect(200);
    const events: Array<{ id: string; type: string }> = await db(t).query(`SELECT id, type FROM outbox_events WHERE country_code = 'KG'`);
    expect(events.map((e) => e.type).sort()).toEqual(['course.cancelled', 'referral.status-changed']);

    // The receiver holds the first request open: the worker is mid-delivery when it dies.
    receiver.answer = (_call, index) => (index === 0 ? null : 200);
    const first = startWorkerProcess(t, NOTIFY_ENV);
    children.push(first);
    await waitFor('the first delivery attempt to reach the receiver', async () => (receiver.calls.length > 0 ? true : undefined), 90_000);
    await stopWorkerProcess(first);
    const [sending] = await db(t).query(`SELECT id, status FROM notifications WHERE channel = 'WEBHOOK'`);
    expect(sending.status).toBe('SENDING');

    children.push(startWorkerProcess(t, NOTIFY_ENV));
    await waitFor(
      'the restarted worker to deliver the notice',
      async () => {
        const [n] = await db(t).query(`SELECT status FROM notifications WHERE id = $1`, [sending.id]);
        return n.status === 'DELIVERED' ? true : undefined;
      },
      90_000,
    );
    // At least once: the receiver got the notice twice (the killed attempt and the redelivery), each
    // signed, with the same delivery id and event ids, so it can drop the duplicate.
    expect(receiver.calls.length).toBeGreaterThanOrEqual(2);
    expect(receiver.calls.every((c) => c.validSignature && c.deliveryId === sending.id)).toBe(true);
    for (const e of events) expect(receiver.eventIds()).toContain(e.id);
    const ids = receiver.calls.map((c) =>
      c.body.events
        .map((e) => e.id)
        .sort()
        .join(','),
    );
    expect(new Set(ids).size).toBe(1);
  }, 240_000);
});

describe('Redis down while a course is cancelled', () => {
  let t: TestApp;
  let api: Api;
  let redis: PrivateRedis;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    smtp = await TestSmtpServer.start();
    t = await createTestApp({
      env: { REDIS_URL: redis.url, RECONCILER_ENABLED: 'true', RECONCILER_EVERY_MS: '500', SMTP_URL: smtp.url, ...NOTIFY_ENV },
    });
    api = await apiFor(t);
    await insertRooms(t, ['G1']);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await smtp?.close();
  });

  it('keeps the event in PostgreSQL and e-mails the patient once Redis is back', async () => {
    const email = 'aigerim@example.kz';
    const course = await createCourse(api, await createPatient(api, { email, preferredLanguage: 'kk' }), { fractions: 3 });
    await api.post(`/courses/${course.id}/submit`).expect(202);
    await waitForCourses(t, [course.id], ['SCHEDULED']);
    await waitForNoticesSettled(t);
    expect(smtp.to(email)).toHaveLength(1);
    expect(smtp.to(email)[0].text).toContain('жоспарланды');

    await redis.stop();
    await api.post(`/courses/${course.id}/cancel`, { reason: 'patient moved abroad' }).expect(200);
    // The relay turned the event into a notice (PostgreSQL only); its job could not be enqueued.
    const notice = await waitFor('the notice of the cancellation', async () => {
      const [n] = await db(t).query(
        `SELECT n.id, n.status FROM notifications n JOIN outbox_events e ON e.id = ANY (n.event_ids) WHERE e.type = 'course.cancelled' AND e.course_id = $1`,
        [course.id],
      );
      return n;
    });
    expect(notice.status).toBe('PENDING');
    expect(smtp.to(email)).toHaveLength(1);

    await redis.start(); // a fresh, empty Redis: no job survived
    await waitForAppRedis(t);
    await waitFor('the cancellation e-mail', async () => (smtp.to(email).length === 2 ? true : undefined), 60_000);
    expect(smtp.to(email)[1].text).toContain('Емдеу курсыңыз болдырылмады');
    expect(smtp.to(email)[1].notificationId).toBe(notice.id);
  }, 180_000);
});
