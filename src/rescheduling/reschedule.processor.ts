import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../queue/outage-log';
import { isTransientFailure } from '../database/transient-error';
import { QUEUES } from '../queue/queue-names';
import { DowntimeRescheduleService, DowntimeRescheduleSummary } from './downtime-reschedule.service';
import { RescheduleDowntimeJobData, RESCHEDULE_DOWNTIME_JOB } from '../downtimes/reschedule-downtime-job';

@Processor(QUEUES.reschedule)
export class RescheduleProcessor extends WorkerHost {
  private readonly logger = new Logger(RescheduleProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(private readonly downtimes: DowntimeRescheduleService) {
    super();
  }

  /**
   * Out of attempts: mark this attempt FAILED so an admin can retry it (POST /downtimes/:id/reschedule).
   * A lost connection, deadlock or shutdown stays PENDING: the reconciler runs it again by itself,
   * since patients booked into the downtime must not wait for an admin to notice.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<RescheduleDowntimeJobData> | undefined, error: Error): Promise<void> {
    if (!job || job.name !== RESCHEDULE_DOWNTIME_JOB || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`reschedule of downtime ${job.data.downtimeId} failed for good: ${error.message}`);
    if (isTransientFailure(error)) return;
    await this.downtimes.markFailed(job.data.downtimeId, job.data.attempt, error.message).catch((e: Error) => this.logger.error(e.message));
  }

  async process(job: Job<RescheduleDowntimeJobData>): Promise<DowntimeRescheduleSummary | null> {
    if (job.name !== RESCHEDULE_DOWNTIME_JOB) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.reschedule}`);
      return null;
    }
    return this.downtimes.reschedule(job.data.downtimeId);
  }
}
