import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { DEMO_TEST_PASSWORD } from '../support/auth';
import { ConsoleApp, dateAhead, newPage, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

const SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'screenshots', 'ministry-dashboard.png');
const CATEGORY = 'PEDIATRIC_ONCOHEMATOLOGY';

/** The wrapper of a labelled form field, to read its error text next to it. */
const field = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
/** 2026-12-17 → 17.12.2026, as people in the region type dates. */
const regional = (iso: string) => iso.split('-').reverse().join('.');

interface ReferralApiView {
  id: string;
  state: string;
  patientName: string;
  firstFraction: { centerLocalStart: string; ministryLocalStart: string; roomName: string } | null;
}

describe('console in Chromium: the ministry portal (quotas, one-step referral, follow-up, ledger), scoped to its country', () => {
  let app: ConsoleApp;
  const start = dateAhead(10);
  const startYear = Number(start.slice(0, 4));
  let kgReferralId = '';
  let holdId = '';

  const grant = async (countryCode: string, year: number, granted: number) =>
    (await request(app.server).post('/api/v1/quotas').set('Authorization', app.auth.admin).send({ countryCode, year, granted, category: CATEGORY }).expect(201))
      .body as {
      id: string;
    };

  beforeAll(async () => {
    app = await startConsoleApp(['admin', 'coordinator', 'ministry-kg', 'ministry-uz']);
    // This year's and next year's places, so the dashboard has a next year and the referral a year whatever the date.
    const kg = await grant('KG', startYear, 12);
    // A hold being prepared: the dashboard lists it with its countdown.
    const hold = (
      await request(app.server).post(`/api/v1/quotas/${kg.id}/reservations`).set('Authorization', app.auth['ministry-kg']).send({ count: 2 }).expect(201)
    ).body as { id: string };
    // It expires in a day and a half: the dashboard warns (within 48 h).
    await app.db.query(`UPDATE quota_reservations SET expires_at = now() + interval '36 hours' WHERE id = $1`, [hold.id]);
    holdId = hold.id;
    await grant('KG', startYear + 1, 7);
    await grant('UZ', startYear, 4);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("KG: the dashboard shows its places per year with a bar; it refers a child in one form and sees the course in Bishkek time next to the center's", async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'ministry-kg');
    await page.waitForURL(/\/ministry$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Quotas', 'Refer a child', 'Referrals']);
    const row = page.getByTestId(`quota-${startYear}-${CATEGORY}`);
    await row.getByRole('img', { name: '0 used, 2 held, 10 available of 12' }).waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['12', '2', '0', '10']));
    const hold = page.getByRole('table', { name: 'Holds and their expiry' }).getByRole('row', { name: new RegExp(`^${CATEGORY} ${startYear} 2 `) });
    expect(await hold.textContent()).toMatch(/1 d 1[12] h$/);
    // Its deadline reads in the ministry's own hours (Bishkek, an hour ahead of the center), named by the city.
    const [{ expires_at }] = (await app.db.query(`SELECT expires_at FROM quota_reservations WHERE id = $1`, [holdId])) as { expires_at: Date }[];
    const inBishkek = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bishkek' }).format(expires_at);
    const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');
    expect(spaces(await hold.textContent())).toContain(`${spaces(inBishkek)} (Bishkek)`);
    await page
      .getByRole('status')
      .filter({ hasText: /^A hold of 2 places expires within 48 hours/ })
      .waitFor();
    // Unused places lapse on 31 December: the warning shows in the year's last quarter (10 free + 2 held).
    const lapse = page.getByRole('status').filter({ hasText: `12 places of ${startYear} (${CATEGORY}) lapse on 31 December` });
    const lastQuarter = new Date().getMonth() >= 9 && new Date().getFullYear() === startYear;
    expect(await lapse.count()).toBe(lastQuarter ? 1 : 0);
    await page.getByRole('heading', { name: `Year ${startYear + 1} (next year)` }).waitFor();
    await page.getByTestId(`quota-${startYear + 1}-${CATEGORY}`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Refer a child' }).click();
    await page.getByRole('heading', { name: 'Refer a child' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Quota (year and category)').selectOption({ label: `${startYear} · ${CATEGORY} · 10 available` });
    await page.getByLabel('Last name').fill('Toktogulova');
    await page.getByLabel('Date of birth').fill('2016');
    await page.getByLabel('Fractions', { exact: true }).fill('0');
    await page.getByLabel('Earliest start').fill(regional(start));
    await page.getByRole('button', { name: 'Refer' }).click();
    // Every refused field at once, next to itself; what was typed stays; nothing was written.
    await page.getByRole('alert').filter({ hasText: 'correct the fields' }).waitFor();
    for (const label of ['First name', 'Date of birth', 'Fractions']) {
      await expect(page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(field(page, label).locator('.field-error').textContent()).resolves.toMatch(/\S/);
    }
    await expect(page.getByLabel('Last name').getAttribute('aria-invalid')).resolves.toBeNull();
    expect(await page.getByLabel('Last name').inputValue()).toBe('Toktogulova');
    const [{ n: before }] = (await app.db.query(`SELECT count(*)::int AS n FROM referrals`)) as Array<{ n: number }>;
    expect(before).toBe(0);

    await page.getByLabel('First name').fill('Aida');
    await page.getByLabel('Date of birth').fill('03.02.2016');
    await page.getByLabel('Fractions', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Refer' }).click();
    await page.waitForURL(/\/ministry\/referrals\/[0-9a-f-]{36}$/);
    kgReferralId = page.url().split('/').pop()!;
    // The date typed as 03.02.2016 reached the API as 2016-02-03.
    const [patient] = (await app.db.query(`SELECT to_char(birth_date, 'YYYY-MM-DD') AS d FROM patients WHERE last_name = 'Toktogulova'`)) as Array<{
      d: string;
    }>;
    expect(patient.d).toBe('2016-02-03');

    await page.getByRole('heading', { name: 'Referral of Aida Toktogulova' }).waitFor();
    await page.getByTestId('referral-state').filter({ hasText: 'Scheduled from' }).waitFor({ timeout: 30_000 });
    const view = (await request(app.server).get(`/api/v1/referrals/${kgReferralId}`).set('Authorization', app.auth['ministry-kg']).expect(200))
      .body as ReferralApiView;
    const first = view.firstFraction!;
    expect(first.ministryLocalStart).toMatch(/\+06:00$/);
    const [bishkek, center] = [first.ministryLocalStart.slice(11, 16), first.centerLocalStart.slice(11, 16)];
    expect(bishkek).not.toBe(center);
    const shown = (await page.getByTestId('referral-first').textContent())!;
    expect(shown).toContain(`${bishkek} Bishkek time (UTC+06:00)`);
    expect(shown).toMatch(new RegExp(`center: .*${center} \\S+ time \\(UTC\\+05:00\\)`));
    expect(shown).toContain(first.roomName);
    const fractions = page.getByRole('table', { name: 'Fractions' });
    expect(await fractions.getByRole('row').count()).toBe(1 + 5);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Referrals' }).click();
    const listed = page.getByRole('row', { name: /Aida Toktogulova/ });
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(/Scheduled from .*Bishkek time \(UTC\+06:00\)/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The place was held and used at once; the ledger says so and exports as CSV.
    await nav.getByRole('link', { name: 'Quotas' }).click();
    await row.getByRole('img', { name: '1 used, 2 held, 9 available of 12' }).waitFor();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await row.getByRole('link', { name: `Ledger of ${CATEGORY} ${startYear}` }).click();
    await page.getByRole('heading', { name: `Ledger: ${CATEGORY} ${startYear}` }).waitFor();
    const ledger = page.getByRole('table', { name: 'Every change of the quota, oldest first' });
    for (const kind of ['Granted', 'Held', 'Used'])
      await ledger
        .getByRole('row', { name: new RegExp(kind) })
        .first()
        .waitFor();
    const href = (await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))!;
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(csv.split('\n')[0]).toMatch(/^at,kind,deltaGranted/);
    expect(csv).toContain('USE');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it("in Russian and Kyrgyz: the portal's texts and the date format hint follow the language", async () => {
    for (const [locale, quotas, hint] of [
      ['ru-RU', 'Квоты', 'ДД.ММ.ГГГГ, например 03.02.2016'],
      ['ky-KG', 'Квоталар', 'КК.АА.ЖЖЖЖ, мисалы 03.02.2016'],
    ] as const) {
      const { context, page } = await newPage(app, locale);
      await page.goto(`${app.base}/login`);
      await page.locator('input[autocomplete="username"], input[name="username"]').first().fill('ministry-uz');
      await page.locator('input[type="password"]').fill(DEMO_TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(/\/ministry$/);
      await page.getByRole('link', { name: quotas, exact: true }).waitFor();
      await page.goto(`${app.base}/ministry/refer`);
      await page.getByText(hint).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    }
  }, 60_000);

  it('UZ sees nothing of it: not the name, not the count, not the page; only its own quota', async () => {
    expect(kgReferralId).not.toBe('');
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'ministry-uz');
    await page.waitForURL(/\/ministry$/);
    await page.getByTestId(`quota-${startYear}-${CATEGORY}`).getByRole('img', { name: '0 used, 0 held, 4 available of 4' }).waitFor();
    expect(await page.getByRole('heading', { name: `Year ${startYear + 1} (next year)` }).count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/\b12\b/);

    await page.getByRole('link', { name: 'Referrals' }).click();
    await page.getByText('No child has been referred yet.').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Toktogulova');

    await page.goto(`${app.base}/ministry/referrals/${kgReferralId}`);
    await page.getByRole('alert').filter({ hasText: 'does not exist' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Toktogulova');

    // SPEC §10's deep links reach the same pages, with the same scoping.
    await page.goto(`${app.base}/referrals/${kgReferralId}`);
    await page.getByRole('alert').filter({ hasText: 'does not exist' }).waitFor();
    await page.goto(`${app.base}/referrals`);
    await page.getByText('No child has been referred yet.').waitFor();
    await page.goto(`${app.base}/quotas`);
    await page.getByTestId(`quota-${startYear}-${CATEGORY}`).getByRole('img', { name: '0 used, 0 held, 4 available of 4' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Toktogulova');
    await context.close();
  }, 60_000);
});
