import { defaultArrivals, demoCenter } from '../src/scheduling';
import type { ForecastInput } from '../src/scheduling';

/**
 * What the forecast benches simulate: the demo center from an empty schedule, the default case mix at
 * `rate` courses a year, from the first Monday of 2027 (1 January is a Friday and a holiday).
 */
export function demoForecastInput(runs: number, weeks: number, seed: number, rate: number): ForecastInput {
  return { center: demoCenter(), existing: [], now: '2027-01-04T00:00:00+05:00', horizonWeeks: weeks, runs, seed, arrivals: defaultArrivals(rate) };
}
