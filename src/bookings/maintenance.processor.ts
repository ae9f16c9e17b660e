import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../common/outage-log';
import { AppConfig } from '../config/app-config';
import { DatabaseGate } from '../queue/database-gate';
import { JobRepository } from '../queue/job.repository';
import { HandlesJobs } from '../queue/jobs/handles-jobs.decorator';
import { CompactDayJobData, EarlyStartsJobData, JOBS, workerSettings } from '../queue/jobs/job-catalog';
import { QUEUES } from '../queue/queue-names';
import { ReconcilerService } from '../queue/reconciler.service';
import { AllocationService, EarlyStartReport } from './allocation/allocation.service';
import { CompactionReport, CompactionService } from './allocation/compaction.service';

/**
 * The maintenance queue's worker (one processor per queue: BullMQ hands a job to any worker of
 * its queue): the reconciler's pass and the early-start offers, each from its own BullMQ job scheduler,
 * so with several worker processes one pass runs per interval cluster-wide. Schedulers live in
 * Redis: a Redis that restarts empty forgets them, so each worker re-upserts them (idempotent) on
 * the same interval.
 */
@Processor(QUEUES.maintenance, workerSettings(QUEUES.maintenance))
@HandlesJobs(JOBS.reconcile, JOBS.earlyStarts, JOBS.compactionNightly, JOBS.compactDay)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }
  private readonly stopSchedulers: Array<() => void> = [];

  constructor(
    private readonly reconciler: ReconcilerService,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
    private readonly allocation: AllocationService,
    private readonly gate: DatabaseGate,
    private readonly compaction: CompactionService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.get('RECONCILER_ENABLED') === 'true') {
      this.stopSchedulers.push(this.jobs.keepScheduler(JOBS.reconcile, this.config.get('RECONCILER_EVERY_MS')));
    }
    if (this.config.get('EARLY_STARTS_ENABLED') === 'true') {
      this.stopSchedulers.push(this.jobs.keepScheduler(JOBS.earlyStarts, this.config.get('EARLY_STARTS_EVERY_MS')));
    }
    if (this.config.get('COMPACTION_ENABLED') === 'true') {
      this.stopSchedulers.push(this.jobs.keepScheduler(JOBS.compactionNightly, this.config.get('COMPACTION_EVERY_MS')));
    }
  }

  onApplicationShutdown(): void {
    for (const stop of this.stopSchedulers) stop();
  }

  async process(
    job: Job<EarlyStartsJobData | CompactDayJobData>,
    token?: string,
  ): Promise<Record<string, number> | EarlyStartReport | CompactionReport | undefined> {
    if (job.name === JOBS.reconcile.name) return this.gate.run(job, token, () => this.reconciler.run());
    if (job.name === JOBS.compactionNightly.name) {
      // The date goes into the job id: however often the scheduler fires, a date is compacted once.
      const date = await this.gate.run(job, token, () => this.compaction.dateFor(new Date()));
      await this.jobs.enqueue(JOBS.compactDay, { date });
      return undefined;
    }
    if (job.name === JOBS.compactDay.name) {
      const data = job.data as CompactDayJobData;
      return this.gate.run(job, token, () => this.compaction.compact(data.date, data.now ? new Date(data.now) : new Date()));
    }
    if (job.name === JOBS.earlyStarts.name) {
      const data = job.data as EarlyStartsJobData | undefined;
      return this.gate.run(job, token, () => this.allocation.offerEarlierStarts(data?.now ? new Date(data.now) : new Date()));
    }
    return undefined;
  }
}
