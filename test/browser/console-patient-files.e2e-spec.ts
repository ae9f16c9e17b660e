import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seedScheduledCourse, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

describe('console in Chromium: the patient files on the course page', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('downloads the letter in the chosen language and the calendar; issues, shows once and revokes the subscription link', async () => {
    const seeded = await seedScheduledCourse(app, { firstName: 'Гүлнұр', lastName: 'Файлова' }, { fractions: 3, earliestStart: dateAhead(12) });
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'coordinator', `/login?next=/courses/${seeded.courseId}`);
    await page.getByRole('heading', { name: 'Files for the patient' }).waitFor();

    await page.getByLabel('Language of the files').selectOption('kk');
    const [letter] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the appointment letter (PDF)' }).click()]);
    expect(letter.suggestedFilename()).toBe(`letter-${seeded.courseId}-kk.pdf`);
    const [calendar] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the calendar (.ics)' }).click()]);
    expect(calendar.suggestedFilename()).toBe(`course-${seeded.courseId}.ics`);

    await page.getByTestId('calendar-link-status').filter({ hasText: 'No link is active.' }).waitFor();
    await page.getByRole('button', { name: 'Issue a link' }).click();
    const shown = page.getByLabel('Give this link to the patient now: it is shown only once.');
    await shown.waitFor();
    const url = new URL(await shown.inputValue());
    expect(url.searchParams.get('lang')).toBe('kk');
    await page.getByTestId('calendar-link-status').filter({ hasText: 'A link is active (issued by coordinator).' }).waitFor();
    const feed = await request(app.server).get(`${url.pathname}${url.search}`).expect(200);
    expect(feed.text).toContain('Протондық терапия');
    expect(await seriousA11yViolations(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke the link' }).click();
    await page.getByTestId('calendar-link-status').filter({ hasText: 'No link is active.' }).waitFor();
    await request(app.server).get(url.pathname).expect(404);
    await context.close();
  });
});
