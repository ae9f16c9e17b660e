/** Monte Carlo capacity forecast on top of the live allocator (pure: seed and `now` passed in). */
export * from './types';
export { mulberry32, runRng, poisson, weightedIndex } from './rng';
export type { Rng } from './rng';
export { percentile, band } from './percentile';
export { defaultArrivals, estimateArrivals, quotaArrivals, scaleArrivals, caseMix, categoryKey } from './arrival-model';
export type { SubmissionRecord } from './arrival-model';
export { applyCenterChanges } from './center-changes';
export { buildWeekGrid, weekIndexOf, isoWeekLabel } from './week-grid';
export type { WeekGrid } from './week-grid';
export { prepareForecast, MAX_RUNS, MAX_HORIZON_WEEKS } from './prepare-forecast';
export { simulateRun, drawArrivals, toCourseRequest } from './simulate-run';
export type { PreparedForecast, SimulatedArrival } from './simulate-run';
export { aggregateRuns } from './aggregate-runs';
export { runForecast } from './run-forecast';
export type { RunForecastOptions, ForecastProgress } from './run-forecast';
