import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { applyMoves } from '../../appointments/appointment-writer';
import { lockBookings } from '../../database/booking-lock';
import { AuditService } from '../../audit/audit.service';
import { CenterConfigService } from '../../center/center-config.service';
import { formatDate, localDayOf } from '../../scheduling';
import { AllocationService, EarlyStartReport } from './allocation.service';
import { LivePlanner } from './live-planner';
import { shiftableCourses, shiftHistory } from './shift-inputs';

export interface CompactionReport {
  date: string;
  /** False when this date was compacted before (a second run changes nothing). */
  ran: boolean;
  shifted: number;
  startedEarlier: EarlyStartReport['startedEarlier'];
}

/**
 * Nightly compaction (bounded shifts, issue #20): the fractions of one date, two days ahead, are
 * pulled earlier within the limits so slivers merge into places, in one transaction with their
 * history rows (reason "Shifted …", what the patient's notice will read) and an audit row that
 * marks the date done; then the places are offered to the courses booked later, as the early-start
 * job does. Once per date: the audit row makes a redelivered or repeated job a no-op.
 */
@Injectable()
export class CompactionService {
  private readonly logger = new Logger(CompactionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centerConfig: CenterConfigService,
    private readonly allocation: AllocationService,
  ) {}

  /** The date the nightly run at `now` compacts: the early-start day (two days ahead). */
  async dateFor(now: Date): Promise<string> {
    const center = await this.centerConfig.load(this.dataSource.manager);
    return formatDate(localDayOf(center.timeZone, Math.floor(now.getTime() / 60_000)) + 2);
  }

  async compact(date: string, now = new Date()): Promise<CompactionReport> {
    const shifted = await this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const done = await m.query(`SELECT 1 FROM audit_log WHERE action = 'day.compacted' AND details->>'date' = $1 LIMIT 1`, [date]);
      if (done.length) return null;
      const center = await this.centerConfig.load(m);
      // A planner of its own: the allocator's cached one must not see shifts before they are committed.
      const planner = new LivePlanner();
      await planner.sync(m, center, now);
      const shifts = planner.compact(date, now.toISOString(), await shiftableCourses(m, now), await shiftHistory(m, center.timeZone, now));
      await applyMoves(
        m,
        shifts.map((sh) => ({ ...sh, bookingId: sh.bookingId ?? sh.from.id })),
        center.sharedBeam,
        'system',
      );
      await this.audit.record(m, { action: 'day.compacted', entity: 'calendar', entityId: date, details: { date, shifted: shifts.length } });
      return shifts.length;
    });
    if (shifted === null) return { date, ran: false, shifted: 0, startedEarlier: [] };
    if (shifted) this.logger.log(`compacted ${date}: ${shifted} fraction(s) shifted`);
    const offered = await this.allocation.offerEarlierStarts(now);
    return { date, ran: true, shifted, startedEarlier: offered.startedEarlier };
  }
}
