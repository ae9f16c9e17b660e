import { TestSmtpServer, TestWebhookReceiver } from '../support/notify-receivers';
import type { TestApp } from '../support/test-app';
import { grantPlaces, referChild, waitForNoticesSettled } from './notify-fixtures';
import { Api, db, schedulingApp, waitFor, waitForCourses } from './scheduling-fixtures';

const KG_SECRET = 'kg-receiver-secret-0123456789';
const UZ_SECRET = 'uz-receiver-secret-0123456789';
const GUARDIAN = { name: 'Gulnara Toktogulova', relation: 'mother', email: 'gulnara@example.kg', phone: '+996555123456' };

/** The local day (center zone, UTC+5) of an instant. */
const localDay = (at: Date) => new Date(at.getTime() + 5 * 3600_000).toISOString().slice(0, 10);

describe('a downtime moving a referred child: one e-mail in the family language, one signed webhook to its ministry only', () => {
  let t: TestApp;
  let api: Api;
  let rooms: string[];
  let smtp: TestSmtpServer;
  let kgReceiver: TestWebhookReceiver;
  let uzReceiver: TestWebhookReceiver;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    kgReceiver = await TestWebhookReceiver.start(KG_SECRET);
    uzReceiver = await TestWebhookReceiver.start(UZ_SECRET);
    // KG's receiver is down for its first call (the retry must deliver it); UZ's always answers 500 (its notices end FAILED).
    kgReceiver.answer = (_call, index) => (index === 0 ? 503 : 200);
    uzReceiver.answer = () => 500;
    ({ t, api, rooms } = await schedulingApp(['G1'], {
      env: {
        SMTP_URL: smtp.url,
        NOTIFY_COALESCE_MS: '1500',
        NOTIFY_RETRY_BASE_MS: '200',
        NOTIFY_RETRY_MAX_DELAY_MS: '1000',
        NOTIFY_RETRY_FOR_MS: '4000',
        NOTIFY_RELAY_EVERY_MS: '200',
      },
    }));
    await grantPlaces(t, 'KG');
    await grantPlaces(t, 'UZ');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await kgReceiver?.close();
    await uzReceiver?.close();
  });

  it('registers one receiver per country and never returns its secret', async () => {
    const kg = await api.post('/webhooks', { countryCode: 'KG', url: kgReceiver.url, secret: KG_SECRET }, 'admin').expect(201);
    await api.post('/webhooks', { countryCode: 'UZ', url: uzReceiver.url, secret: UZ_SECRET }, 'admin').expect(201);
    expect(JSON.stringify(kg.body)).not.toContain(KG_SECRET);
    expect(kg.body).toMatchObject({ countryCode: 'KG', url: kgReceiver.url, active: true });
    const list = await api.get('/webhooks', 'admin').expect(200);
    expect(list.body).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toMatch(/receiver-secret/);
    expect((await api.post('/webhooks', { countryCode: 'KG', url: kgReceiver.url, secret: KG_SECRET }, 'admin')).status).toBe(409);
    expect((await api.post('/webhooks', { countryCode: 'KG', url: kgReceiver.url, secret: 'short' }, 'admin')).status).toBe(400);
    expect((await api.get('/webhooks', 'ministry-kg')).status).toBe(403);
  });

  it('validates contact details and shows them to no other country', async () => {
    const bad = await api.post('/patients', {
      firstName: 'A',
      lastName: 'B',
      birthDate: '1980-01-01',
      sex: 'female',
      countryCode: 'KZ',
      phone: '87011234567',
      email: 'not-an-address',
      preferredLanguage: 'de',
      guardian: { relation: 'aunt' },
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'email', 'preferredLanguage']));
    expect(fields.some((f) => f.startsWith('guardian'))).toBe(true);
  });

  it('moves the fractions, then tells the guardian once in Kyrgyz and KG once, signed; UZ hears only of UZ', async () => {
    const kg = await referChild(api, 'ministry-kg', { preferredLanguage: 'ky', guardian: GUARDIAN }, { fractions: 6 });
    const uz = await referChild(api, 'ministry-uz', { preferredLanguage: 'uz', email: 'bobur@example.uz' }, { fractions: 6 });
    await waitForCourses(t, [kg.courseId, uz.courseId], ['SCHEDULED']);
    await waitForNoticesSettled(t);
    expect(smtp.to(GUARDIAN.email)).toHaveLength(1); // the course was scheduled
    expect(smtp.to(GUARDIAN.email)[0].text).toContain('пландалды');
    const mailsBefore = smtp.mails.length;
    const kgCallsBefore = kgReceiver.calls.length;

    // Two days of G1 down: the child's 2nd and 3rd fractions (and whatever else is there) move.
    const booked: Array<{ start: Date }> = await db(t).query(`SELECT start FROM appointments WHERE course_id = $1 AND status = 'BOOKED' ORDER BY start`, [
      kg.courseId,
    ]);
    const start = `${localDay(booked[1].start)}T00:00:00+05:00`;
    const end = `${localDay(booked[2].start)}T23:59:00+05:00`;
    const downtime = await api.post('/downtimes', { roomId: rooms[0], start, end, kind: 'UNPLANNED', reason: 'magnet quench' }, 'admin').expect(201);
    await waitFor('the reschedule', async () => {
      const [d] = await db(t).query(`SELECT reschedule_status FROM downtimes WHERE id = $1`, [downtime.body.id]);
      return d.reschedule_status === 'PENDING' ? undefined : d.reschedule_status;
    });
    await waitForNoticesSettled(t);

    const kgMoved: Array<{ id: string; appointment: string }> = await db(t).query(
      `SELECT id, payload->>'appointmentId' AS appointment FROM outbox_events WHERE type = 'fraction.moved' AND course_id = $1`,
      [kg.courseId],
    );
    expect(new Set(kgMoved.map((e) => e.appointment)).size).toBeGreaterThanOrEqual(2);

    // One e-mail for all of the child's moves, to the guardian, in Kyrgyz, with the reason.
    const mails = smtp.mails.slice(mailsBefore).filter((m) => m.to.includes(GUARDIAN.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Beamtime: дарылоо графигиңиз');
    expect(mails[0].text).toContain('Урматтуу Gulnara Toktogulova!');
    expect(mails[0].text).toContain('Aibek Toktogulov');
    expect(mails[0].text.match(/жылдырылды \(жабдууну техникалык тейлөө\)/g)).toHaveLength(new Set(kgMoved.map((e) => e.appointment)).size);

    // One signed call to KG carrying every moved event of the child; KG's first call (503) was retried.
    const movedCalls = kgReceiver.calls.slice(kgCallsBefore).filter((c) => c.body.events.some((e) => e.type === 'fraction.moved'));
    expect(new Set(movedCalls.map((c) => c.deliveryId)).size).toBe(1);
    expect(movedCalls.every((c) => c.validSignature && c.body.country === 'KG')).toBe(true);
    for (const e of kgMoved) expect(kgReceiver.eventIds()).toContain(e.id);
    const [firstKgCall] = await db(t).query(`SELECT status, attempts FROM notifications WHERE id = $1`, [kgReceiver.calls[0].deliveryId]);
    expect(firstKgCall).toEqual({ status: 'DELIVERED', attempts: 2 });

    // UZ's receiver heard of UZ's own events and nothing of KG's.
    expect(uzReceiver.calls.length).toBeGreaterThan(0);
    const uzEvents = uzReceiver.calls.flatMap((c) => c.body.events);
    expect(uzEvents.some((e) => e.courseId === uz.courseId)).toBe(true);
    expect(uzEvents.filter((e) => e.courseId === kg.courseId || e.referralId === kg.referralId)).toEqual([]);
    const [{ n: kgEventsForUz }] = await db(t).query(
      `SELECT count(*)::int AS n FROM notifications n JOIN ministry_webhooks w ON w.id = n.webhook_id JOIN outbox_events e ON e.id = ANY (n.event_ids)
        WHERE w.country_code = 'UZ' AND e.country_code IS DISTINCT FROM 'UZ'`,
    );
    expect(kgEventsForUz).toBe(0);
    // UZ's receiver always answered 500: after the retry window its notices are FAILED and the administrator sees them.
    const failed = await api.get('/notifications/failed?channel=WEBHOOK', 'admin').expect(200);
    expect(failed.body.length).toBeGreaterThan(0);
    expect(failed.body.every((n: { countryCode: string; lastError: string }) => n.countryCode === 'UZ' && n.lastError.includes('HTTP 500'))).toBe(true);
  }, 180_000);

  it('keeps a log per patient and per referral, readable by coordinators and by the referring ministry only', async () => {
    const [{ patient_id: patientId, referral_id: referralId }] = await db(t).query(
      `SELECT patient_id, id AS referral_id FROM referrals WHERE country_code = 'KG' ORDER BY created_at LIMIT 1`,
    );
    const log = await api.get(`/patients/${patientId}/notifications`).expect(200);
    const channels = new Set(log.body.map((n: { channel: string }) => n.channel));
    expect(channels).toEqual(new Set(['EMAIL', 'SMS', 'WEBHOOK']));
    const email = log.body.find((n: { channel: string; eventTypes: string[] }) => n.channel === 'EMAIL' && n.eventTypes.includes('fraction.moved'));
    expect(email).toMatchObject({ status: 'DELIVERED', recipient: GUARDIAN.email, language: 'ky' });
    expect(email.deliveredAt).toBeTruthy();

    const byKg = await api.get(`/referrals/${referralId}/notifications`, 'ministry-kg').expect(200);
    expect(byKg.body.length).toBeGreaterThan(0);
    expect((await api.get(`/referrals/${referralId}/notifications`, 'ministry-uz')).status).toBe(404);
    expect((await api.get(`/patients/${patientId}/notifications`, 'ministry-uz')).status).toBe(404);
    expect((await api.get(`/patients/${patientId}`, 'ministry-uz')).status).toBe(404);
    expect((await api.get(`/patients/${patientId}`, 'ministry-kg').expect(200)).body.guardian).toMatchObject({ name: GUARDIAN.name, email: GUARDIAN.email });
  });
});
