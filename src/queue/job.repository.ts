import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { OutageLog } from '../common/outage-log';
import { QUEUES, QueueName } from './queue-names';
import { withTimeout } from '../common/with-timeout';
import { JobDefinition, jobId } from './jobs/job-catalog';

const DEFAULT_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  // Keep finished jobs briefly for the dashboard, then let them go (BullMQ keeps them forever otherwise).
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * The one place that talks to BullMQ queues. Callers name a catalog job (jobs/job-catalog.ts) and its
 * data; the catalog gives the queue, the deterministic id and the options, so retries and reconcilers
 * never double-enqueue.
 */
@Injectable()
export class JobRepository {
  private readonly logger = new Logger(JobRepository.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.allocation) allocation: Queue,
    @InjectQueue(QUEUES.reschedule) reschedule: Queue,
    @InjectQueue(QUEUES.quotaHolds) quotaHolds: Queue,
    @InjectQueue(QUEUES.forecast) forecast: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
  ) {
    this.queues = {
      [QUEUES.allocation]: allocation,
      [QUEUES.reschedule]: reschedule,
      [QUEUES.quotaHolds]: quotaHolds,
      [QUEUES.forecast]: forecast,
      [QUEUES.maintenance]: maintenance,
      [QUEUES.notifications]: notifications,
    };
    // An 'error' event without a listener is printed raw by BullMQ on every reconnect attempt;
    // a Redis outage is reported once per minute here and by /health.
    const outage = new OutageLog(this.logger, 'queues');
    for (const queue of Object.values(this.queues)) queue.on('error', (error) => outage.report(error));
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /**
   * Enqueues unless a job with this id already exists. Returns false (and logs) when Redis is
   * unreachable: the database row is already written and the reconciler will enqueue it later.
   */
  async enqueue<T extends object>(job: JobDefinition<T>, data: T, options: JobsOptions = {}): Promise<boolean> {
    const id = jobId(job, data);
    try {
      await withTimeout(this.queues[job.queue].add(job.name, data, { ...DEFAULT_OPTIONS, ...job.options, ...options, jobId: id }), 2000);
      return true;
    } catch (error) {
      this.logger.warn(`could not enqueue ${job.queue}/${id}: ${(error as Error).message}`);
      return false;
    }
  }

  /** Whether this job is still waiting, delayed or running (not finished or failed). */
  async isLive<T>(job: JobDefinition<T>, data: T): Promise<boolean> {
    const found = await this.queues[job.queue].getJob(jobId(job, data));
    if (!found) return false;
    const state = await found.getState();
    return state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children';
  }

  /**
   * Keeps a periodic job scheduled: upserts it now and again every `refreshEvery` ms, because a
   * Redis that restarts empty forgets its schedulers (upserting is idempotent, and with several
   * workers one job still runs per interval cluster-wide). Returns the function that stops it.
   */
  keepScheduler<T>(job: JobDefinition<T>, every: number, refreshEvery = every): () => void {
    const schedulerId = job.schedulerId;
    if (!schedulerId) throw new Error(`job ${job.name} has no scheduler id`);
    const upsert = async () => {
      try {
        await withTimeout(
          this.queues[job.queue].upsertJobScheduler(schedulerId, { every }, { name: job.name, opts: { removeOnComplete: 50, removeOnFail: 50 } }),
          2000,
        );
      } catch (error) {
        this.logger.debug?.(`scheduler ${schedulerId} not ensured: ${(error as Error).message}`);
      }
    };
    void upsert();
    const timer = setInterval(() => void upsert(), refreshEvery);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Why the queue failed this job for good (e.g. it stalled more often than allowed), or null when it has not. */
  async failedReason<T>(job: JobDefinition<T>, data: T): Promise<string | null> {
    const found = await this.queues[job.queue].getJob(jobId(job, data));
    if (!found || (await found.getState()) !== 'failed') return null;
    return found.failedReason || 'failed';
  }

  /** Removes this job when it finished or failed, so its id can be enqueued again. */
  async removeIfFinished<T>(job: JobDefinition<T>, data: T): Promise<void> {
    const found = await this.queues[job.queue].getJob(jobId(job, data));
    if (!found) return;
    const state = await found.getState();
    if (state === 'completed' || state === 'failed') await found.remove().catch(() => undefined);
  }
}
