import { aggregateRuns } from './aggregate-runs';
import { prepareForecast } from './prepare-forecast';
import { simulateRun } from './simulate-run';
import type { ForecastInput, ForecastResult, RunSummary } from './types';

export interface ForecastProgress {
  done: number;
  total: number;
}

export interface RunForecastOptions {
  /** Called after every run; awaited, so a slow reporter throttles the simulation instead of piling up. */
  onProgress?: (progress: ForecastProgress) => void | Promise<void>;
  /**
   * Hands the event loop back between runs. A run is synchronous CPU work; without this a BullMQ
   * worker could not renew its job lock and the job would be taken as stalled and run twice.
   * The caller supplies it (e.g. setImmediate) so the core stays free of runtime specifics.
   */
  pause?: () => Promise<void>;
}

/** The whole Monte Carlo forecast on one thread, yielding between runs. */
export async function runForecast(input: ForecastInput, options: RunForecastOptions = {}): Promise<ForecastResult> {
  const prepared = prepareForecast(input);
  const summaries: RunSummary[] = [];
  for (let run = 0; run < prepared.runs; run++) {
    summaries.push(simulateRun(prepared, run));
    await options.onProgress?.({ done: run + 1, total: prepared.runs });
    if (options.pause) await options.pause();
  }
  return aggregateRuns(prepared, summaries);
}
