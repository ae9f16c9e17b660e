import request from 'supertest';
import { ConsoleApp, dateAhead, newPage, seriousA11yViolations, signIn, startConsoleApp } from '../support/console-app';

interface ForecastApi {
  status: string;
  result?: {
    headline: { target: number; coursesStartedPerYear: { p10: number; p50: number; p90: number }; probabilityReachingTarget: number };
    meta: { scenario: string };
  };
}

describe('console in Chromium: forecasts (form with what-ifs by room name, past list, chart, side by side)', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsoleApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const finished = async (id: string): Promise<ForecastApi> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const body = (await request(app.server).get(`/api/v1/forecasts/${id}`).set('Authorization', app.auth.admin).expect(200)).body as ForecastApi;
      if (body.status === 'DONE') return body;
      if (body.status === 'FAILED' || Date.now() > deadline) throw new Error(`forecast ${id} is ${body.status}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };

  it('starts a forecast with a room downtime chosen by name, shows its headline, figures and chart, lists it with its inputs, and compares two', async () => {
    const { context, page } = await newPage(app);
    await signIn(page, app.base, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecasts' }).click();
    await page.getByRole('heading', { name: 'New forecast' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Horizon (weeks)').fill('4');
    await page.getByLabel('Runs', { exact: true }).fill('3');
    await page.getByLabel('Seed', { exact: true }).fill('7');
    await page.getByLabel('Extra gantry rooms').fill('1');
    await page.getByLabel('Downtime of').selectOption({ label: 'G2' });
    await page.getByLabel('Downtime from').fill(dateAhead(7));
    await page.getByLabel('Downtime until').fill(dateAhead(14));
    await page.getByRole('button', { name: 'Start the forecast' }).click();
    await page.waitForURL(/\/forecasts\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const done = await finished(id);
    const y = done.result!.headline;

    // The stored request names the room by id; the page shows it by name.
    const [g2] = (await app.db.query(`SELECT id FROM rooms WHERE name = 'G2'`)) as Array<{ id: string }>;
    const [stored] = (await app.db.query(`SELECT input FROM forecasts WHERE id = $1`, [id])) as Array<{
      input: { changes: { downtimes: Array<{ roomId: string }> } };
    }>;
    expect(stored.input.changes.downtimes[0].roomId).toBe(g2.id);

    const headline = page.getByTestId('forecast-headline');
    await headline.waitFor({ timeout: 30_000 });
    expect(await headline.textContent()).toBe(
      `Courses started per year: ${Math.round(y.coursesStartedPerYear.p50)} (likely ${Math.round(y.coursesStartedPerYear.p10)}–${Math.round(y.coursesStartedPerYear.p90)}) against the target of ${y.target}; ${Math.round(100 * y.probabilityReachingTarget)} % of runs reach it.`,
    );
    const chart = page.getByRole('img', { name: /^Chart of the forecast from / });
    await chart.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('img.chart') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    // The scenario the chart and the page show, rooms by name.
    expect(done.result!.meta.scenario).toMatch(/^\+1 room\(s\), G2 down /);
    expect(await page.getByTestId('forecast-scenario').textContent()).toBe(`Scenario: ${done.result!.meta.scenario}`);
    await page.getByText('The median wait from submission to first fraction within one run, across runs.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A second forecast (through the API), then both side by side from the list.
    const second = (
      await request(app.server).post('/api/v1/forecasts').set('Authorization', app.auth.admin).send({ horizonWeeks: 4, runs: 3, seed: 8 }).expect(202)
    ).body.id as string;
    await finished(second);
    await page.getByRole('link', { name: 'All forecasts' }).click();
    const list = page.getByRole('table', { name: /^Forecasts, newest first/ });
    await list.getByRole('row', { name: /4 weeks, 3 runs, seed 7; \+1 gantry rooms; G2 down / }).waitFor();
    await list.getByRole('row', { name: /4 weeks, 3 runs, seed 8/ }).waitFor();
    for (const box of await list.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Compare the two chosen' }).click();
    await page.getByRole('heading', { name: 'Two forecasts side by side' }).waitFor();
    await page.getByTestId(`forecast-${id}`).getByTestId('forecast-headline').waitFor();
    await page.getByTestId(`forecast-${second}`).getByTestId('forecast-headline').waitFor();
    expect(await page.getByRole('img', { name: /^Chart of the forecast from / }).count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
