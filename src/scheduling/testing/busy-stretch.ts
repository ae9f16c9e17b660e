/**
 * Courses that book the demo center full: the forecast's own arrival process (default case mix)
 * from March 2027, for specs that need days the allocator filled as it does in production.
 */
import { defaultArrivals, drawArrivals, prepareForecast, runRng, toCourseRequest } from '../forecast';
import type { CenterConfig, CourseRequest } from '../types';

export function busyStretch(center: CenterConfig, opts: { seed: number; weeks: number; perYear: number }): CourseRequest[] {
  const prepared = prepareForecast({
    center,
    existing: [],
    now: '2027-03-01T00:00:00+05:00',
    horizonWeeks: opts.weeks,
    runs: 1,
    seed: opts.seed,
    arrivals: defaultArrivals(opts.perYear),
  });
  return drawArrivals(prepared, runRng(opts.seed, 0), 0).map((a) => toCourseRequest(prepared, a));
}
