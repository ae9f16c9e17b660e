import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../allocation/outage-log';
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

  async process(job: Job<RescheduleDowntimeJobData>): Promise<DowntimeRescheduleSummary | null> {
    if (job.name !== RESCHEDULE_DOWNTIME_JOB) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.reschedule}`);
      return null;
    }
    return this.downtimes.reschedule(job.data.downtimeId);
  }
}
