/**
 * Worker-thread side of the parallel forecast: simulates the run indices it is given and posts each
 * run's summary back. Pure computation; the main thread aggregates.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareForecast, simulateRun } from '../scheduling';
import type { ForecastInput } from '../scheduling';

interface RunsWorkerData {
  input: ForecastInput;
  runs: number[];
}

const data = workerData as RunsWorkerData;
const prepared = prepareForecast(data.input);
for (const run of data.runs) parentPort!.postMessage({ summary: simulateRun(prepared, run) });
parentPort!.postMessage({ done: true });
