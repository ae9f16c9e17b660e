import { formatDate } from '../time/civil-day';
import { band } from './percentile';
import type { PreparedForecast } from './simulate-run';
import { caseMix } from './arrival-model';
import type { ArrivalCategory, ForecastResult, ForecastWeek, RunSummary } from './types';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Room minutes of the average arriving course: fractions x room minutes, weighted by the mix. */
function averageCourseMinutes(arrivals: ArrivalCategory[]): number {
  return caseMix(arrivals).reduce((m, x) => m + x.share * x.fractions * x.fractionMinutes, 0);
}

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
  const treated = runs.map((r) => r.coursesStarted * perYear);
  const courseMinutes = averageCourseMinutes(p.arrivals);
  const throughput = runs.map((r) => (courseMinutes > 0 ? (sum(r.bookedMinutes.map(sum)) / courseMinutes) * perYear : 0));
  return {
    seed: p.seed,
    runs: runs.length,
    horizonWeeks: p.horizonWeeks,
    from: p.grid.dates[0],
    to: formatDate(p.grid.firstMonday + 7 * p.horizonWeeks),
    weeks,
    year: {
      target: p.target,
      coursesTreated: band(treated, 1),
      throughputPerYear: band(throughput, 1),
      probabilityReachingTarget: Number((treated.filter((t) => t >= p.target).length / Math.max(1, runs.length)).toFixed(3)),
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
    },
    arrivalsPerWeek: p.arrivals.map((a) => ({ key: a.key, ratePerWeek: Number(a.ratePerWeek.toFixed(3)) })),
    rooms,
  };
}
