import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutageLog } from '../../common/outage-log';
import { AppConfig } from '../../config/app-config';
import { isTransientFailure, sqlStateOf } from '../../database/transient-error';
import { DatabaseGate } from '../../queue/database-gate';
import { HandlesJobs } from '../../queue/jobs/handles-jobs.decorator';
import { AllocateCourseJobData, JOBS, workerSettings } from '../../queue/jobs/job-catalog';
import { QUEUES } from '../../queue/queue-names';
import { AllocationOutcome, AllocationService } from './allocation.service';

@Processor(QUEUES.allocation, workerSettings(QUEUES.allocation))
@HandlesJobs(JOBS.allocateCourse)
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
    private readonly gate: DatabaseGate,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // @Processor options are static; the setting is read at boot.
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY');
  }

  /**
   * Out of attempts with an error that retrying will not cure (the core refused the input, or the
   * database refused the rows every time, e.g. a constraint): settle the course as UNSCHEDULABLE
   * with the reason instead of letting the reconciler re-enqueue it forever, so the coordinator
   * sees it and can submit it again. A lost connection, a deadlock or a shutdown leaves it QUEUED
   * for the reconciler.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<AllocateCourseJobData> | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JOBS.allocateCourse.name || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`allocation of course ${job.data.courseId} failed for good: ${error.message}`);
    if (isTransientFailure(error)) return;
    await this.allocation
      .markFailed(job.data.courseId, job.data.submissionNo, reasonFor(error, job.attemptsMade))
      .catch((e: Error) => this.logger.error(`could not mark course ${job.data.courseId}: ${e.message}`));
  }

  async process(job: Job<AllocateCourseJobData>, token?: string): Promise<AllocationOutcome | undefined> {
    if (job.name !== JOBS.allocateCourse.name) {
      this.logger.warn(`ignoring unknown job ${job.name} on ${QUEUES.allocation}`);
      return undefined;
    }
    return this.gate.run(job, token, () => this.allocation.allocate(job.data.courseId, job.data.submissionNo));
  }
}

function reasonFor(error: Error, attempts: number): string {
  if (!sqlStateOf(error)) return error.message;
  return (
    `the database refused the bookings on all ${attempts} attempts (${error.message}). ` +
    'Submit the course again; if it fails again, an administrator should check the schedule data.'
  );
}
