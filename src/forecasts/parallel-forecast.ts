import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { aggregateRuns, prepareForecast, runForecast } from '../scheduling';
import type { ForecastProgress, ForecastInput, ForecastResult, RunSummary } from '../scheduling';

export interface ParallelOptions {
  /**
   * Worker threads; 0 runs inline on this thread, yielding between runs. Even 1 thread keeps this
   * event loop free (an API in the same process stays responsive while a forecast runs).
   */
  threads: number;
  onProgress?: (progress: ForecastProgress) => void | Promise<void>;
  /** Aborting stops the threads (or the inline loop) and rejects with ForecastAborted. */
  signal?: AbortSignal;
}

/** The forecast was stopped from outside (a worker shutting down), not by bad input or a bug. */
export class ForecastAborted extends Error {
  constructor() {
    super('the forecast was stopped before it finished');
    this.name = 'ForecastAborted';
  }
}

// The worker entry is TypeScript under ts-node (CLI, bench, jest) and JavaScript in a build.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require('ts-node').register({ transpileOnly: true });
require(workerData.entry);
`;

function workerEntry(): string {
  const ts = join(__dirname, 'forecast-runs.worker.ts');
  return existsSync(ts) && __filename.endsWith('.ts') ? ts : join(__dirname, 'forecast-runs.worker.js');
}

/**
 * The same forecast as runForecast, with runs spread over worker threads. Runs are independent and
 * seeded by (seed, run index), so the result does not depend on the thread count.
 */
export async function runForecastParallel(input: ForecastInput, options: ParallelOptions): Promise<ForecastResult> {
  const threads = Math.max(0, Math.min(options.threads, input.runs));
  const { signal } = options;
  if (signal?.aborted) throw new ForecastAborted();
  if (threads === 0) {
    return runForecast(input, {
      onProgress: options.onProgress,
      pause: async () => {
        await new Promise((r) => setImmediate(r));
        if (signal?.aborted) throw new ForecastAborted();
      },
    });
  }
  const prepared = prepareForecast(input); // validates before any thread starts
  const shares: number[][] = Array.from({ length: threads }, () => []);
  for (let run = 0; run < prepared.runs; run++) shares[run % threads].push(run);

  const summaries: RunSummary[] = [];
  const workers: Worker[] = [];
  // Progress callbacks run one after another so a reporter never writes 0.5 after 0.55.
  let progressChain: Promise<void> = Promise.resolve();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ForecastAborted());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined); // observed by the race below; never an unhandled rejection
  try {
    const finished = Promise.all(
      shares.map(
        (runs) =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: workerEntry(), input, runs } });
            workers.push(worker);
            worker.on('message', (message: { summary?: RunSummary; done?: boolean }) => {
              if (message.summary) {
                summaries.push(message.summary);
                const progress = { done: summaries.length, total: prepared.runs };
                progressChain = progressChain.then(async () => {
                  await options.onProgress?.(progress);
                });
              }
              if (message.done) resolve();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`forecast worker exited with code ${code}`))));
          }),
      ),
    );
    finished.catch(() => undefined); // an abort wins the race; the threads' own errors are then moot
    await Promise.race([finished, aborted]);
    await progressChain;
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (summaries.length !== prepared.runs) throw new Error(`forecast workers returned ${summaries.length} of ${prepared.runs} runs`);
  return aggregateRuns(prepared, summaries);
}
