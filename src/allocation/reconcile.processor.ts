import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from './outage-log';
import { AppConfig } from '../config/app-config';
import { JobRepository } from '../queue/job.repository';
import { QUEUES } from '../queue/queue-names';
import { ReconcileReport, ReconcileService } from './reconcile.service';

export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER_ID = 'reconcile-every';

/**
 * Runs the reconciler from a BullMQ job scheduler, so with several worker processes one pass
 * runs per interval cluster-wide. The scheduler lives in Redis: a Redis that restarts empty
 * forgets it, so each worker re-upserts it (idempotent) on the same interval.
 */
@Processor(QUEUES.maintenance)
export class ReconcileProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reconciler: ReconcileService,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.get('RECONCILER_ENABLED') !== 'true') return;
    const every = this.config.get('RECONCILER_EVERY_MS');
    void this.ensureScheduler(every);
    this.timer = setInterval(() => void this.ensureScheduler(every), every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async process(job: Job): Promise<ReconcileReport | undefined> {
    if (job.name !== RECONCILE_JOB) return undefined;
    return this.reconciler.run();
  }

  private async ensureScheduler(every: number): Promise<void> {
    try {
      const queue = this.jobs.queue(QUEUES.maintenance);
      await withTimeout(
        queue.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every }, { name: RECONCILE_JOB, opts: { removeOnComplete: 50, removeOnFail: 50 } }),
        2000,
      );
    } catch (error) {
      this.logger.debug?.(`reconcile scheduler not ensured: ${(error as Error).message}`);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
