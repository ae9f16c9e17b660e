import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { DatabaseGate } from '../queue/database-gate';
import { JobRepository } from '../queue/job.repository';
import { OutageLog } from '../common/outage-log';
import { HandlesJobs } from '../queue/jobs/handles-jobs.decorator';
import { ExpireHoldJobData, JOBS, workerSettings } from '../queue/jobs/job-catalog';
import { QUEUES } from '../queue/queue-names';
import { ExpireOutcome, ReservationsService } from './reservations.service';

/**
 * Expires holds: each reservation's delayed job fires at its expiresAt, and a periodic sweep
 * (a BullMQ job scheduler, so one pass runs cluster-wide) expires any overdue hold whose job was
 * lost — Redis flushed, enqueue failed while Redis was down. The sweep is off when
 * RECONCILER_ENABLED=false.
 * Own queue, so the maintenance queue's reconciler never sees these jobs.
 */
@Processor(QUEUES.quotaHolds, workerSettings(QUEUES.quotaHolds))
@HandlesJobs(JOBS.expireHold, JOBS.sweepHolds)
export class HoldExpiryProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly outage = new OutageLog(new Logger(HoldExpiryProcessor.name));
  private stopScheduler?: () => void;

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(
    private readonly reservations: ReservationsService,
    private readonly jobs: JobRepository,
    private readonly config: AppConfig,
    private readonly gate: DatabaseGate,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.get('RECONCILER_ENABLED') !== 'true') return;
    const every = this.config.get('QUOTA_HOLD_SWEEP_EVERY_MS');
    this.stopScheduler = this.jobs.keepScheduler(JOBS.sweepHolds, every, Math.max(every, 10_000));
  }

  onApplicationShutdown(): void {
    this.stopScheduler?.();
  }

  async process(job: Job, token?: string): Promise<ExpireOutcome | { expired: number } | undefined> {
    if (job.name === JOBS.sweepHolds.name) return { expired: await this.gate.run(job, token, () => this.reservations.expireOverdue()) };
    if (job.name !== JOBS.expireHold.name) return undefined;
    const { reservationId } = job.data as ExpireHoldJobData;
    const result = await this.gate.run(job, token, () => this.reservations.expire(reservationId));
    if (result.outcome === 'not-due' && token) {
      // Fired early (clock drift between hosts): wait until the hold is really due.
      await job.moveToDelayed(new Date(result.expiresAt).getTime() + 50, token);
      throw new DelayedError();
    }
    return result;
  }
}
