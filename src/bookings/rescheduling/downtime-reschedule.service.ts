import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentMove } from '../../appointments/appointment-move.entity';
import { applyMoves } from '../../appointments/appointment-writer';
import { AuditService } from '../../audit/audit.service';
import { planDowntimeReschedule } from '../../downtimes/downtime-plan';
import type { Booking, CenterConfig } from '../../scheduling';
import { RescheduleTransaction, recordReasons } from './reschedule-transaction';

export interface DowntimeRescheduleSummary {
  hit: number;
  moved: number;
  /** Hit fractions cancelled because no place could be found, plus any left inside the downtime. */
  cancelled: number;
  unschedulable: Array<{ courseId: string; reason: string }>;
  /** Courses re-booked whole but with a week short of their count (rule 6): a coordinator should look. */
  interrupted: Array<{ courseId: string; reason: string }>;
  at: string;
}

interface DowntimeRow {
  id: string;
  room_id: string | null;
  start: Date;
  end: Date;
  reason: string | null;
  reschedule_status: string;
}

/**
 * Moves every BOOKED fraction a downtime hits (and whatever the core must shift to keep each
 * course uninterrupted), with history rows and the downtime's summary, in one transaction.
 */
@Injectable()
export class DowntimeRescheduleService {
  private readonly logger = new Logger(DowntimeRescheduleService.name);

  constructor(
    private readonly transaction: RescheduleTransaction,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async reschedule(downtimeId: string): Promise<DowntimeRescheduleSummary | null> {
    return this.transaction.run(
      async (m) => {
        const [downtime]: DowntimeRow[] = await m.query(
          `SELECT id, room_id, start_at AS start, end_at AS "end", reason, reschedule_status FROM downtimes WHERE id = $1 FOR UPDATE`,
          [downtimeId],
        );
        // Idempotent: a redelivered job for a finished (or deleted) downtime does nothing.
        return downtime && downtime.reschedule_status === 'PENDING' ? downtime : null;
      },
      ({ m, subject: downtime, now, center, live }) => this.rescheduleClaimed(m, downtime, now, center, live),
    );
  }

  private async rescheduleClaimed(
    m: EntityManager,
    downtime: DowntimeRow,
    now: Date,
    center: CenterConfig,
    live: Booking[],
  ): Promise<DowntimeRescheduleSummary> {
    const {
      hit,
      hitCourseIds: courseIds,
      moves,
      label,
      ...result
    } = await planDowntimeReschedule(
      m,
      center,
      live,
      { id: downtime.id, roomId: downtime.room_id, start: downtime.start, end: downtime.end, reason: downtime.reason },
      now,
      true,
    );
    const { relocated } = await applyMoves(m, moves, center.sharedBeam, 'system', undefined);
    const dropped = moves.filter((mv) => mv.from && !mv.to).length;
    const cancelled = dropped + (await this.cancelLeftovers(m, downtime, label));
    await recordReasons(m, `Not fully re-booked after ${label}`, result.unschedulable);
    await recordReasons(m, `Interrupted by ${label}`, result.interrupted);
    // Hit courses, and routine ones that start a day later to make room.
    await flagLateStarts(m, [...new Set([...courseIds, ...moves.map((mv) => mv.courseId)])], center.timeZone);
    const summary: DowntimeRescheduleSummary = {
      hit: hit.length,
      moved: relocated.length,
      cancelled,
      unschedulable: result.unschedulable,
      interrupted: result.interrupted,
      at: now.toISOString(),
    };
    await m.query(`UPDATE downtimes SET reschedule_status = 'DONE', reschedule_summary = $2, rescheduled_at = now() WHERE id = $1`, [
      downtime.id,
      JSON.stringify(summary),
    ]);
    await this.audit.record(m, { action: 'downtime.reschedule', entity: 'downtime', entityId: downtime.id, details: { ...summary } });
    this.logger.log(`rescheduled ${label}: ${JSON.stringify(summary)}`);
    return summary;
  }

  async markFailed(downtimeId: string, attempt: number, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE downtimes SET reschedule_status = 'FAILED', reschedule_summary = $3
        WHERE id = $1 AND reschedule_attempt = $2 AND reschedule_status = 'PENDING'`,
      [downtimeId, attempt, JSON.stringify({ error: message, at: new Date().toISOString() })],
    );
  }

  /** Safety net: nothing may stay booked inside the downtime, even what the core could not re-book. */
  private async cancelLeftovers(m: EntityManager, downtime: DowntimeRow, label: string): Promise<number> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, rowCount].
    const [rows]: [Array<{ id: string; room_id: string; start: Date }>, number] = await m.query(
      `UPDATE appointments SET status = 'CANCELLED'
        WHERE status = 'BOOKED' AND ($1::uuid IS NULL OR room_id = $1) AND start < $3 AND "end" > $2 AND beam_end > now()
        RETURNING id, room_id, start`,
      [downtime.room_id, downtime.start, downtime.end],
    );
    for (const r of rows) {
      await m.getRepository(AppointmentMove).insert({
        appointmentId: r.id,
        fromRoomId: r.room_id,
        fromStart: r.start,
        toRoomId: null,
        toStart: null,
        reason: `${label}: no slot found, fraction cancelled`,
        movedBy: 'system',
      });
    }
    return rows.length;
  }
}

/**
 * A course whose first fraction the downtime pushed past its due start now starts late (soft rule 1):
 * the flag a coordinator filters on must say so. Only ever raised here, never cleared.
 */
async function flagLateStarts(m: EntityManager, courseIds: string[], timeZone: string): Promise<void> {
  if (courseIds.length === 0) return;
  await m.query(
    `UPDATE courses c SET late_start = true
      WHERE c.id = ANY($1::uuid[]) AND NOT c.late_start
        AND (SELECT (min(a.start) AT TIME ZONE $2)::date FROM appointments a
              WHERE a.course_id = c.id AND a.status IN ('BOOKED', 'DELIVERED', 'MISSED')) > c.due_start`,
    [courseIds, timeZone],
  );
}
