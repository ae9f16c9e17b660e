import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../../common/outage-log';
import { isTransientFailure } from '../../database/transient-error';
import { DatabaseGate } from '../../queue/database-gate';
import { HandlesJobs } from '../../queue/jobs/handles-jobs.decorator';
import { JOBS, RescheduleDowntimeJobData, RescheduleOpenedDaysJobData, workerSettings } from '../../queue/jobs/job-catalog';
import { QUEUES } from '../../queue/queue-names';
import { DowntimeRescheduleService, DowntimeRescheduleSummary } from './downtime-reschedule.service';
import { OpenedDaysRescheduleService, OpenedDaysRescheduleSummary } from './opened-days-reschedule.service';

@Processor(QUEUES.reschedule, workerSettings(QUEUES.reschedule))
@HandlesJobs(JOBS.rescheduleDowntime, JOBS.rescheduleOpenedDays)
export class RescheduleProcessor extends WorkerHost {
  private readonly logger = new Logger(RescheduleProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(
    private readonly downtimes: DowntimeRescheduleService,
    private readonly openedDays: OpenedDaysRescheduleService,
    private readonly gate: DatabaseGate,
  ) {
    super();
  }

  /**
   * Out of attempts: mark this attempt FAILED so an admin can retry it (POST /downtimes/:id/reschedule).
   * A lost connection, deadlock or shutdown stays PENDING: the reconciler runs it again by itself,
   * since patients booked into the downtime must not wait for an admin to notice.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<RescheduleDowntimeJobData | RescheduleOpenedDaysJobData> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    if (job.name === JOBS.rescheduleOpenedDays.name) {
      // Nothing was written (one transaction): the courses keep their dates, and the change's audit entry says what was opened.
      this.logger.error(
        `reschedule after opening ${(job.data as RescheduleOpenedDaysJobData).opened.map((o) => o.date).join(', ')} failed for good: ${error.message}`,
      );
      return;
    }
    if (job.name !== JOBS.rescheduleDowntime.name || !('downtimeId' in job.data)) return;
    this.logger.error(`reschedule of downtime ${job.data.downtimeId} failed for good: ${error.message}`);
    if (isTransientFailure(error)) return;
    await this.downtimes.markFailed(job.data.downtimeId, job.data.attempt, error.message).catch((e: Error) => this.logger.error(e.message));
  }

  async process(
    job: Job<RescheduleDowntimeJobData | RescheduleOpenedDaysJobData>,
    token?: string,
  ): Promise<DowntimeRescheduleSummary | OpenedDaysRescheduleSummary | null> {
    if (job.name === JOBS.rescheduleOpenedDays.name)
      return this.gate.run(job, token, () => this.openedDays.reschedule(job.data as RescheduleOpenedDaysJobData));
    if (job.name !== JOBS.rescheduleDowntime.name || !('downtimeId' in job.data)) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.reschedule}`);
      return null;
    }
    const { downtimeId } = job.data;
    return this.gate.run(job, token, () => this.downtimes.reschedule(downtimeId));
  }
}
