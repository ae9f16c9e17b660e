import { ChildProcess } from 'node:child_process';
import { CenterSeedService } from '../../src/center/center-seed.service';
import { JobRepository } from '../../src/queue/job.repository';
import { JOBS, jobId } from '../../src/queue/jobs/job-catalog';
import { QUEUES } from '../../src/queue/queue-names';
import { startWorkerProcess, stopWorkerProcess } from '../support/worker-process';
import { createTestApp, TestApp } from '../support/test-app';
import { Api, apiFor, db, waitFor } from './scheduling-fixtures';

/**
 * A forecast can run for minutes. A worker told to stop must not sit on it until the
 * orchestrator kills it: it stops the simulation, puts the job back in the queue and exits, and
 * the next worker runs the forecast again.
 */
describe('a worker given SIGTERM in the middle of a long forecast', () => {
  let t: TestApp;
  let api: Api;
  const workers: ChildProcess[] = [];
  const exitOf = (worker: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal })));

  beforeAll(async () => {
    t = await createTestApp({ role: 'api' }); // only the child processes run forecasts
    await t.app.get(CenterSeedService).ensureDemoCenter();
    api = await apiFor(t);
  });
  afterAll(async () => {
    for (const w of workers) await stopWorkerProcess(w);
    await t.close();
  });

  const forecastRow = async (id: string) =>
    (await db(t).query('SELECT status, progress FROM forecasts WHERE id = $1', [id]))[0] as { status: string; progress: number };

  it('hands the forecast back to the queue, exits within seconds, and another worker takes it up', async () => {
    // Far more runs than can finish during the test: it is certainly still running at SIGTERM.
    const id = (await api.post('/forecasts', { runs: 2000, horizonWeeks: 52, seed: 3 }, 'admin').expect(202)).body.id as string;
    const first = startWorkerProcess(t, { FORECAST_THREADS: '1' });
    workers.push(first);
    const exited = exitOf(first);
    // A worker process compiles the whole app with ts-node first: on a loaded 2-core machine that alone took ~85 s.
    await waitFor('the first worker to be simulating', async () => ((await forecastRow(id)).progress > 0 ? true : undefined), 240_000);

    const signalledAt = Date.now();
    first.kill('SIGTERM');
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    // Without the hand-back, BullMQ's close waits for the whole 2,000-run forecast.
    expect(Date.now() - signalledAt).toBeLessThan(20_000);

    expect(await forecastRow(id)).toEqual({ status: 'QUEUED', progress: 0 });
    const job = await t.app
      .get(JobRepository)
      .queue(QUEUES.forecast)
      .getJob(jobId(JOBS.runForecast, { forecastId: id }));
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsMade ?? 0).toBe(0);

    const second = startWorkerProcess(t, { FORECAST_THREADS: '1' });
    workers.push(second);
    await waitFor('the second worker to take the forecast up', async () => ((await forecastRow(id)).status === 'RUNNING' ? true : undefined), 240_000);
    second.kill('SIGKILL');
  }, 600_000);
});
