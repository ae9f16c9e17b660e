import request from 'supertest';
import { ConsoleApp, newPage, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';
import { DEMO_TEST_PASSWORD } from '../support/auth';

describe('console in Chromium: signing in and out, deep links, languages, serving', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the console at / with a strict CSP and leaves /api/v1 and /docs to the server', async () => {
    const index = await request(app.base).get('/courses/some-deep-link').set('Accept', 'text/html').expect(200);
    expect(index.text).toContain('<div id="root">');
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(index.text).not.toMatch(/<script>/); // every script is a file
    const api = await request(app.base).get('/api/v1/no-such-route').set('Accept', 'text/html').expect(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    await request(app.base).get('/docs-json').expect(200).expect('Content-Type', /json/);
  });

  it('refuses a wrong password with a clear message and keeps what was typed', async () => {
    const { context, page } = await newPage(app);
    await page.goto(`${app.base}/login`);
    await page.getByLabel('Username').fill('coordinator');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /Unknown username or wrong password/);
    expect(await page.getByLabel('Username').inputValue()).toBe('coordinator');
    await context.close();
  });

  it('signs in to a deep link, survives a reload there, and signs out', async () => {
    const { context, page } = await newPage(app);
    await page.goto(`${app.base}/board?date=2027-03-02`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Username').fill('coordinator');
    await page.getByLabel('Password').fill(DEMO_TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.base}/board?date=2027-03-02`);
    await page.getByRole('heading', { name: 'Tuesday, March 2, 2027' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Tuesday, March 2, 2027' }).waitFor();
    expect(page.url()).toBe(`${app.base}/board?date=2027-03-02`);

    // The session lives in an httpOnly cookie: no script on the page can read the token.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toMatch(/eyJ/);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'bt_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await page.goto(`${app.base}/courses?status=SCHEDULED`);
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
    await page.reload();
    expect(await page.getByLabel('Status').inputValue()).toBe('SCHEDULED');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await expectText(page.getByRole('status'), /signed out/);
    expect((await context.cookies()).find((c) => c.name === 'bt_session')).toBeUndefined();
    await page.goto(`${app.base}/courses`);
    await page.waitForURL(/\/login\?next=%2Fcourses/);
    await context.close();
  });

  it('an expired session sends the user to sign in and back to the page they were on', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', '/login?next=%2Fcourses%3Fstatus%3DQUEUED');
    await page.waitForURL(`${app.base}/courses?status=QUEUED`);
    await context.clearCookies(); // what the expiry of the cookie's Max-Age does
    await page.getByLabel('Status').selectOption('SCHEDULED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/login\?next=%2Fcourses%3Fstatus%3DSCHEDULED/);
    await expectText(page.getByRole('status'), /session has expired/);
    await page.getByLabel('Username').fill('coordinator');
    await page.getByLabel('Password').fill(DEMO_TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.base}/courses?status=SCHEDULED`);
    await context.close();
  });

  it('switches to Russian, Kazakh and Kyrgyz: texts and date formats change, and the choice is remembered', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base);
    const heading = page.getByRole('heading', { level: 2 }).first();
    await page.goto(`${app.base}/board?date=2027-03-02&lang=ru`);
    await expectText(page.getByRole('heading', { level: 1 }), /^Расписание на день$/);
    await expectText(heading, /вторник, 2 марта 2027/);
    await expectText(page.getByRole('button', { name: 'Выйти' }), /Выйти/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');

    await page.getByLabel('Язык').selectOption('kk');
    await expectText(page.getByRole('heading', { level: 1 }), /^Күндік кесте$/);
    await expectText(heading, /^2027 ж\. 2 наурыз, сейсенбі$/);

    await page.getByLabel('Тіл').selectOption('ky');
    await expectText(page.getByRole('heading', { level: 1 }), /^Күндүк жадыбал$/);
    await expectText(heading, /^2027-ж\., 2-март, шейшемби$/);

    // Remembered: a new page without ?lang= opens in Kyrgyz.
    await page.goto(`${app.base}/courses`);
    await expectText(page.getByRole('heading', { level: 1 }), /^Дарылоо курстары$/);

    await context.close();
  });

  it('the browser language is the first default, English the fallback', async () => {
    const ru = await newPage(app, 'ru-RU');
    await ru.page.goto(`${app.base}/login`);
    await ru.page.getByRole('button', { name: 'Войти' }).waitFor();
    await ru.context.close();
    const fr = await newPage(app, 'fr-FR');
    await fr.page.goto(`${app.base}/login`);
    await fr.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await fr.context.close();
  });

  it('has no serious or critical accessibility violation on the login page, and the form works by keyboard alone', async () => {
    const { context, page } = await newPage(app);
    await page.goto(`${app.base}/login`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username');
    await page.keyboard.type('coordinator');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await context.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp): Promise<void> {
  const until = Date.now() + 10_000;
  let last = '';
  while (Date.now() < until) {
    last =
      (await locator
        .first()
        .textContent()
        .catch(() => '')) ?? '';
    if (pattern.test(last.trim())) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${pattern} but the text was "${last}"`);
}
