import type { Page } from 'playwright-core';
import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, signIn, startConsoleApp } from '../support/console-app';

/** The wrapper of a labelled form field, to read its error text next to it. */
const field = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

describe('console in Chromium: a coordinator creates, schedules, moves and records fractions', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a patient and course in one form: every refused field marked at once, nothing typed lost, then QUEUED → SCHEDULED without reload', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base);
    await page.getByRole('link', { name: 'New patient and course' }).click();
    await page.getByLabel('Last name').fill('Formova');
    await page.getByLabel('Date of birth').fill('1980-04-12');
    await page.getByLabel('Country (ISO code)').fill('kz');
    await page.getByLabel('Fractions', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Create and submit' }).click();

    await page.getByRole('alert').filter({ hasText: 'correct the fields' }).waitFor();
    for (const label of ['First name', 'Country (ISO code)', 'Fractions', 'Earliest start']) {
      await expect(page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(field(page, label).locator('.field-error').textContent()).resolves.toMatch(/\S/);
    }
    for (const label of ['Last name', 'Date of birth', 'Fractions per week']) {
      await expect(page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).resolves.toBeNull();
    }
    expect(await page.getByLabel('Last name').inputValue()).toBe('Formova');
    expect(await countRows(app, `SELECT count(*)::int AS n FROM patients WHERE last_name = 'Formova'`)).toBe(0);

    // A lost connection: a clear message, the form as it was.
    await page.getByLabel('First name').fill('Dana');
    await page.getByLabel('Country (ISO code)').fill('KZ');
    await page.getByLabel('Fractions', { exact: true }).fill('5');
    await page.getByLabel('Earliest start').fill(dateAhead(10));
    await page.route('**/api/v1/patients', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Create and submit' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Dana');
    await page.unroute('**/api/v1/patients');

    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.getByRole('button', { name: 'Create and submit' }).click();
    await page.waitForURL(/\/courses\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Course of Dana Formova' }).waitFor();
    await page.getByTestId('course-status').filter({ hasText: 'Scheduled' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The fractions table lists each fraction with its local date and time; the first is on the board.
    const courseId = page.url().split('/').pop()!;
    const appointments = (await request(app.server).get(`/api/v1/courses/${courseId}/appointments`).set('Authorization', app.auth.coordinator).expect(200))
      .body;
    expect(appointments).toHaveLength(5);
    const fractions = page.getByRole('table', { name: 'Fractions' });
    await fractions.getByRole('row', { name: new RegExp(`^1/5 .*${appointments[0].localTime}–`) }).waitFor();
    await page.goto(`${app.base}/board?date=${appointments[0].localDate}`);
    await page.getByRole('link', { name: `Dana Formova, fraction 1/5, ${appointments[0].localTime}–`, exact: false }).waitFor();
    await context.close();
  });

  it('moves a fraction through a suggestion, shows it in the history and the worklist; a refused action shows the server reason', async () => {
    const patient = await request(app.server)
      .post('/api/v1/patients')
      .set('Authorization', app.auth.coordinator)
      .send({ firstName: 'Erlan', lastName: 'Movov', birthDate: '1970-01-01', sex: 'male', countryCode: 'KG' })
      .expect(201);
    const course = await request(app.server)
      .post('/api/v1/courses')
      .set('Authorization', app.auth.coordinator)
      .send({ patientId: patient.body.id, diagnosisGroup: 'THORAX', urgency: 'ROUTINE', fractions: 4, earliestStart: dateAhead(20) })
      .expect(201);
    const courseId = course.body.id as string;

    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', `/login?next=%2Fcourses%2F${courseId}`);
    await page.getByRole('heading', { name: 'Course of Erlan Movov' }).waitFor();
    await page.getByRole('button', { name: 'Submit for scheduling' }).click();
    await page.getByTestId('course-status').filter({ hasText: 'Scheduled' }).waitFor({ timeout: 30_000 });

    // Refused by the rules: a fraction weeks ahead cannot be recorded as delivered.
    await page.getByRole('button', { name: 'Record fraction 1 as delivered' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot be delivered before it starts' }).waitFor();

    await page.getByRole('button', { name: 'Move fraction 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move fraction 2/4' });
    await dialog.waitFor();
    await dialog.getByLabel('Reason for the move (optional)').fill('Patient asked for another time');
    const options = dialog.getByRole('list', { name: 'Valid places, best first' }).getByRole('button');
    await options.first().waitFor();
    const chosen = (await options.first().textContent())!;
    const [, time, room] = /(\d{2}:\d{2}), (G\d)$/.exec(chosen)!;
    await options.first().click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'The fraction was moved.' }).waitFor();

    const after = (await request(app.server).get(`/api/v1/courses/${courseId}/appointments`).set('Authorization', app.auth.coordinator).expect(200))
      .body as Array<{
      fraction: number;
      localTime: string;
      roomName: string;
    }>;
    expect(after.find((a) => a.fraction === 2)).toMatchObject({ localTime: time, roomName: room });
    const history = page.getByRole('table', { name: 'Move history' });
    await history.getByRole('row', { name: /2\/4 .*Moved by hand — Patient asked for another time/ }).waitFor();

    await page.getByRole('link', { name: 'Worklist' }).click();
    await page.getByRole('row', { name: /Erlan Movov 2\/4/ }).waitFor();

    // In Russian the console's words and the server's reason (Accept-Language) are both Russian.
    await page.goto(`${app.base}/courses/${courseId}?lang=ru`);
    await page.getByRole('button', { name: 'Отметить фракцию 1 как проведённую' }).click();
    await page.getByRole('alert').filter({ hasText: 'Сервер отклонил запрос: Сеанс ещё не начался.' }).waitFor();
    await context.close();
  });

  it("a place another coordinator took a moment earlier: the move is refused with the server's reason, the dialog stays open", async () => {
    const mine = await seedScheduledCourse(app, { firstName: 'Gulnara', lastName: 'Raceova' }, { fractions: 3, earliestStart: dateAhead(30) });
    const theirs = await seedScheduledCourse(app, { firstName: 'Bolat', lastName: 'Otherov' }, { fractions: 3, earliestStart: dateAhead(30) });
    const alternatives = async (appointmentId: string) =>
      (await request(app.server).get(`/api/v1/appointments/${appointmentId}/alternatives?limit=10`).set('Authorization', app.auth.coordinator).expect(200))
        .body as Array<{ start: string; roomId: string; roomName: string; localTime: string }>;
    const mineSecond = mine.appointments.find((a) => a.fraction === 2)!;
    const theirsSecond = theirs.appointments.find((a) => a.fraction === 2)!;
    const myOptions = await alternatives(mineSecond.id);
    expect(myOptions.length).toBeGreaterThan(0);
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', `/login?next=%2Fcourses%2F${mine.courseId}`);
    await page.getByRole('button', { name: 'Move fraction 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move fraction 2/3' });
    await dialog.getByRole('list', { name: 'Valid places, best first' }).waitFor();
    // Meanwhile another coordinator moves their patient into one of the places offered here (the first that
    // suits their course; a refused try changes nothing).
    let shared: (typeof myOptions)[number] | undefined;
    for (const place of myOptions) {
      const res = await request(app.server)
        .post(`/api/v1/appointments/${theirsSecond.id}/move`)
        .set('Authorization', app.auth.admin)
        .send({ start: place.start, roomId: place.roomId, reason: 'race' });
      if (res.status === 200) {
        shared = place;
        break;
      }
    }
    if (!shared) throw new Error('no place offered to this course suits the other one; pick other dates');
    // The dialog lists the same places in the same order as the API.
    const option = dialog.getByRole('list', { name: 'Valid places, best first' }).getByRole('button').nth(myOptions.indexOf(shared));
    expect(await option.textContent()).toMatch(new RegExp(`${shared.localTime}, ${shared.roomName}$`));
    await option.click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^(Someone changed this at the same time|The server refused): \S/);
    await dialog.getByRole('button', { name: 'Close' }).waitFor();
    const after = (await request(app.server).get(`/api/v1/courses/${mine.courseId}/appointments`).set('Authorization', app.auth.coordinator).expect(200))
      .body as Array<{
      fraction: number;
      start: string;
    }>;
    expect(after.find((a) => a.fraction === 2)!.start).toBe(mineSecond.start);
    await context.close();
  });

  it('a course list filtered by status and searched by name, with paging state in the address', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', '/login?next=%2Fcourses');
    await page.getByLabel('Patient name or MRN').fill('Movov');
    await page.getByLabel('Status').selectOption('SCHEDULED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/status=SCHEDULED/);
    await page.getByRole('status').filter({ hasText: 'Courses found: 1' }).waitFor();
    await page.getByRole('link', { name: 'Erlan Movov' }).click();
    await page.getByRole('heading', { name: 'Course of Erlan Movov' }).waitFor();
    await context.close();
  });
});

async function countRows(app: ConsoleApp, sql: string): Promise<number> {
  const [row] = (await app.db.query(sql)) as Array<{ n: number }>;
  return row.n;
}
