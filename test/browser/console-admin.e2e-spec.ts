import type { Page } from 'playwright-core';
import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

const field = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

describe('console in Chromium: the control room (rooms, calendar, users, audit)', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('rooms: a taken name is refused next to the field; a new room is added', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin', '/login?next=%2Fadmin%2Frooms');
    await page.getByRole('heading', { name: 'Add a room' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('G1');
    await page.getByRole('button', { name: 'Add the room' }).click();
    await expect(field(page, 'Name').locator('.field-error').textContent()).resolves.toMatch(/\S/);
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('G1');
    await page.getByLabel('Name', { exact: true }).fill('G4');
    await page.getByRole('button', { name: 'Add the room' }).click();
    await page
      .getByRole('table', { name: /^Treatment rooms/ })
      .getByRole('row', { name: /^G4 Gantry in use/ })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('calendar: shows the hours, closes a day and removes the closure', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin', '/login?next=%2Fadmin%2Fcalendar');
    const monday = page.getByLabel('Monday', { exact: true });
    await monday.waitFor();
    expect(await monday.inputValue()).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}/);
    // Someone else changes the calendar meanwhile: saving the form is refused in place, nothing overwritten.
    const before = (await request(app.server).get('/api/v1/calendar').set('Authorization', app.auth.admin).expect(200)).body as {
      annualCapacity: number;
      updatedAt: string;
    };
    await request(app.server)
      .put('/api/v1/calendar')
      .set('Authorization', app.auth.admin)
      .send({ annualCapacity: before.annualCapacity + 1, updatedAt: before.updatedAt })
      .expect(200);
    await page.getByRole('button', { name: 'Save the hours' }).click();
    await page
      .getByRole('form', { name: /^Opening hours/ })
      .getByRole('alert')
      .waitFor();
    expect(
      await page
        .getByRole('form', { name: /^Opening hours/ })
        .getByRole('alert')
        .textContent(),
    ).toMatch(/\S/);
    await page.reload();
    await page.getByRole('button', { name: 'Save the hours' }).click();
    await page.getByRole('status').filter({ hasText: 'The hours were saved' }).waitFor();

    // A day with booked fractions cannot be closed: the server's reason next to the date.
    const booked = await seedScheduledCourse(app, { firstName: 'Saule', lastName: 'Closova' }, { fractions: 2, earliestStart: dateAhead(20) });
    await page.getByLabel('Date', { exact: true }).fill(booked.appointments[0].localDate);
    await page.getByRole('button', { name: 'Save the day' }).click();
    await expect(field(page, 'Date').locator('.field-error').textContent()).resolves.toMatch(/\S/);
    expect(await page.getByLabel('Date', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    const day = dateAhead(45);
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByLabel('Reason', { exact: true }).fill('Cooling plant service');
    await page.getByRole('button', { name: 'Save the day' }).click();
    await page.getByRole('status').filter({ hasText: 'The day was saved' }).waitFor();
    const closures = page.getByRole('table', { name: /^Closures and extra working days/ });
    const row = closures.getByRole('row', { name: /Closed Cooling plant service/ });
    // A closure 45 days ahead may fall into next year, which this page does not list.
    const listed = day.slice(0, 4) === String(new Date().getFullYear());
    if (listed) await row.waitFor();
    const [stored] = (await app.db.query(`SELECT count(*)::int AS n FROM closures WHERE reason = 'Cooling plant service'`)) as Array<{ n: number }>;
    expect(stored.n).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (listed) {
      await row.getByRole('button', { name: /^Remove the entry of / }).click();
      await page.getByRole('status').filter({ hasText: 'The entry was removed.' }).waitFor();
      const [after] = (await app.db.query(`SELECT count(*)::int AS n FROM closures WHERE reason = 'Cooling plant service'`)) as Array<{ n: number }>;
      expect(after.n).toBe(0);
    }
    await context.close();
  });

  it("calendar: the treatment rules (QA, children's hours, anesthesia teams) are a form; a refusal shows next to its field", async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin', '/login?next=%2Fadmin%2Fcalendar');
    const rules = page.getByRole('form', { name: 'Treatment rules' });
    const from = rules.getByLabel('Children are treated from', { exact: true });
    await from.waitFor();
    expect(await from.inputValue()).toBe('08:00');
    // Not a time: refused in place, nothing saved, what was typed kept.
    await from.fill('8 am');
    await rules.getByRole('button', { name: 'Save the rules' }).click();
    await expect(field(page, 'Children are treated from').locator('.field-error').textContent()).resolves.toMatch(/\S/);
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await from.inputValue()).toBe('8 am');
    // Widening the children's hours and shortening QA never strand a booking (the earlier tests booked some).
    const { qaMinutes } = (await request(app.server).get('/api/v1/calendar').set('Authorization', app.auth.admin).expect(200)).body as { qaMinutes: number };
    const shorterQa = Math.max(0, qaMinutes - 5);
    await from.fill('07:30');
    await rules.getByLabel('Daily QA at the start of each room day (minutes)', { exact: true }).fill(String(shorterQa));
    await rules.getByRole('button', { name: 'Save the rules' }).click();
    await page.getByRole('status').filter({ hasText: 'The rules were saved.' }).waitFor();
    const saved = (await request(app.server).get('/api/v1/calendar').set('Authorization', app.auth.admin).expect(200)).body as {
      qaMinutes: number;
      pediatricHours: { from: string; to: string };
    };
    expect(saved).toMatchObject({ qaMinutes: shorterQa, pediatricHours: { from: '07:30', to: '18:00' } });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('users: a ministry account is bound to its country; reset password, deactivate; the audit log finds it by filters and exports it', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin', '/login?next=%2Fadmin%2Fusers');
    await page.getByRole('heading', { name: 'Create a user' }).waitFor();
    await page.getByLabel('Username', { exact: true }).fill('ministry-kz');
    await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password-1');
    await page.getByLabel('Role').selectOption('MINISTRY');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.getByRole('alert').or(page.locator('.field-error')).first().waitFor();
    expect(((await app.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'ministry-kz'`)) as Array<{ n: number }>)[0].n).toBe(0);
    await page.getByLabel('Country of the ministry (ISO code)').fill('kz');
    await page.getByRole('button', { name: 'Create the user' }).click();
    await page.getByRole('status').filter({ hasText: 'The user ministry-kz was created.' }).waitFor();
    await page.getByRole('row', { name: /^ministry-kz Ministry KZ active/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reset the password of ministry-kz' }).click();
    await page.getByLabel('New password', { exact: true }).fill('another-long-password-2');
    await page.getByRole('button', { name: 'Set the password', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The password of ministry-kz was reset.' }).waitFor();
    await request(app.server).post('/api/v1/auth/login').send({ username: 'ministry-kz', password: 'another-long-password-2' }).expect(200);

    await page.getByRole('button', { name: 'Deactivate ministry-kz', exact: true }).click();
    await page.getByRole('row', { name: /^ministry-kz Ministry KZ deactivated/ }).waitFor();
    await request(app.server).post('/api/v1/auth/login').send({ username: 'ministry-kz', password: 'another-long-password-2' }).expect(401);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByLabel('Action').fill('user.');
    await page.getByLabel('Actor').fill('admin');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=user\./);
    const entries = page.getByRole('table', { name: /^Entries, newest first/ });
    await entries
      .getByRole('row', { name: /admin \(ADMIN\) user\.\S+ user / })
      .first()
      .waitFor();
    const actions = await entries.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThanOrEqual(3);
    for (const action of actions) expect(action).toMatch(/^user\./);
    const href = (await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))!;
    expect(href).toContain('action=user.');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    const lines = csv.trim().split('\n');
    expect(lines.length).toBe(1 + actions.length);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
