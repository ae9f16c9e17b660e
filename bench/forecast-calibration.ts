/**
 * npm run bench:forecast-calibration — the forecast's calibration measured by a back-test
 * (src/scheduling/forecast/back-test.ts): for each seed 26 weeks of history from a known arrival
 * process, Beamtime's estimate and forecast of the next weeks, and those weeks realized by the
 * live allocator on a fresh draw (every other seed's rate drifting ±10 %). Prints JSON: coverage of
 * the p10–p90 band (goal 0.8 ± 0.1) and the p50's mean absolute error, overall and with/without drift.
 * Options: --seeds 20 --weeks 26 --runs 40 --threads <cores> --certain-rates (forecast as if the
 * estimated rates were exact: no per-run rate draws, to measure how much of the coverage they buy)
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runForecastParallel } from '../src/forecasts/parallel-forecast';
import { backTestCase, backTestCases, calibrationTable, demoCenter, DEFAULT_RATE_DRIFT } from '../src/scheduling';
import type { BackTestOutcome } from '../src/scheduling';
import { numberArg } from './cli-args';

async function main(): Promise<void> {
  const seeds = numberArg('seeds', 20);
  const weeks = numberArg('weeks', 26);
  const runs = numberArg('runs', 40);
  const threads = numberArg('threads', availableParallelism());
  const started = performance.now();
  const outcomes: BackTestOutcome[] = [];
  // A Monday in 2027 without holidays around it; the history runs the 26 weeks before it.
  const certainRates = process.argv.includes('--certain-rates');
  for (const c of backTestCases(demoCenter(), '2027-07-05T00:00:00+05:00', seeds, weeks, runs)) {
    c.certainRates = certainRates;
    outcomes.push(await backTestCase(c, (input) => runForecastParallel(input, { threads })));
    process.stderr.write(`  seed ${c.seed} done\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    JSON.stringify(
      {
        bench: 'forecast-calibration',
        seeds,
        historyWeeks: 26,
        horizonWeeks: weeks,
        runsPerForecast: runs,
        rateDrift: certainRates ? 0 : DEFAULT_RATE_DRIFT,
        certainRates,
        threads,
        wallSeconds: Number(seconds.toFixed(1)),
        goal: 'coverage 0.8 ± 0.1',
        all: calibrationTable(outcomes),
        withoutDrift: calibrationTable(outcomes.filter((o) => o.drift === 1)),
        withDrift: calibrationTable(outcomes.filter((o) => o.drift !== 1)),
        perSeed: outcomes.map((o) => ({
          seed: o.seed,
          drift: o.drift,
          coursesStarted: o.coursesStarted,
          medianWaitDays: o.medianWaitDays,
          utilizationCoverage: Number(
            (o.utilization.filter((u) => u.realized >= u.band.p10 && u.realized <= u.band.p90).length / o.utilization.length).toFixed(2),
          ),
        })),
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
