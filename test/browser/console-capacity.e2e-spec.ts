import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

const SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'screenshots', 'capacity.png');

interface CapacityApi {
  rooms: Array<{ name: string; weeks: Array<{ isoWeek: string; weekStart: string; openMinutes: number; bookedMinutes: number; utilization: number }> }>;
}

describe('console in Chromium: the capacity dashboard', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows open vs booked time per room and week as the API counts it, courses started against the target, the waiting list by urgency', async () => {
    const seeded = await seedScheduledCourse(app, { firstName: 'Nurlan', lastName: 'Heatov' }, { fractions: 25, earliestStart: dateAhead(3) });
    // A few more courses, so the map has some heat to show.
    for (const [i, start] of [7, 12, 20].entries())
      await seedScheduledCourse(app, { firstName: 'Heat', lastName: `Filler${i}` }, { fractions: 20, earliestStart: dateAhead(start) });
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Capacity' }).click();
    await page.waitForURL(/\/capacity$/);
    const heat = page.getByRole('table', { name: /^Booked share of open minutes/ });
    await heat.waitFor();

    const first = await page.getByLabel('From the week of').inputValue();
    const to = new Date(Date.parse(`${first}T00:00:00Z`) + 8 * 7 * 86_400_000).toISOString().slice(0, 10);
    const grid = (await request(app.server).get(`/api/v1/capacity?from=${first}&to=${to}`).set('Authorization', app.auth.admin).expect(200))
      .body as CapacityApi;
    const room = grid.rooms.find((r) => r.name === seeded.appointments[0].roomName)!;
    const booked = room.weeks.filter((w) => w.bookedMinutes > 0);
    expect(booked.length).toBeGreaterThan(0);
    for (const w of room.weeks) {
      const cell = page.getByTestId(`heat-${room.name}-${w.isoWeek}`);
      expect(await cell.textContent()).toMatch(
        new RegExp(
          `^${w.openMinutes > 0 ? `${Math.round(100 * w.utilization)} %` : '—'}${Math.round(w.bookedMinutes / 60)} of ${Math.round(w.openMinutes / 60)} h$`,
        ),
      );
    }
    expect(await heat.getByRole('row').count()).toBe(1 + grid.rooms.length);

    const summary = (await request(app.server).get('/api/v1/capacity/summary').set('Authorization', app.auth.admin).expect(200)).body as {
      year: number;
      courses: { started: number; target: number; bookedToStart: number };
      waiting: Array<{ urgency: string; count: number }>;
    };
    expect(summary.courses.target).toBe(800);
    const figures = (await page.getByTestId('capacity-courses').textContent())!;
    expect(figures).toContain(`Courses started in ${summary.year}${summary.courses.started} of 800`);
    expect(figures).toContain(`Booked to start this year${summary.courses.bookedToStart}`);
    const routine = summary.waiting.find((w) => w.urgency === 'ROUTINE')!;
    expect(routine.count).toBeGreaterThan(0);
    await page
      .getByRole('table', { name: 'Waiting list by urgency (submitted, not started)' })
      .getByRole('row', { name: new RegExp(`^Routine ${routine.count} `) })
      .waitFor();
    await page.getByText(/^Courses started: courses whose first fraction/).waitFor();

    expect(await seriousA11yViolations(page)).toEqual([]);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await context.close();
  }, 120_000);
});
