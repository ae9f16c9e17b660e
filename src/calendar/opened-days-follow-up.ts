import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { BookingCacheService } from '../appointments/booking-cache.service';
import { AuditService } from '../audit/audit.service';
import { centerToday } from '../common/center-clock';
import { tablesExist } from '../database/tables-exist';
import { JobRepository } from '../queue/job.repository';
import { JOBS, jobId, RescheduleOpenedDaysJobData } from '../queue/jobs/job-catalog';
import { openedDaysInput } from './opened-days-input';
import { coursesLeftOnOpenedDays, openedDays } from '../scheduling';
import type { CenterConfig } from '../scheduling';

/** Audit entity of a calendar change's opened days (entity id: the change id). */
export const OPENING_ENTITY = 'calendar_opening';

/** What a calendar change that opens days tells the administrator will follow. */
export class OpenedDaysRescheduleView {
  @ApiProperty({ example: ['2027-05-08'], description: 'Days the change opened, from today to the last booked fraction' })
  openedDays!: string[];
  @ApiProperty({ description: 'Courses left with an opened day unused between two fractions (rule 6): the reschedule pulls their last fraction onto it' })
  coursesConcerned!: number;
  @ApiProperty({ nullable: true, description: 'BullMQ job id of the reschedule (null when no course is concerned)' })
  jobId!: string | null;
  @ApiProperty({ description: "false when no job was needed, or Redis was unreachable: the reconciler enqueues it from the change's audit entry later" })
  queued!: boolean;
}

/** Worked out inside the change's transaction, enqueued after it commits. */
export interface PendingOpenedDays {
  data: RescheduleOpenedDaysJobData;
  coursesConcerned: number;
}

/**
 * Opening time (a decree working day, a closure removed, holidays off, a weekday given hours) can leave
 * booked courses with an open day unused between two fractions (rule 6). The change finds those days and
 * courses while it holds the bookings lock, records them in its audit row, and after commit enqueues the
 * reschedule job (the core's rescheduleForOpenedDays), like a downtime's.
 */
@Injectable()
export class OpenedDaysFollowUp {
  private readonly logger = new Logger(OpenedDaysFollowUp.name);

  constructor(
    private readonly cache: BookingCacheService,
    private readonly jobs: JobRepository,
    private readonly audit: AuditService,
  ) {}

  /** Caller holds lockBookings(m); `after` is the calendar with the change written. Null: no day opened under a booked course. */
  async assess(m: EntityManager, before: CenterConfig, after: CenterConfig, why: string): Promise<PendingOpenedDays | null> {
    if (!(await tablesExist(m, 'appointments'))) return null;
    const [{ last }] = (await m.query(`SELECT max(start) AS last FROM appointments WHERE status = 'BOOKED'`)) as Array<{ last: Date | null }>;
    if (!last) return null;
    const now = new Date();
    const opened = openedDays(before, after, centerToday(after.timeZone, now), centerToday(after.timeZone, last));
    if (opened.length === 0) return null;
    const live = await this.cache.current(m, now);
    const input = await openedDaysInput(
      m,
      live,
      opened.map((o) => o.date),
    );
    const concerned = coursesLeftOnOpenedDays(after, input.bookings, input.courses, opened, now.toISOString());
    return { data: { changeId: randomUUID(), opened: opened.map((o) => ({ ...o, why })) }, coursesConcerned: concerned.length };
  }

  /**
   * Audits the opening in the change's transaction (`calendar.open-days`, entity `calendar_opening`): the
   * reschedule job audits its outcome under the same id (`calendar.reschedule-opened`).
   */
  async record(m: EntityManager, p: PendingOpenedDays): Promise<void> {
    await this.audit.record(m, {
      action: 'calendar.open-days',
      entity: OPENING_ENTITY,
      entityId: p.data.changeId,
      details: {
        opened: p.data.opened,
        coursesConcerned: p.coursesConcerned,
        rescheduleJobId: p.coursesConcerned > 0 ? jobId(JOBS.rescheduleOpenedDays, p.data) : null,
      },
    });
  }

  /** After commit: enqueues the reschedule when a course is concerned (idempotent: the id is fixed per change). */
  async enqueue(p: PendingOpenedDays): Promise<OpenedDaysRescheduleView> {
    const view: OpenedDaysRescheduleView = { openedDays: p.data.opened.map((o) => o.date), coursesConcerned: p.coursesConcerned, jobId: null, queued: false };
    if (p.coursesConcerned === 0) return view;
    view.jobId = jobId(JOBS.rescheduleOpenedDays, p.data);
    view.queued = await this.jobs.enqueue(JOBS.rescheduleOpenedDays, p.data);
    if (!view.queued) this.logger.warn(`reschedule for opened days ${view.openedDays.join(', ')} not enqueued; the reconciler enqueues it later`);
    return view;
  }
}
