import type { Page } from 'playwright-core';
import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

/** The preview table's rows as `appointmentId -> roomId@instant` (MOVED) or `appointmentId -> cancelled`. */
async function previewRows(page: Page, caption: string): Promise<string[]> {
  const rows = page.getByRole('table', { name: caption }).locator('tbody tr');
  const out: string[] = [];
  for (const row of await rows.all()) {
    const [id, outcome, to] = await Promise.all([row.getAttribute('data-appointment-id'), row.getAttribute('data-outcome'), row.getAttribute('data-to')]);
    if (outcome === 'BOOKED') continue;
    const [room, start] = (to ?? '').split('@');
    out.push(`${id} -> ${outcome === 'CANCELLED' ? 'cancelled' : `${room}@${new Date(start).toISOString()}`}`);
  }
  return out.sort();
}

describe('console in Chromium: downtimes are previewed before they are declared, changed or withdrawn', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** What the move history recorded since an instant, keyed like the preview rows. */
  const movesSince = async (since: Date): Promise<string[]> => {
    const rows = (await app.db.query(`SELECT appointment_id, to_room_id, to_start FROM appointment_moves WHERE at >= $1`, [since])) as Array<{
      appointment_id: string;
      to_room_id: string | null;
      to_start: Date | null;
    }>;
    return rows.map((r) => `${r.appointment_id} -> ${r.to_room_id ? `${r.to_room_id}@${r.to_start!.toISOString()}` : 'cancelled'}`).sort();
  };
  const dbNow = async (): Promise<Date> => ((await app.db.query('SELECT clock_timestamp() AS now')) as Array<{ now: Date }>)[0].now;
  const until = async (check: () => Promise<boolean>, what: string, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('the preview lists exactly the fractions the real downtime then moves; withdrawing it moves back exactly what its preview says, nothing elsewhere', async () => {
    const seeded = await seedScheduledCourse(app, { firstName: 'Timur', lastName: 'Downov' }, { fractions: 8, earliestStart: dateAhead(14) });
    const second = seeded.appointments.find((a) => a.fraction === 2)!;
    const day = second.localDate;
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Downtimes' }).click();
    await page.getByRole('heading', { name: 'Declare a downtime' }).waitFor();
    // The whole beam line: the course's fractions go to later days, which its withdrawal then frees again.
    await page.getByLabel('Room').selectOption({ label: 'Whole beam line' });
    await page.getByLabel('Start (center time)').fill(`${day}T00:00`);
    await page.getByLabel('End (center time)').fill(`${next}T00:00`);
    await page.getByLabel('Reason').fill('Magnet service');
    await page.getByRole('button', { name: 'Show what it would do' }).click();
    const caption = 'Fractions it would move or cancel, and where they go';
    await page.getByRole('table', { name: caption }).waitFor();
    const preview = await previewRows(page, caption);
    expect(preview.length).toBeGreaterThanOrEqual(1);
    expect(preview.some((row) => row.startsWith(`${second.id} -> `))).toBe(true);
    // A preview writes nothing.
    expect(((await app.db.query(`SELECT count(*)::int AS n FROM downtimes`)) as Array<{ n: number }>)[0].n).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const declaredAt = await dbNow();
    await page.getByRole('button', { name: 'Declare the downtime' }).click();
    await page.getByRole('status').filter({ hasText: 'The downtime is declared' }).waitFor();
    const [downtime] = (await app.db.query(`SELECT id FROM downtimes`)) as Array<{ id: string }>;
    await until(
      async () => (await request(app.server).get(`/api/v1/downtimes/${downtime.id}`).set('Authorization', app.auth.admin)).body.rescheduleStatus === 'DONE',
      'the downtime reschedule',
    );
    expect(await movesSince(declaredAt)).toEqual(preview);
    await page.getByTestId(`downtime-${downtime.id}`).filter({ hasText: 'done' }).waitFor();

    // Extend it by a day: its own preview (what the new day moves), then exactly that.
    const later = new Date(Date.parse(`${next}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('button', { name: /^Shorten or extend the downtime of / }).click();
    const change = page.getByRole('form', { name: /^Shorten or extend the downtime of / });
    await change.getByLabel('End (center time)').fill(`${later}T00:00`);
    await change.getByRole('button', { name: 'Show what it would do' }).click();
    await page.getByRole('heading', { name: 'Preview: changing this downtime' }).waitFor();
    const extended = await previewRows(page, caption);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const changedAt = await dbNow();
    await page.getByRole('button', { name: 'Change the downtime', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The downtime is changed' }).waitFor();
    await until(async () => (await movesSince(changedAt)).length >= extended.length, 'the extended downtime reschedule');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await movesSince(changedAt)).toEqual(extended);

    // Withdraw: its own preview first, then exactly that.
    await page.getByRole('button', { name: /^Withdraw the downtime of / }).click();
    const openedCaption = 'Fractions pulled onto the freed days';
    await page.getByRole('heading', { name: 'Preview: withdrawing this downtime' }).waitFor();
    const opened = (await page.getByRole('table', { name: openedCaption }).count()) > 0 ? await previewRows(page, openedCaption) : [];
    expect(opened.length).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const withdrawnAt = await dbNow();
    await page.getByRole('button', { name: 'Withdraw the downtime', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The downtime is withdrawn' }).waitFor();
    await until(async () => (await movesSince(withdrawnAt)).length >= opened.length, 'the opened-days reschedule');
    // Give a wrong extra move the chance to show up before comparing.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await movesSince(withdrawnAt)).toEqual(opened);
    // Every fraction still booked, never two on one day.
    const after = (await request(app.server).get(`/api/v1/courses/${seeded.courseId}/appointments`).set('Authorization', app.auth.admin).expect(200))
      .body as Array<{
      localDate: string;
      status: string;
    }>;
    const booked = after.filter((a) => a.status === 'BOOKED');
    expect(booked).toHaveLength(seeded.fractions);
    expect(new Set(booked.map((a) => a.localDate)).size).toBe(booked.length);
    expect(((await app.db.query(`SELECT count(*)::int AS n FROM downtimes`)) as Array<{ n: number }>)[0].n).toBe(0);
    await context.close();
  }, 180_000);
});
