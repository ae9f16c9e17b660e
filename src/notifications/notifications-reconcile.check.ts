import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRepository } from '../queue/job.repository';
import { JOBS } from '../queue/jobs/job-catalog';
import { ReconcileCheck, ReconcilerService } from '../queue/reconciler.service';
import { OutboxRelay } from './outbox-relay.service';

const BATCH = 500;

/**
 * The outbox's check with the reconciler: relays events no relay pass took yet, and gives every notice
 * that is due and not finished a live job — a notice made or retried while Redis was down, or whose job
 * was lost with a crashed worker or failed for good on a database error.
 */
@Injectable()
export class NotificationsReconcileCheck implements ReconcileCheck, OnModuleInit {
  readonly name = 'notifications';
  private readonly logger = new Logger(NotificationsReconcileCheck.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly relay: OutboxRelay,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(): Promise<Record<string, number>> {
    const relayed = await this.relay.dispatch();
    const due: Array<{ id: string; status: string; attempts: number }> = await this.dataSource.query(
      `SELECT id, status, attempts FROM notifications WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1`,
      [BATCH],
    );
    let reenqueued = 0;
    for (const n of due) {
      // A SENDING notice's attempt is under way (or died mid-send and is sent again); a PENDING one waits for its next.
      const data = { notificationId: n.id, attempt: n.status === 'SENDING' ? n.attempts : n.attempts + 1 };
      if (await this.jobs.isLive(JOBS.deliverNotification, data)) continue;
      await this.jobs.removeIfFinished(JOBS.deliverNotification, data);
      if (await this.jobs.enqueue(JOBS.deliverNotification, data)) reenqueued++;
    }
    const report = { relayedEvents: relayed.events, dueNotices: due.length, reenqueuedNotices: reenqueued };
    if (reenqueued) this.logger.log(`reconciled ${JSON.stringify(report)}`);
    return report;
  }
}
