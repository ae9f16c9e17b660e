import { Injectable, Logger } from '@nestjs/common';

/**
 * One "stuck rows → job" check of a feature. PostgreSQL is the source of truth and the queue only a
 * doorbell: a row written while Redis was down, or whose job was lost with a crashed worker, still
 * needs its job; the check finds such rows and enqueues (or settles) them. Safe to run at any time:
 * job ids are deterministic and every job re-checks its row.
 */
export interface ReconcileCheck {
  /** Names the check in logs. */
  readonly name: string;
  /** One pass; the counts go into the reconciler's report. */
  reconcile(): Promise<Record<string, number>>;
}

/**
 * The one reconciler: features register their checks (in onModuleInit), and the maintenance queue's
 * `reconcile` job (a BullMQ job scheduler every RECONCILER_EVERY_MS, when RECONCILER_ENABLED) runs them all.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly checks: ReconcileCheck[] = [];

  register(check: ReconcileCheck): void {
    if (this.checks.some((c) => c.name === check.name)) throw new Error(`reconcile check ${check.name} registered twice`);
    this.checks.push(check);
  }

  /** Runs every check; one that fails does not keep the others from running, and the pass then fails with its error. */
  async run(): Promise<Record<string, number>> {
    const report: Record<string, number> = {};
    let failure: Error | null = null;
    for (const check of this.checks) {
      try {
        Object.assign(report, await check.reconcile());
      } catch (error) {
        failure ??= error as Error;
        this.logger.error(`reconcile check ${check.name} failed: ${(error as Error).message}`);
      }
    }
    if (failure) throw failure;
    return report;
  }
}
