import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from './outage-log';
import { AppConfig } from '../config/app-config';
import { AllocateCourseJobData, ALLOCATE_COURSE_JOB } from '../courses/allocation-job';
import { QUEUES } from '../queue/queue-names';
import { AllocationOutcome, AllocationService } from './allocation.service';

@Processor(QUEUES.allocation)
export class AllocateProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AllocateProcessor.name);
  private readonly outage = new OutageLog(this.logger);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.report(error);
  }

  constructor(
    private readonly allocation: AllocationService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // @Processor options are static; the setting is read at boot.
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY');
  }

  async process(job: Job<AllocateCourseJobData>): Promise<AllocationOutcome | undefined> {
    if (job.name !== ALLOCATE_COURSE_JOB) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.allocation}`);
      return undefined;
    }
    return this.allocation.allocate(job.data.courseId, job.data.submissionNo);
  }
}
