import { formatDate } from '../time/civil-day';
import { band, percentile } from './percentile';
import type { PreparedForecast } from './simulate-run';
import type { ForecastResult, ForecastWeek, RunSummary } from './types';

/** Percentile bands across runs (waits pooled over courses); runs are ordered by index first. */
export function aggregateRuns(p: PreparedForecast, summaries: RunSummary[]): ForecastResult {
  const runs = [...summaries].sort((a, b) => a.run - b.run);
  const rooms = p.grid.roomIds;
  const weeks: ForecastWeek[] = p.grid.dates.map((start, w) => {
    const open = p.grid.nominalOpen[w];
    const openTotal = open.reduce((a, b) => a + b, 0);
    const ratio = (x: number, d: number) => (d > 0 ? x / d : 0);
    const waits = runs.flatMap((r) => r.waits[w]);
    return {
      index: w,
      isoWeek: p.grid.isoWeeks[w],
      start,
      openMinutes: openTotal,
      utilization: band(
        runs.map((r) =>
          ratio(
            r.bookedMinutes[w].reduce((a, b) => a + b, 0),
            openTotal,
          ),
        ),
      ),
      rooms: Object.fromEntries(rooms.map((id, i) => [id, band(runs.map((r) => ratio(r.bookedMinutes[w][i], open[i])))])),
      queue: band(
        runs.map((r) => r.queue[w]),
        1,
      ),
      waitDays: { ...band(waits, 2), courses: waits.length },
      arrivals: band(
        runs.map((r) => r.arrivals[w]),
        1,
      ),
      starts: band(
        runs.map((r) => r.starts[w]),
        1,
      ),
    };
  });
  const perYear = 52 / p.horizonWeeks;
  const share = (xs: number[], ok: (x: number) => boolean) => Number((xs.filter(ok).length / Math.max(1, xs.length)).toFixed(3));
  const started = runs.map((r) => r.coursesStarted);
  const startedPerYear = started.map((n) => n * perYear);
  // The rest of the year is only known when the horizon reaches 31 December.
  const coversYear = p.grid.bounds[p.grid.bounds.length - 1] >= p.yearEndMin;
  const totals = runs.map((r) => p.startedThisYear + r.startedRestOfYear);
  return {
    seed: p.seed,
    runs: runs.length,
    horizonWeeks: p.horizonWeeks,
    from: p.grid.dates[0],
    to: formatDate(p.grid.firstMonday + 7 * p.horizonWeeks),
    headline: {
      target: p.target,
      coursesStarted: band(started, 1),
      coursesStartedPerYear: band(startedPerYear, 1),
      probabilityReachingTarget: share(startedPerYear, (n) => n >= p.target),
      currentYear: coversYear
        ? {
            year: p.year,
            startedToDate: p.startedThisYear,
            restOfYear: band(
              runs.map((r) => r.startedRestOfYear),
              1,
            ),
            total: band(totals, 1),
            probabilityReachingTarget: share(totals, (n) => n >= p.target),
          }
        : null,
    },
    weeks,
    year: {
      arrivalsPerYear: band(
        runs.map((r) => r.arrivalsTotal * perYear),
        1,
      ),
      unschedulable: band(
        runs.map((r) => r.unschedulable),
        1,
      ),
      lateStarts: band(
        runs.map((r) => r.lateStarts),
        1,
      ),
      waitDays: band(
        runs.flatMap((r) => r.waits.flat()),
        2,
      ),
      medianWaitDays: band(
        runs.map((r) => percentile(r.waits.flat(), 0.5)),
        2,
      ),
      queueAtEnd: band(
        runs.map((r) => r.queue[r.queue.length - 1] ?? 0),
        1,
      ),
    },
    arrivalsPerWeek: p.arrivals.map((a) => ({ key: a.key, ratePerWeek: Number(a.ratePerWeek.toFixed(3)) })),
    rooms,
  };
}
