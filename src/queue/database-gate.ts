import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, WaitingError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-unavailable';
import { withTimeout } from '../common/with-timeout';

/** How often a closed gate asks PostgreSQL whether it is back. */
const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;

/**
 * Keeps a PostgreSQL outage from eating jobs' attempts (issue #24 item 8). A job whose work fails
 * because the database is away is handed back to the front of its queue without counting an attempt
 * (BullMQ's moveToWait + WaitingError), and every worker of this process pauses, so no other job is
 * taken only to fail the same way. The gate then asks the database once a second and resumes the
 * workers as soon as it answers: the queued work starts within about a second of PostgreSQL's return.
 *
 * Each process judges for itself (pausing is per worker, not queue-wide): an outage may be one
 * host's network, and another process that still reaches the database keeps working.
 */
@Injectable()
export class DatabaseGate implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseGate.name);
  private closedAt: number | null = null;
  private probe: NodeJS.Timeout | null = null;
  private shuttingDown = false;

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get isOpen(): boolean {
    return this.closedAt === null;
  }

  /**
   * Runs a job's work. When it fails because the database is away, the job goes back to its queue
   * unspent and the gate closes; any other error is the job's own and propagates (an attempt used).
   */
  async run<T>(job: Job, token: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!token || !isDatabaseUnavailable(error)) throw error;
      this.close(error as Error);
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }

  onApplicationShutdown(): void {
    this.shuttingDown = true;
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
  }

  private close(cause: Error): void {
    if (this.closedAt !== null || this.shuttingDown) return;
    this.closedAt = Date.now();
    this.logger.warn(`database unavailable (${cause.message}): workers paused until it answers again`);
    // Not waiting for the active jobs: this runs inside one of them, which is about to hand itself back.
    for (const worker of this.workers()) void worker.pause(true);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probe = setTimeout(() => void this.tryReopen(), PROBE_EVERY_MS);
    this.probe.unref();
  }

  private async tryReopen(): Promise<void> {
    if (this.shuttingDown || this.closedAt === null) return;
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS);
    } catch {
      this.scheduleProbe();
      return;
    }
    if (this.shuttingDown) return;
    this.logger.log(`database answers again after ${Date.now() - this.closedAt} ms: workers resumed`);
    this.closedAt = null;
    this.probe = null;
    for (const worker of this.workers()) void worker.resume();
  }

  /** The BullMQ workers of this process (none where only the API runs). */
  private workers(): Worker[] {
    const found: Worker[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      try {
        found.push(instance.worker);
      } catch {
        // A processor whose worker was never started (manual registration): nothing to pause.
      }
    }
    return found;
  }
}
