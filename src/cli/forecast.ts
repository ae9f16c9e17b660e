/**
 * Offline forecast (no servers): npm run forecast -- <scenario.json> [--weeks 52] [--runs 200]
 *   [--seed 7] [--out dir] [--threads 2] [--extra-rooms n] [--saturday 08:00-16:00] [--demand-scale x]
 *   [--rate N courses/year]
 * The scenario file (SPEC §8) gives the center; its courses are the history the weekly arrival
 * rates are estimated from (unless --rate asks for the default mix at N a year). With --from
 * inside the scenario, only the courses before it are history, and they are planned first so the
 * forecast starts from a realistic schedule instead of an empty center. Writes forecast.json and
 * forecast.svg into --out (default: current directory).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { forecastChartSpec } from '../charts/forecast-chart';
import { renderVegaLiteSvg } from '../charts/svg-renderer';
import { runForecastParallel } from '../forecasts/parallel-forecast';
import {
  defaultArrivals,
  estimateArrivals,
  scenarioCourses,
  scenarioToCenter,
  parseDate,
  formatInstant,
  localToEpochMin,
  parseInstant,
  createPlanner,
  FORECAST_PLANNER_OPTIONS,
  describeHeadline,
  scenarioLabel,
  DEFAULT_RATE_DRIFT,
  formatDate,
  dayNumOf,
} from '../scheduling';
import type { ForecastChanges, ForecastInput, Booking } from '../scheduling';
import { readScenario } from './read-scenario';

const USAGE =
  'usage: npm run forecast -- <scenario.json> [--weeks 52] [--runs 200] [--seed 7] [--out dir] [--threads n]\n' +
  '       [--extra-rooms n] [--saturday HH:MM-HH:MM] [--demand-scale x] [--rate coursesPerYear] [--from YYYY-MM-DD]\n';

interface Args {
  file: string;
  weeks: number;
  runs: number;
  seed: number;
  out: string;
  threads: number;
  from?: string;
  rate?: number;
  changes: ForecastChanges;
}

function parseArgs(argv: string[]): Args | string {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return `missing value for ${argv[i]}`;
      flags.set(argv[i].slice(2), value);
      i++;
    } else positional.push(argv[i]);
  }
  const known = ['weeks', 'runs', 'seed', 'out', 'threads', 'extra-rooms', 'saturday', 'demand-scale', 'rate', 'from'];
  const unknown = [...flags.keys()].find((k) => !known.includes(k));
  if (unknown) return `unknown option --${unknown}`;
  if (positional.length !== 1) return 'exactly one scenario file is expected';
  const int = (name: string, fallback: number, min: number, max: number): number | string => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? n : `--${name} must be an integer in ${min}..${max}`;
  };
  const weeks = int('weeks', 52, 1, 104);
  const runs = int('runs', 200, 1, 2000);
  const seed = int('seed', 7, 0, 2 ** 31 - 1);
  const threads = int('threads', Math.min(availableParallelism(), 4), 0, 32);
  const extraRooms = int('extra-rooms', 0, 0, 10);
  for (const v of [weeks, runs, seed, threads, extraRooms]) if (typeof v === 'string') return v;
  const changes: ForecastChanges = {};
  if (extraRooms) changes.extraRooms = extraRooms as number;
  const saturday = flags.get('saturday');
  if (saturday) {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(saturday);
    if (!m || m[1] >= m[2]) return '--saturday must look like 08:00-16:00';
    changes.saturdayShift = [m[1], m[2]];
  }
  const scale = flags.get('demand-scale');
  if (scale !== undefined) {
    const x = Number(scale);
    if (!(x >= 0 && x <= 10)) return '--demand-scale must be a number in 0..10';
    changes.demandScale = x;
  }
  const rate = flags.get('rate');
  if (rate !== undefined && !(Number(rate) > 0)) return '--rate must be a positive number of courses per year';
  const from = flags.get('from');
  if (from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(from)) return '--from must be a YYYY-MM-DD date';
  return {
    file: positional[0],
    weeks: weeks as number,
    runs: runs as number,
    seed: seed as number,
    threads: threads as number,
    out: flags.get('out') ?? '.',
    from,
    rate: rate === undefined ? undefined : Number(rate),
    changes,
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  const read = readScenario(args.file);
  if ('error' in read) {
    process.stderr.write(`${read.error}\n`);
    return 2;
  }
  const { scenario } = read;
  const center = scenarioToCenter(scenario);
  const courses = scenarioCourses(scenario, center);
  const from = args.from ?? scenario.horizon.from;
  const nowMin = localToEpochMin(center.timeZone, parseDate(from), 0);
  // With --from inside the scenario, the courses that arrived before it are the history: they are
  // planned first (the live schedule the forecast starts from) and their rates drive the arrivals.
  // Without it the whole scenario is the history and the forecast starts from an empty center.
  const before = courses.filter((c) => parseInstant(c.arrival) < nowMin);
  const warm = args.from !== undefined && before.length > 0;
  const history = warm ? before : courses;
  const historyWeeks = warm
    ? Math.max(1, (nowMin - parseInstant(before[0].arrival)) / (7 * 1440))
    : Math.max(1, (parseDate(scenario.horizon.to) - parseDate(scenario.horizon.from) + 1) / 7);
  const existing: Booking[] = [];
  // As the service counts them: courses whose first fraction was given this year before `now`.
  let startedThisYear = 0;
  if (warm) {
    const planner = createPlanner(center, [], FORECAST_PLANNER_OPTIONS);
    for (const c of before) planner.allocate(c, { now: c.arrival });
    const yearStart = localToEpochMin(center.timeZone, dayNumOf(Number(formatDate(parseDate(from)).slice(0, 4)), 1, 1), 0);
    for (const b of planner.bookings()) {
      const s = parseInstant(b.start);
      if (parseInstant(b.end) > nowMin) existing.push(b);
      else if (b.fraction === 1 && s >= yearStart && s < nowMin) startedThisYear++;
    }
  }
  const arrivals = args.rate !== undefined || history.length === 0 ? defaultArrivals(args.rate ?? 800) : estimateArrivals(history, historyWeeks);
  const input: ForecastInput = {
    center,
    existing,
    now: formatInstant(center.timeZone, nowMin),
    horizonWeeks: args.weeks,
    runs: args.runs,
    seed: args.seed,
    arrivals,
    changes: args.changes,
    courses: warm ? before : [],
    startedThisYear,
    // As the service does: an estimated or default demand may drift; a rate given by --rate is taken as known.
    rateDrift: args.rate !== undefined ? 0 : DEFAULT_RATE_DRIFT,
  };
  const started = performance.now();
  let lastShown = 0;
  const result = await runForecastParallel(input, {
    threads: args.threads,
    onProgress: ({ done, total }) => {
      if (done === total || done - lastShown >= Math.max(1, Math.floor(total / 10))) {
        lastShown = done;
        process.stderr.write(`  ${done}/${total} runs\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  mkdirSync(args.out, { recursive: true });
  const jsonPath = join(args.out, 'forecast.json');
  const svgPath = join(args.out, 'forecast.svg');
  const meta = {
    scenario: args.file,
    arrivalSource: args.rate !== undefined ? 'default' : 'scenario',
    historyCourses: history.length,
    historyWeeks: Number(historyWeeks.toFixed(2)),
    existingBookings: existing.length,
    changes: args.changes,
  };
  writeFileSync(jsonPath, JSON.stringify({ ...result, meta }, null, 2) + '\n');
  writeFileSync(svgPath, await renderVegaLiteSvg(forecastChartSpec(result, `Capacity forecast: ${args.file}`, scenarioLabel(args.changes))));
  const y = result.year;
  const mid = result.weeks[Math.floor(result.weeks.length / 2)];
  process.stdout.write(
    [
      `Forecast ${result.from} → ${result.to}: ${result.runs} runs × ${result.horizonWeeks} weeks, seed ${result.seed} (${seconds.toFixed(1)} s, ${args.threads} threads)`,
      `Scenario: ${scenarioLabel(args.changes)}`,
      describeHeadline(result.headline, result.horizonWeeks),
      `Arrivals/year p50 ${y.arrivalsPerYear.p50}; late starts p50 ${y.lateStarts.p50}; queue at the end p50 ${y.queueAtEnd.p50}`,
      `Week ${mid.isoWeek}: utilization p50 ${(mid.utilization.p50 * 100).toFixed(1)} % (p90 ${(mid.utilization.p90 * 100).toFixed(1)} %), queue p50 ${mid.queue.p50}, wait p50 ${mid.waitDays.p50} d (p90 ${mid.waitDays.p90} d)`,
      `Wait to first fraction: p50 ${y.waitDays.p50} d, p90 ${y.waitDays.p90} d (all courses); median per run ${y.medianWaitDays.p50} d (p10–p90 ${y.medianWaitDays.p10}–${y.medianWaitDays.p90}); unschedulable p50 ${y.unschedulable.p50}`,
      `Written ${jsonPath} and ${svgPath}`,
    ].join('\n') + '\n',
  );
  return 0;
}

main(process.argv).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`forecast failed: ${error.message}\n`);
    process.exitCode = 1;
  },
);
