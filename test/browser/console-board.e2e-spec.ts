import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { DEMO_TEST_PASSWORD } from '../support/auth';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, SeededCourse, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

const SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'screenshots', 'board.png');

/** The table row of a room on the board of a day: the row whose header cell is the room's name. */
const roomRow = (page: Page, day: string, room: string) =>
  page.locator(`section[aria-labelledby="board-day-${day}"] tr`, { has: page.getByRole('rowheader', { name: room, exact: true }) });

describe('console in Chromium: the day board of a seeded center', () => {
  let app: ConsoleApp;
  let adult: SeededCourse;
  let child: SeededCourse;

  beforeAll(async () => {
    app = await startConsoleApp();
    // The demo's ~150 courses fill the coming weeks, as after `npm run demo`; the workers book them.
    await DemoSeedService.fromApp(app.t.app).run({ password: DEMO_TEST_PASSWORD, log: () => undefined });
    await waitUntilNoneQueued(app.db);
    adult = await seedScheduledCourse(app, { firstName: 'Aigerim', lastName: 'Boardova' }, { fractions: 5, earliestStart: dateAhead(14) });
    child = await seedScheduledCourse(
      app,
      { firstName: 'Timur', lastName: 'Kichkenov', birthDate: '2019-06-01' },
      { fractions: 3, earliestStart: dateAhead(14), requiresAnesthesia: true, urgency: 'URGENT' },
    );
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows each fraction in its room at its local time, named with the patient, n/N and markers', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base);
    for (const [course, markers] of [
      [adult, []],
      [child, ['child', 'under anesthesia']],
    ] as const) {
      for (const a of course.appointments.slice(0, 2)) {
        await page.goto(`${app.base}/board?date=${a.localDate}`);
        const block = roomRow(page, a.localDate, a.roomName).getByRole('link', {
          name: `${course.patientName}, fraction ${a.fraction}/${course.fractions}, ${a.localTime}–`,
          exact: false,
        });
        await block.waitFor();
        const name = (await block.getAttribute('aria-label')) ?? '';
        for (const marker of markers) expect(name).toContain(marker);
        // Not in another room's row.
        const rooms = ['G1', 'G2', 'G3'].filter((r) => r !== a.roomName);
        for (const other of rooms)
          expect(await roomRow(page, a.localDate, other).getByRole('link', { name: course.patientName, exact: false }).count()).toBe(0);
      }
    }
    // Every fraction the API lists for the day is a block on the board, no more, no fewer.
    const day = adult.appointments[0].localDate;
    await page.goto(`${app.base}/board?date=${day}`);
    await roomRow(page, day, 'G1').waitFor();
    const board = await request(app.server).get(`/api/v1/board?date=${day}`).set('Authorization', app.auth.coordinator).expect(200);
    await expect(page.locator('a.fraction').count()).resolves.toBe(board.body.appointments.length);
    expect(board.body.appointments.length).toBeGreaterThan(10);
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await context.close();
  });

  it('moves between days with previous, next, today and the date picker; the week view shows seven days', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', '/login?next=%2Fboard');
    await page.waitForURL(/\/board\?date=\d{4}-\d{2}-\d{2}$/);
    const today = new URL(page.url()).searchParams.get('date')!;
    await page.getByRole('button', { name: 'Next day' }).click();
    await page.waitForURL(/date=/);
    expect(new URL(page.url()).searchParams.get('date')).toBe(shift(today, 1));
    await page.getByRole('button', { name: 'Previous day' }).click();
    await page.getByRole('button', { name: 'Previous day' }).click();
    expect(new URL(page.url()).searchParams.get('date')).toBe(shift(today, -1));
    await page.getByRole('button', { name: 'Today' }).click();
    expect(new URL(page.url()).searchParams.get('date')).toBe(today);
    await page.getByLabel('Date').fill('2027-03-02');
    await page.getByRole('heading', { name: 'Tuesday, March 2, 2027' }).waitFor();
    await page.getByRole('link', { name: 'Week' }).click();
    await page.waitForURL(/days=7/);
    await page.getByRole('heading', { name: 'Monday, March 8, 2027' }).waitFor();
    await expect(page.locator('section.day').count()).resolves.toBe(7);
    await context.close();
  });

  it('has no serious or critical accessibility violation on the board, the week, the courses list and a course page', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base);
    const day = adult.appointments[0].localDate;
    for (const path of [`/board?date=${day}`, `/board?date=${day}&days=7`, '/courses', `/courses/${child.courseId}`, '/courses/new', '/worklist']) {
      await page.goto(`${app.base}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await seriousA11yViolations(page) }).toEqual({ path, violations: [] });
    }
    await context.close();
  }, 300_000); // axe walks every block of a booked week: minutes on a busy 2-core machine

  it('reaches the main controls by keyboard: navigation, day buttons, date picker, a fraction, sign out', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base);
    const day = adult.appointments[0].localDate;
    await page.goto(`${app.base}/board?date=${day}`);
    await page.locator('a.fraction').first().waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim().slice(0, 40)),
      );
    }
    for (const control of ['Board', 'Courses', 'New patient and course', 'Worklist', 'Sign out', 'Previous day', 'Today', 'Next day'])
      expect(reached).toContain(control);
    expect([...reached].some((name) => /fraction \d+\/\d+/.test(name))).toBe(true);
    // Enter on a focused fraction opens its course.
    while (!/fraction \d+\/\d+/.test(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/courses\/[0-9a-f-]{36}$/);
    await context.close();
  });
});

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function waitUntilNoneQueued(db: DataSource, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [{ queued }] = (await db.query(`SELECT count(*)::int AS queued FROM courses WHERE status = 'QUEUED'`)) as Array<{ queued: number }>;
    if (queued === 0) return;
    if (Date.now() > until) throw new Error(`${queued} demo courses still QUEUED`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
