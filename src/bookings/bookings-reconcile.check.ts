import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OPENING_ENTITY } from '../calendar/opened-days-follow-up';
import { CourseService } from '../courses/course.service';
import { JobRepository } from '../queue/job.repository';
import { JOBS } from '../queue/jobs/job-catalog';
import { ReconcileCheck, ReconcilerService } from '../queue/reconciler.service';
import type { OpenedDay } from '../scheduling';

export interface BookingsReconcileReport {
  queuedCourses: number;
  reenqueuedCourses: number;
  pendingDowntimes: number;
  reenqueuedDowntimes: number;
  /** Calendar changes that opened days under booked courses and whose reschedule job never ran (Redis was down). */
  reenqueuedOpenings: number;
}

/** How many stuck rows one pass looks at; the next pass picks up the rest. */
const BATCH = 500;

/**
 * The bookings' check with the reconciler: every QUEUED course, every PENDING downtime reschedule and
 * every calendar opening not yet rescheduled must have a live job. Submissions made while Redis was
 * down and jobs lost with a crashed worker (or failed for good) get a new one here.
 */
@Injectable()
export class BookingsReconcileCheck implements ReconcileCheck, OnModuleInit {
  readonly name = 'bookings';
  private readonly logger = new Logger(BookingsReconcileCheck.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly courses: CourseService,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register(this);
  }

  async reconcile(): Promise<BookingsReconcileReport & Record<string, number>> {
    const report: BookingsReconcileReport = { queuedCourses: 0, reenqueuedCourses: 0, pendingDowntimes: 0, reenqueuedDowntimes: 0, reenqueuedOpenings: 0 };
    const queued: { id: string; submission_no: number }[] = await this.dataSource.query(
      `SELECT id, submission_no FROM courses WHERE status = 'QUEUED' ORDER BY submitted_at LIMIT $1`,
      [BATCH],
    );
    report.queuedCourses = queued.length;
    for (const c of queued) {
      const data = { courseId: c.id, submissionNo: c.submission_no };
      if (await this.jobs.isLive(JOBS.allocateCourse, data)) continue;
      // A finished job with this id while the course is still QUEUED failed for good: clear it so the id can run again.
      await this.jobs.removeIfFinished(JOBS.allocateCourse, data);
      if (await this.courses.enqueueAllocation({ id: c.id, submissionNo: c.submission_no })) report.reenqueuedCourses++;
    }
    const pending: { id: string; reschedule_attempt: number }[] = await this.dataSource.query(
      `SELECT id, reschedule_attempt FROM downtimes WHERE reschedule_status = 'PENDING' ORDER BY created_at LIMIT $1`,
      [BATCH],
    );
    report.pendingDowntimes = pending.length;
    for (const d of pending) {
      const data = { downtimeId: d.id, attempt: d.reschedule_attempt };
      if (await this.jobs.isLive(JOBS.rescheduleDowntime, data)) continue;
      await this.jobs.removeIfFinished(JOBS.rescheduleDowntime, data);
      if (await this.jobs.enqueue(JOBS.rescheduleDowntime, data)) report.reenqueuedDowntimes++;
    }
    // An opening's audit entry is its record; the reschedule's own entry (same id) says it ran. A job that
    // failed for good is left to the log (its transaction wrote nothing), not retried every pass.
    const openings: Array<{ entity_id: string; opened: OpenedDay[] }> = await this.dataSource.query(
      `SELECT o.entity_id, o.details->'opened' AS opened FROM audit_log o
        WHERE o.action = 'calendar.open-days' AND o.entity = $1 AND o.details->>'rescheduleJobId' IS NOT NULL AND o.at > now() - interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.action = 'calendar.reschedule-opened' AND r.entity = o.entity AND r.entity_id = o.entity_id)
        ORDER BY o.id LIMIT $2`,
      [OPENING_ENTITY, BATCH],
    );
    for (const o of openings) {
      const data = { changeId: o.entity_id, opened: o.opened };
      if ((await this.jobs.isLive(JOBS.rescheduleOpenedDays, data)) || (await this.jobs.failedReason(JOBS.rescheduleOpenedDays, data))) continue;
      if (await this.jobs.enqueue(JOBS.rescheduleOpenedDays, data)) report.reenqueuedOpenings++;
    }
    if (report.reenqueuedCourses || report.reenqueuedDowntimes || report.reenqueuedOpenings) this.logger.log(`reconciled ${JSON.stringify(report)}`);
    return { ...report };
  }
}
