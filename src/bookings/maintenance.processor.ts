import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../queue/outage-log';
import { AppConfig } from '../config/app-config';
import { JobRepository } from '../queue/job.repository';
import { QUEUES } from '../queue/queue-names';
import { ReconcileReport, ReconcileService } from './reconcile.service';
import { AllocationService, EarlyStartReport } from './allocation/allocation.service';

export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER_ID = 'reconcile-every';
export const EARLY_STARTS_JOB = 'early-starts';
export const EARLY_STARTS_SCHEDULER_ID = 'early-starts-every';

/** An early-starts job may name the instant it offers for (operators, tests); by default, now. */
export interface EarlyStartsJobData {
  now?: string;
}

/**
 * The maintenance queue's worker (one processor per queue: BullMQ hands a job to any worker of
 * its queue): the reconciler and the early-start offers, each from its own BullMQ job scheduler,
 * so with several worker processes one pass runs per interval cluster-wide. Schedulers live in
 * Redis: a Redis that restarts empty forgets them, so each worker re-upserts them (idempotent) on
 * the same interval.
 */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }
  private readonly stopSchedulers: Array<() => void> = [];

  constructor(
    private readonly reconciler: ReconcileService,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
    private readonly allocation: AllocationService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.get('RECONCILER_ENABLED') === 'true') {
      const every = this.config.get('RECONCILER_EVERY_MS');
      this.stopSchedulers.push(this.jobs.keepScheduler(QUEUES.maintenance, RECONCILE_SCHEDULER_ID, RECONCILE_JOB, every));
    }
    if (this.config.get('EARLY_STARTS_ENABLED') === 'true') {
      const every = this.config.get('EARLY_STARTS_EVERY_MS');
      this.stopSchedulers.push(this.jobs.keepScheduler(QUEUES.maintenance, EARLY_STARTS_SCHEDULER_ID, EARLY_STARTS_JOB, every));
    }
  }

  onApplicationShutdown(): void {
    for (const stop of this.stopSchedulers) stop();
  }

  async process(job: Job<EarlyStartsJobData>): Promise<ReconcileReport | EarlyStartReport | undefined> {
    if (job.name === RECONCILE_JOB) return this.reconciler.run();
    if (job.name === EARLY_STARTS_JOB) return this.allocation.offerEarlierStarts(job.data?.now ? new Date(job.data.now) : new Date());
    return undefined;
  }
}
