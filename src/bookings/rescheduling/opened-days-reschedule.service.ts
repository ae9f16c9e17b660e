import { Injectable, Logger } from '@nestjs/common';
import { applyMoves } from '../../appointments/appointment-writer';
import { AuditService } from '../../audit/audit.service';
import { OPENING_ENTITY } from '../../calendar/opened-days-follow-up';
import type { RescheduleOpenedDaysJobData } from '../../queue/jobs/job-catalog';
import { rescheduleForOpenedDays } from '../../scheduling';
import { RescheduleTransaction, recordReasons } from './reschedule-transaction';
import { openedDaysInput } from '../../calendar/opened-days-input';

export interface OpenedDaysRescheduleSummary {
  opened: string[];
  /** Courses that had an opened day unused between two fractions when the job ran. */
  concerned: number;
  /** Fractions pulled onto opened days. */
  moved: number;
  /** Courses left as they were, with the reason a coordinator sees on the course. */
  interrupted: Array<{ courseId: string; reason: string }>;
  at: string;
}

/**
 * After a calendar change opened days: pulls the last fraction of each course that leaves one unused
 * (rule 6) onto it, with history rows, course reasons for what could not be done and an audit entry,
 * in one transaction under the bookings lock (the courses' rows locked too), like a downtime's reschedule.
 */
@Injectable()
export class OpenedDaysRescheduleService {
  private readonly logger = new Logger(OpenedDaysRescheduleService.name);

  constructor(
    private readonly transaction: RescheduleTransaction,
    private readonly audit: AuditService,
  ) {}

  async reschedule(data: RescheduleOpenedDaysJobData): Promise<OpenedDaysRescheduleSummary | null> {
    return this.transaction.run(
      async (m) => {
        // Idempotent: a redelivered job for a change already rescheduled does nothing (a second run would
        // find nothing to move anyway, but would write a second audit entry).
        const [done] = await m.query(`SELECT 1 FROM audit_log WHERE action = 'calendar.reschedule-opened' AND entity = $1 AND entity_id = $2 LIMIT 1`, [
          OPENING_ENTITY,
          data.changeId,
        ]);
        return done ? null : data;
      },
      // The calendar as it is now: a day closed again since the change is no longer open, and the core sees it.
      async ({ m, now, center, live }) => {
        const dates = data.opened.map((o) => o.date);
        const input = await openedDaysInput(m, live, dates, true);
        const result = rescheduleForOpenedDays(center, input.bookings, input.courses, data.opened, now.toISOString());
        const { relocated } = await applyMoves(m, result.moves, center.sharedBeam, 'system');
        const label = `the center opening ${dates.join(', ')}`;
        await recordReasons(m, `Interrupted by ${label}`, result.interrupted);
        const summary: OpenedDaysRescheduleSummary = {
          opened: dates,
          concerned: result.concerned.length,
          moved: relocated.length,
          interrupted: result.interrupted,
          at: now.toISOString(),
        };
        await this.audit.record(m, { action: 'calendar.reschedule-opened', entity: OPENING_ENTITY, entityId: data.changeId, details: { ...summary } });
        this.logger.log(`rescheduled after ${label}: ${JSON.stringify({ ...summary, interrupted: summary.interrupted.length })}`);
        return summary;
      },
    );
  }
}
