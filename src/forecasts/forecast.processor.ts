import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { WaitingError, type Job } from 'bullmq';
import { OutageLog } from '../common/outage-log';
import { DatabaseGate } from '../queue/database-gate';
import { HandlesJobs } from '../queue/jobs/handles-jobs.decorator';
import { JOBS, RunForecastJobData, workerSettings } from '../queue/jobs/job-catalog';
import { QUEUES } from '../queue/queue-names';
import { ForecastRunnerService } from './forecast-runner.service';
import { ForecastAborted } from './parallel-forecast';

/**
 * Runs forecasts one at a time (concurrency 1: a forecast saturates a core). The simulation yields
 * between runs so this worker keeps renewing its lock: a job whose lock lapses is stalled and may
 * run twice (taskforcesh/bullmq#3078).
 * On shutdown a running forecast is stopped and handed back to the queue at once: it can take
 * minutes, and BullMQ's close would otherwise wait for it (past any orchestrator's grace period).
 */
@Processor(QUEUES.forecast, { concurrency: 1, ...workerSettings(QUEUES.forecast) })
@HandlesJobs(JOBS.runForecast)
export class ForecastProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ForecastProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(
    private readonly runner: ForecastRunnerService,
    private readonly gate: DatabaseGate,
  ) {
    super();
  }

  private readonly running = new Set<AbortController>();

  /** Runs before BullMQ closes its workers (onApplicationShutdown), so their close finds no active forecast. */
  beforeApplicationShutdown(): void {
    for (const controller of this.running) controller.abort();
  }

  async process(job: Job<RunForecastJobData>, token?: string): Promise<void> {
    if (job.name !== JOBS.runForecast.name) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.forecast}`);
      return;
    }
    const controller = new AbortController();
    this.running.add(controller);
    try {
      await this.gate.run(job, token, () => this.runner.run(job.data.forecastId, job, new Date(), controller.signal));
    } catch (error) {
      if (!(error instanceof ForecastAborted) || !token) throw error;
      // BullMQ's documented way to put an active job back without counting a failed attempt.
      this.logger.log(`forecast ${job.data.forecastId} handed back to the queue: this worker is shutting down`);
      await job.moveToWait(token);
      throw new WaitingError();
    } finally {
      this.running.delete(controller);
    }
  }
}
