/**
 * npm run bench:forecast — wall time of a 200-run × 52-week Monte Carlo forecast at 800 courses a
 * year on the demo center (goal < 60 s on 2 cores), and a cross-check of the forecast against the
 * planner: for a sample of runs the same drawn arrivals are re-allocated by a fresh core planner
 * in a plain loop (the offline planner's path, `lastStartDate` = end of the year) and the courses
 * it starts in the year are compared with the forecast's p50; plus the planner on the core's own
 * generated 800-course year. Prints JSON.
 * Options: --runs 200 --weeks 52 --seed 7 --threads <cores> --rate 800 --sample 10 --compiled
 * (--compiled: the worker threads run the build, dist/, as they do in the service, instead of
 * compiling the core with ts-node in each thread; `npm run build` first.)
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { runForecastParallel as runFromSource } from '../src/forecasts/parallel-forecast';
import {
  createPlanner,
  FORECAST_PLANNER_OPTIONS,
  quantile as percentile,
  prepareForecast,
  runRng,
  drawArrivals,
  toCourseRequest,
  formatDate,
  runScenario,
  generateScenario,
} from '../src/scheduling';
import { demoForecastInput } from './demo-forecast-input';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
  return v;
}

async function main(): Promise<void> {
  const runs = arg('runs', 200);
  const weeks = arg('weeks', 52);
  const seed = arg('seed', 7);
  const threads = arg('threads', availableParallelism());
  const rate = arg('rate', 800);
  const sample = Math.min(arg('sample', 10), runs);
  const year = 2027;
  const input = demoForecastInput(runs, weeks, seed, rate);

  const t0 = performance.now();
  const runForecastParallel: typeof runFromSource = process.argv.includes('--compiled')
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(join(__dirname, '..', 'dist', 'forecasts', 'parallel-forecast')) as { runForecastParallel: typeof runFromSource }).runForecastParallel
    : runFromSource;
  const result = await runForecastParallel(input, { threads });
  const wallSeconds = (performance.now() - t0) / 1000;

  // The planner on the same arrivals as forecast runs 0..sample-1.
  const prepared = prepareForecast(input);
  const end = formatDate(prepared.grid.firstMonday + 7 * weeks);
  const endMin = prepared.grid.bounds[weeks];
  const plannerStarts: number[] = [];
  for (let run = 0; run < sample; run++) {
    const planner = createPlanner(prepared.center, [], FORECAST_PLANNER_OPTIONS);
    for (const a of drawArrivals(prepared, runRng(seed, run), run)) {
      const course = toCourseRequest(prepared, a);
      planner.allocate(course, { now: course.arrival, lastStartDate: end });
    }
    // Read back at the end: an emergency may have moved courses placed before it.
    const first = new Map<string, number>();
    for (const b of planner.bookings()) first.set(b.courseId, Math.min(first.get(b.courseId) ?? Infinity, Date.parse(b.start) / 60_000));
    const started = [...first.values()].filter((t) => t < endMin).length;
    plannerStarts.push(started * (52 / weeks));
  }

  // The planner on the scenario generator's 800-course year (a different arrival process).
  const scenario = generateScenario({ courses: rate, year, seed });
  const planned = runScenario(scenario);
  const firstByCourse = new Map<string, string>();
  for (const a of planned.plan.appointments) if (a.fraction === 1) firstByCourse.set(a.courseId, a.start);
  const generatedStarted = [...firstByCourse.values()].filter((s) => s.slice(0, 4) === String(year)).length;

  const steady = result.weeks.slice(8);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const plannerP50 = percentile(plannerStarts, 0.5);
  process.stdout.write(
    JSON.stringify(
      {
        bench: 'forecast',
        center: 'demo (3 gantries, shared beam, Mon-Fri 07:00-23:00)',
        demandPerYear: rate,
        runs,
        weeks,
        seed,
        threads,
        workerCode: process.argv.includes('--compiled') ? 'dist (as in the service)' : 'src through ts-node',
        cores: availableParallelism(),
        wallSeconds: round(wallSeconds, 2),
        msPerRun: round((wallSeconds * 1000 * Math.min(threads, runs)) / runs),
        goalSeconds: 60,
        withinGoal: wallSeconds < 60,
        forecast: {
          coursesStartedPerYear: result.headline.coursesStartedPerYear,
          arrivalsPerYear: result.year.arrivalsPerYear,
          probabilityReachingTarget: result.headline.probabilityReachingTarget,
          utilizationP50FromWeek9: round(mean(steady.map((w) => w.utilization.p50)), 3),
          waitDays: result.year.waitDays,
          unschedulable: result.year.unschedulable,
        },
        plannerOnSameArrivals: {
          sampledRuns: sample,
          coursesStartedPerYear: { p50: plannerP50, min: Math.min(...plannerStarts), max: Math.max(...plannerStarts) },
          forecastP50MinusPlannerP50: round(result.headline.coursesStartedPerYear.p50 - plannerP50),
        },
        plannerOnGeneratedYear: {
          courses: scenario.courses.length,
          startedInYear: generatedStarted,
          unscheduled: planned.plan.unscheduled.length,
          utilization: planned.plan.metrics.utilization,
        },
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
