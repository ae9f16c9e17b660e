import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { HandlesJobs } from '../queue/jobs/handles-jobs.decorator';
import { DeliverNotificationJobData, JOBS, workerSettings } from '../queue/jobs/job-catalog';
import { OutageLog } from '../common/outage-log';
import { DatabaseGate } from '../queue/database-gate';
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
    private readonly gate: DatabaseGate,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries wait on SMTP servers and receivers, not on the CPU: more of them at once than allocations.
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY') * 4;
  }

  // A delivery reads and writes its notice row: without the database it goes back to the queue unspent.
  async process(job: Job<DeliverNotificationJobData>, token?: string): Promise<DeliveryOutcome> {
    return this.gate.run(job, token, () => this.delivery.deliver(job.data));
  }
}
