import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { HandlesJobs } from '../queue/jobs/handles-jobs.decorator';
import { DeliverNotificationJobData, JOBS, workerSettings } from '../queue/jobs/job-catalog';
import { OutageLog } from '../queue/outage-log';
import { QUEUES } from '../queue/queue-names';
import { DeliveryOutcome, DeliveryService } from './delivery.service';

@Processor(QUEUES.notifications, workerSettings(QUEUES.notifications))
@HandlesJobs(JOBS.deliverNotification)
export class NotifyProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotifyProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(
    private readonly delivery: DeliveryService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries wait on SMTP servers and receivers, not on the CPU: more of them at once than allocations.
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY') * 4;
  }

  process(job: Job<DeliverNotificationJobData>): Promise<DeliveryOutcome> {
    return this.delivery.deliver(job.data);
  }
}
