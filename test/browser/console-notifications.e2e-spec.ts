import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';
import { TestWebhookReceiver } from '../support/notify-receivers';

const SCREENSHOTS = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const CATEGORY = 'PEDIATRIC_ONCOHEMATOLOGY';
/** Notices go out within a second of their event, and a refused webhook gives up after a few tries. */
const FAST_NOTICES = {
  NOTIFY_COALESCE_MS: '300',
  NOTIFY_RELAY_EVERY_MS: '200',
  NOTIFY_RETRY_BASE_MS: '200',
  NOTIFY_RETRY_MAX_DELAY_MS: '400',
  NOTIFY_RETRY_FOR_MS: '1500',
};

/** The wrapper of a labelled form field, to read its error text next to it. */
const field = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
/** HH:mm of an instant on a zone's clock. */
const clock = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

interface NoticeApiView {
  id: string;
  channel: string;
  status: string;
  recipient: string;
  language: string | null;
  eventTypes: string[];
  createdAt: string;
  lastError: string | null;
}

describe('console in Chromium: contacts, notification logs, read audit and ministry receivers', () => {
  let app: ConsoleApp;
  let receiver: TestWebhookReceiver;
  let centerZone = '';

  /** Polls a notification log (as the admin) until a notice matches. */
  const waitForNotice = async (path: string, match: (n: NoticeApiView) => boolean, timeoutMs = 30_000): Promise<NoticeApiView> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await request(app.server).get(path).set('Authorization', app.auth.admin).expect(200);
      const found = (res.body as NoticeApiView[]).find(match);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no matching notice at ${path}: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    receiver = await TestWebhookReceiver.start('kg-ministry-signing-secret-2027');
    // The ministry's system is down: every call is refused, so its notices end up FAILED for the administrator.
    receiver.answer = () => 500;
    app = await startConsoleApp(['admin', 'coordinator', 'ministry-kg', 'ministry-uz'], FAST_NOTICES);
    centerZone = (await request(app.server).get('/api/v1/calendar').set('Authorization', app.auth.admin).expect(200)).body.timeZone as string;
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('coordinator: changes the contact (each refusal next to its field), then sees the notice the next change sent to it, in the center’s time; the admin sees who read the record', async () => {
    const seeded = await seedScheduledCourse(app, { firstName: 'Жанар', lastName: 'Хабарова' }, { fractions: 3, earliestStart: dateAhead(14) });
    const { body: course } = await request(app.server).get(`/api/v1/courses/${seeded.courseId}`).set('Authorization', app.auth.coordinator).expect(200);
    const patientId = course.patientId as string;
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', `/login?next=/patients/${patientId}`);
    await page.getByRole('heading', { name: 'Patient Жанар Хабарова' }).waitFor();
    expect(await page.getByTestId('patient-contact').textContent()).toContain('Not set (Russian)');
    await page.getByText('No notice has been sent yet.').waitFor();
    // Who read a record is the administrator's question: a coordinator is not shown it.
    expect(await page.getByRole('heading', { name: 'Who read this record' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Change the contact' }).click();
    await page.getByLabel('Phone (+7…)').fill('8 701 123 45 67');
    await page.getByLabel('E-mail', { exact: true }).fill('zhanar@');
    await page.getByLabel('Language of notices').selectOption('kk');
    await page.getByLabel("Guardian's name").fill('Айгүл Хабарова');
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await page.getByRole('alert').filter({ hasText: 'correct the fields' }).waitFor();
    for (const [label, says] of [
      ['Phone (+7…)', 'E.164'],
      ['E-mail', 'email'],
      ['Relation', 'relation'],
    ] as const) {
      await expect(page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(field(page, label).locator('.field-error').textContent()).resolves.toContain(says);
    }
    await expect(page.getByLabel('Language of notices').getAttribute('aria-invalid')).resolves.toBeNull();
    expect(await page.getByLabel("Guardian's name").inputValue()).toBe('Айгүл Хабарова');
    const [before] = (await app.db.query(`SELECT phone, preferred_language AS lang FROM patients WHERE id = $1`, [patientId])) as Array<{
      phone: string | null;
      lang: string | null;
    }>;
    expect(before).toEqual({ phone: null, lang: null });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Phone (+7…)').fill('+77011234567');
    await page.getByLabel('E-mail', { exact: true }).fill('');
    await page.getByLabel('Relation').selectOption('mother');
    await page.getByRole('button', { name: 'Save the contact' }).click();
    await page.getByRole('status').filter({ hasText: 'The contact is saved' }).waitFor();
    const shown = (await page.getByTestId('patient-contact').textContent())!;
    expect(shown).toContain('+77011234567');
    expect(shown).toContain('Kazakh');
    expect(shown).toContain('Айгүл Хабарова (Mother)');
    const [after] = (await app.db.query(`SELECT phone, email, preferred_language AS lang, guardian_relation AS rel FROM patients WHERE id = $1`, [
      patientId,
    ])) as Array<Record<string, string | null>>;
    expect(after).toEqual({ phone: '+77011234567', email: null, lang: 'kk', rel: 'mother' });

    // A change that concerns the patient: the course is cancelled; its SMS goes to the number just saved.
    await request(app.server)
      .post(`/api/v1/courses/${seeded.courseId}/cancel`)
      .set('Authorization', app.auth.coordinator)
      .send({ reason: 'Family moved away' })
      .expect(200);
    const sms = await waitForNotice(`/api/v1/patients/${patientId}/notifications`, (n) => n.channel === 'SMS' && n.status === 'DELIVERED');
    expect(sms).toMatchObject({ recipient: '+77011234567', language: 'kk', eventTypes: ['course.cancelled'] });
    await page.reload();
    const row = page.getByTestId(`notice-${sms.id}`);
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['SMS', '+77011234567', 'Course cancelled']);
    expect(cells[3]).toMatch(/^Delivered · /);
    // In the center's clock, not the browser's (New York): the zone is named in the caption.
    const made = (await row.getByRole('rowheader').textContent())!;
    expect(made).toContain(clock(sms.createdAt, centerZone));
    expect(made).not.toContain(clock(sms.createdAt, 'America/New_York'));
    await page.getByRole('table', { name: `Notices, newest first (times in ${centerZone.split('/').pop()!.replace(/_/g, ' ')} time)` }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    const admin = await newPage(app);
    await signIn(admin.page, app.base, 'admin', `/login?next=/patients/${patientId}`);
    const reads = admin.page.getByRole('table', { name: /^Reads by coordinators and ministries, newest first/ });
    await reads.waitFor();
    const coordinatorRead = reads.getByRole('row', { name: /coordinator \(COORDINATOR\).*patient\.read/ }).first();
    await coordinatorRead.waitFor();
    expect(await coordinatorRead.textContent()).toContain(patientId);
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await admin.page.screenshot({ path: resolve(SCREENSHOTS, 'patient-notices.png'), fullPage: true });
    // The same screens in Russian and Kazakh: headings, channels, results and the contact's labels all from the catalogs.
    for (const [lang, texts] of [
      ['ru', ['Отправленные уведомления', 'Кто просматривал эту карту', 'Доставлено', 'Казахский']],
      ['kk', ['Жіберілген хабарламалар', 'Бұл жазбаны кім қарады', 'Жеткізілді', 'Байланысты өзгерту']],
    ] as const) {
      await admin.page.goto(`${app.base}/patients/${patientId}?lang=${lang}`);
      await admin.page.getByTestId(`notice-${sms.id}`).waitFor();
      const main = (await admin.page.locator('main').textContent())!;
      for (const text of texts) expect(main).toContain(text);
    }
    await admin.context.close();
  }, 120_000);

  it('admin registers a ministry receiver (refusal in place, secret shown once); the ministry follows its referral’s notices and files; the failed call is listed; the receiver is removed', async () => {
    const admin = await newPage(app);
    await signIn(admin.page, app.base, 'admin');
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notices' }).click();
    await admin.page.getByRole('heading', { name: 'Ministry receivers (webhooks)' }).waitFor();
    await admin.page.getByText('No receiver is registered.').waitFor();
    await admin.page.getByLabel('Country (ISO code)').fill('KG');
    await admin.page.getByLabel('Receiver address (URL)').fill(receiver.url);
    await admin.page.getByLabel('Signing secret').fill('too-short');
    await admin.page.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(field(admin.page, 'Signing secret').locator('.field-error').textContent()).resolves.toMatch(/secret/);
    await admin.page.getByRole('button', { name: 'Generate a secret' }).click();
    expect(await admin.page.getByLabel('Signing secret').inputValue()).toMatch(/^[0-9a-f]{64}$/);
    // The ministry gave its own secret: the receiver checks every call against it.
    await admin.page.getByLabel('Signing secret').fill(receiver.secret);
    await admin.page.getByRole('button', { name: 'Register', exact: true }).click();
    await admin.page.getByRole('status').filter({ hasText: 'The receiver of KG is registered.' }).waitFor();
    expect(await admin.page.getByLabel('Give this signing secret to the ministry now: it is shown only once.').inputValue()).toBe(receiver.secret);
    await admin.page.getByRole('table', { name: 'Active receivers: 1' }).getByRole('row', { name: /KG/ }).waitFor();
    expect(await seriousA11yViolations(admin.page)).toEqual([]);

    // KG refers a child with a guardian's phone: the course is booked, the guardian gets an SMS, the ministry a webhook call.
    const year = Number(dateAhead(10).slice(0, 4));
    const quota = (
      await request(app.server)
        .post('/api/v1/quotas')
        .set('Authorization', app.auth.admin)
        .send({ countryCode: 'KG', year, granted: 3, category: CATEGORY })
        .expect(201)
    ).body as { id: string };
    const referral = (
      await request(app.server)
        .post('/api/v1/referrals')
        .set('Authorization', app.auth['ministry-kg'])
        .send({
          quotaId: quota.id,
          patient: {
            firstName: 'Nurlan',
            lastName: 'Webhookov',
            birthDate: '2017-04-02',
            sex: 'male',
            guardian: { name: 'Ainura Webhookova', relation: 'mother', phone: '+996555123456' },
          },
          course: { diagnosisGroup: 'ONCOHEMATOLOGY', urgency: 'ROUTINE', fractions: 4, earliestStart: dateAhead(10) },
        })
        .expect(201)
    ).body as { id: string; courseId: string };
    const referralLog = `/api/v1/referrals/${referral.id}/notifications`;
    const failed = await waitForNotice(referralLog, (n) => n.channel === 'WEBHOOK' && n.status === 'FAILED');
    expect(failed.lastError).toContain('500');
    expect(receiver.calls.length).toBeGreaterThan(0);
    expect(receiver.calls.every((c) => c.validSignature && c.body.country === 'KG')).toBe(true);
    const sms = await waitForNotice(referralLog, (n) => n.channel === 'SMS' && n.status === 'DELIVERED');
    expect(sms.recipient).toBe('+996555123456');

    const kg = await newPage(app);
    await signIn(kg.page, app.base, 'ministry-kg', `/login?next=/ministry/referrals/${referral.id}`);
    await kg.page.getByRole('heading', { name: 'Referral of Nurlan Webhookov' }).waitFor();
    // The ministry reads its referral's log in its own hours (Bishkek).
    const log = kg.page.getByRole('table', { name: 'Notices, newest first (times in Bishkek time)' });
    await log.waitFor();
    const webhookRow = log.getByTestId(`notice-${failed.id}`);
    expect(await webhookRow.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining([
        "Ministry's system (webhook)",
        receiver.url,
        'Course scheduled',
        expect.stringMatching(/^Not delivered · gave up .*receiver answered HTTP 500/),
      ]),
    );
    expect(await webhookRow.getByRole('rowheader').textContent()).toContain(clock(failed.createdAt, 'Asia/Bishkek'));
    await log.getByTestId(`notice-${sms.id}`).filter({ hasText: 'Delivered' }).waitFor();
    // Its own referred course's files, as the API allows a ministry.
    const [letter] = await Promise.all([
      kg.page.waitForEvent('download'),
      kg.page.getByRole('link', { name: 'Download the appointment letter (PDF)' }).click(),
    ]);
    expect(letter.suggestedFilename()).toBe(`letter-${referral.courseId}-en.pdf`);
    const [calendar] = await Promise.all([kg.page.waitForEvent('download'), kg.page.getByRole('link', { name: 'Download the calendar (.ics)' }).click()]);
    expect(calendar.suggestedFilename()).toBe(`course-${referral.courseId}.ics`);
    // A ministry gets no subscription link (staff only) and no control room.
    expect(await kg.page.getByRole('button', { name: 'Issue a link' }).count()).toBe(0);
    expect(await kg.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notices' }).count()).toBe(0);
    expect(await seriousA11yViolations(kg.page)).toEqual([]);
    await kg.context.close();

    // Another ministry sees neither the referral's log nor any receiver.
    const uz = await newPage(app);
    await signIn(uz.page, app.base, 'ministry-uz', `/login?next=/ministry/referrals/${referral.id}`);
    await uz.page.getByRole('alert').filter({ hasText: 'does not exist' }).waitFor();
    expect(await uz.page.locator('main').textContent()).not.toContain('Webhookov');
    await uz.page.goto(`${app.base}/admin/notifications`);
    await uz.page.getByRole('alert').filter({ hasText: 'Not allowed' }).first().waitFor();
    expect(await uz.page.locator('main').textContent()).not.toContain(receiver.url);
    await uz.context.close();

    // The administrator's list of notices that gave up, with the reason and whom it concerned.
    await admin.page.reload();
    const failedRow = admin.page.getByRole('table', { name: /^Notices, newest first/ }).getByTestId(`notice-${failed.id}`);
    await failedRow.waitFor();
    expect(await failedRow.textContent()).toContain('receiver answered HTTP 500');
    await failedRow.getByRole('link', { name: 'Patient' }).waitFor();
    await admin.page.screenshot({ path: resolve(SCREENSHOTS, 'notices-control-room.png'), fullPage: true });

    admin.page.once('dialog', (dialog) => void dialog.accept());
    await admin.page.getByRole('button', { name: 'Remove the receiver of KG' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'The receiver of KG was removed.' }).waitFor();
    await admin.page.getByText('No receiver is registered.').waitFor();
    const [row] = (await app.db.query(`SELECT active, disabled_at IS NOT NULL AS disabled FROM ministry_webhooks WHERE country_code = 'KG'`)) as Array<{
      active: boolean;
      disabled: boolean;
    }>;
    expect(row).toEqual({ active: false, disabled: true });
    await admin.context.close();
  }, 180_000);
});
