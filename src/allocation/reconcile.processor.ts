import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../queue/outage-log';
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
  private stopScheduler?: () => void;

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
    this.stopScheduler = this.jobs.keepScheduler(QUEUES.maintenance, RECONCILE_SCHEDULER_ID, RECONCILE_JOB, every);
  }

  onApplicationShutdown(): void {
    this.stopScheduler?.();
  }

  async process(job: Job): Promise<ReconcileReport | undefined> {
    if (job.name !== RECONCILE_JOB) return undefined;
    return this.reconciler.run();
  }
}
