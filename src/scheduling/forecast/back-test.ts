import { createPlanner, FORECAST_PLANNER_OPTIONS } from '../allocation/planner';
import { parseInstant } from '../time/zone';
import type { CenterConfig } from '../types';
import { aggregateRuns } from './aggregate-runs';
import { DEFAULT_RATE_DRIFT, defaultArrivals, estimateArrivals, type SubmissionRecord } from './arrival-model';
import { prepareForecast } from './prepare-forecast';
import { runRng } from './rng';
import { drawArrivals, simulateRun, toCourseRequest } from './simulate-run';
import type { Band, ForecastInput, ForecastResult } from './types';

/** One seed of the back-test: the history's true process, and what happened next. */
export interface BackTestCase {
  seed: number;
  center: CenterConfig;
  /** Monday the forecast starts on (center-local midnight, with offset). */
  now: string;
  historyWeeks: number;
  horizonWeeks: number;
  runs: number;
  /** Courses a year of the known arrival process (the default case mix). */
  ratePerYear: number;
  /** The future's rate relative to the history's (1.1 = +10 %), which the history does not show. */
  drift: number;
  /**
   * Forecast as if the estimated rates were exact: no per-run rate draws (no drift allowance, no
   * 1/√n per category). Only to measure how much of the coverage those draws buy.
   */
  certainRates?: boolean;
}

export interface BackTestOutcome {
  seed: number;
  drift: number;
  /** [band, realized] per week: room utilization of the whole center. */
  utilization: Array<{ band: Band; realized: number }>;
  coursesStarted: { band: Band; realized: number };
  medianWaitDays: { band: Band; realized: number };
}

export type Forecaster = (input: ForecastInput) => Promise<ForecastResult>;

const WEEK = 7 * 1440;

/**
 * Plays the role of history for one seed. The center lives `historyWeeks` through arrivals drawn
 * from a known process, allocated by the forecast's allocator (the live one without shifts); Beamtime then estimates its inputs from
 * those submissions as production does (estimateArrivals, DEFAULT_RATE_DRIFT) and forecasts the
 * next `horizonWeeks`; finally those weeks are realized by the same allocator on a fresh draw from
 * the known process, its rate times `drift`. Seeds and instants are arguments: pure.
 */
export async function backTestCase(c: BackTestCase, forecast: Forecaster): Promise<BackTestOutcome> {
  const trueArrivals = defaultArrivals(c.ratePerYear);
  const nowMin = parseInstant(c.now);
  const historyStart = new Date((nowMin - c.historyWeeks * WEEK) * 60_000).toISOString();
  // History: an empty center at historyStart, then every arrival in order, as the live worker does.
  const past = prepareForecast({
    center: c.center,
    existing: [],
    now: historyStart,
    horizonWeeks: c.historyWeeks,
    runs: 1,
    seed: c.seed * 7919 + 17,
    arrivals: trueArrivals,
  });
  const planner = createPlanner(past.center, [], FORECAST_PLANNER_OPTIONS);
  const history: SubmissionRecord[] = [];
  for (const a of drawArrivals(past, runRng(past.seed, 0), 0)) {
    if (a.at >= nowMin) break;
    const course = toCourseRequest(past, a);
    history.push(course);
    planner.allocate(course, { now: course.arrival, horizonWeeks: past.allocationHorizonWeeks });
  }
  // As the forecast worker reads the live schedule: BOOKED appointments not yet over.
  const existing = planner.bookings().filter((b) => parseInstant(b.end) > nowMin);

  const result = await forecast({
    center: c.center,
    existing,
    now: c.now,
    horizonWeeks: c.horizonWeeks,
    runs: c.runs,
    seed: c.seed,
    arrivals: estimateArrivals(history, c.historyWeeks).map((a) => (c.certainRates ? { ...a, observed: 0 } : a)),
    rateDrift: c.certainRates ? 0 : DEFAULT_RATE_DRIFT,
  });

  // The future as it happens: one draw of the true (possibly drifted) process, same allocator.
  const truth = prepareForecast({
    center: c.center,
    existing,
    now: c.now,
    horizonWeeks: c.horizonWeeks,
    runs: 1,
    seed: c.seed * 104_729 + 3,
    arrivals: trueArrivals.map((a) => ({ ...a, ratePerWeek: a.ratePerWeek * c.drift })),
  });
  const realized = aggregateRuns(truth, [simulateRun(truth, 0)]);
  return {
    seed: c.seed,
    drift: c.drift,
    utilization: result.weeks.map((w, i) => ({ band: w.utilization, realized: realized.weeks[i].utilization.p50 })),
    coursesStarted: { band: result.headline.coursesStarted, realized: realized.headline.coursesStarted.p50 },
    medianWaitDays: { band: result.year.medianWaitDays, realized: realized.year.medianWaitDays.p50 },
  };
}

export interface CalibrationFigure {
  /** Share of realized values inside the forecast's p10–p90 band (well calibrated: 0.8 ± 0.1). */
  coverage: number;
  /** Mean absolute difference between the forecast's p50 and the realized value. */
  maeP50: number;
  /** Share of realized values below p10 and above p90 (which way the misses go). */
  below: number;
  above: number;
  n: number;
}

function figure(pairs: Array<{ band: Band; realized: number }>): CalibrationFigure {
  const n = pairs.length;
  const count = (ok: (p: { band: Band; realized: number }) => boolean) => pairs.filter(ok).length / Math.max(1, n);
  const r = (x: number) => Number(x.toFixed(3));
  return {
    coverage: r(count((p) => p.realized >= p.band.p10 && p.realized <= p.band.p90)),
    maeP50: r(pairs.reduce((s, p) => s + Math.abs(p.band.p50 - p.realized), 0) / Math.max(1, n)),
    below: r(count((p) => p.realized < p.band.p10)),
    above: r(count((p) => p.realized > p.band.p90)),
    n,
  };
}

/** Coverage and p50 error of the three figures over all seeds (utilization over every seed-week). */
export function calibrationTable(outcomes: BackTestOutcome[]): Record<'weeklyUtilization' | 'coursesStarted' | 'medianWaitDays', CalibrationFigure> {
  return {
    weeklyUtilization: figure(outcomes.flatMap((o) => o.utilization)),
    coursesStarted: figure(outcomes.map((o) => o.coursesStarted)),
    medianWaitDays: figure(outcomes.map((o) => o.medianWaitDays)),
  };
}

/** The back-test's seeds: rates around the center's capacity; every other seed's future drifts ±10 %. */
export function backTestCases(center: CenterConfig, now: string, seeds: number, horizonWeeks: number, runs: number, historyWeeks = 26): BackTestCase[] {
  return Array.from({ length: seeds }, (_, i) => ({
    seed: i + 1,
    center,
    now,
    historyWeeks,
    horizonWeeks,
    runs,
    ratePerYear: 680 + ((i * 37) % 160),
    drift: i % 2 === 0 ? 1 : i % 4 === 1 ? 1.1 : 0.9,
  }));
}
