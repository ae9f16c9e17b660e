import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../queue/outage-log';
import { QUEUES } from '../queue/queue-names';
import { RUN_FORECAST_JOB, RunForecastJobData } from './forecast-job';
import { ForecastRunnerService } from './forecast-runner.service';

/**
 * Runs forecasts one at a time (concurrency 1: a forecast saturates a core). The simulation yields
 * between runs so this worker keeps renewing its lock (STACK.md: bullmq#3078).
 */
@Processor(QUEUES.forecast, { concurrency: 1 })
export class ForecastProcessor extends WorkerHost {
  private readonly logger = new Logger(ForecastProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(private readonly runner: ForecastRunnerService) {
    super();
  }

  async process(job: Job<RunForecastJobData>): Promise<void> {
    if (job.name !== RUN_FORECAST_JOB) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.forecast}`);
      return;
    }
    await this.runner.run(job.data.forecastId, job);
  }
}
