import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

const WORKER_FILE = 'vega-render.worker.mjs';

/** The .mjs worker sits beside this file in src; a compiled build (dist) falls back to the source tree. */
function workerPath(): string {
  const beside = join(__dirname, WORKER_FILE);
  if (existsSync(beside)) return beside;
  return resolve(__dirname, '../../../src/charts', WORKER_FILE);
}

/** Renders a Vega-Lite spec to an SVG string in a short-lived worker thread. */
export function renderVegaLiteSvg(spec: object, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(workerPath(), { workerData: { spec } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`chart rendering timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    worker.once('message', (message: { svg?: string; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.svg) resolvePromise(message.svg);
      else reject(new Error(`chart rendering failed: ${message.error ?? 'no output'}`));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
