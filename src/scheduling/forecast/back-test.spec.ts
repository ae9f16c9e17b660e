import { demoCenter } from '../defaults/demo-center';
import { backTestCase, backTestCases, calibrationTable, type BackTestOutcome } from './back-test';
import { runForecast } from './run-forecast';

/**
 * The CI-sized back-test: 5 seeds, 8 forecast weeks (the full 20-seed one is
 * `npm run bench:forecast-calibration`). It fails when the forecast's p10–p90 bands hold fewer
 * than half of what then happened: a model that has gone badly overconfident or biased.
 */
describe('forecast calibration (back-test, 5 seeds × 8 weeks after 12 weeks of history)', () => {
  let outcomes: BackTestOutcome[] = [];

  beforeAll(async () => {
    outcomes = [];
    // 12 weeks of history rather than production's 26 keep this test short; the bench uses 26.
    for (const c of backTestCases(demoCenter(), '2027-07-05T00:00:00+05:00', 5, 8, 8, 12)) outcomes.push(await backTestCase(c, (input) => runForecast(input)));
  }, 900_000);

  it('covers the realized weekly utilization, courses started and median wait at least half of the time', () => {
    const table = calibrationTable(outcomes);
    expect(table.weeklyUtilization.n).toBe(40);
    expect(table.weeklyUtilization.coverage).toBeGreaterThanOrEqual(0.5);
    expect(table.coursesStarted.coverage).toBeGreaterThanOrEqual(0.5);
    expect(table.medianWaitDays.coverage).toBeGreaterThanOrEqual(0.5);
  });

  it('measures against a future the history does not show in some seeds', () => {
    expect(outcomes.map((o) => o.drift)).toEqual([1, 1.1, 1, 0.9, 1]);
    // The realized figures are the allocator's, not the forecast's own p50 echoed back.
    expect(outcomes.some((o) => o.coursesStarted.realized !== o.coursesStarted.band.p50)).toBe(true);
  });
});
