import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { allocationJobId } from '../courses/allocation-job';
import { CourseService } from '../courses/course.service';
import { JobRepository } from '../queue/job.repository';
import { QUEUES } from '../queue/queue-names';
import { RescheduleDowntimeJobData, rescheduleDowntimeJobId, RESCHEDULE_DOWNTIME_JOB } from '../downtimes/reschedule-downtime-job';
import { OPENING_ENTITY, RESCHEDULE_OPENED_DAYS_JOB, RescheduleOpenedDaysJobData, rescheduleOpenedDaysJobId } from '../calendar/reschedule-opened-days-job';
import type { OpenedDay } from '../scheduling';

export interface ReconcileReport {
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
 * PostgreSQL is the source of truth, the queue only a doorbell: every QUEUED course, every
 * PENDING downtime reschedule and every calendar opening not yet rescheduled must have a live job. Submissions made while Redis was down and
 * jobs lost with a crashed worker (or failed for good) get a new one here.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobRepository,
    private readonly courses: CourseService,
  ) {}

  async run(): Promise<ReconcileReport> {
    const report: ReconcileReport = { queuedCourses: 0, reenqueuedCourses: 0, pendingDowntimes: 0, reenqueuedDowntimes: 0, reenqueuedOpenings: 0 };
    const queued: { id: string; submission_no: number }[] = await this.dataSource.query(
      `SELECT id, submission_no FROM courses WHERE status = 'QUEUED' ORDER BY submitted_at LIMIT $1`,
      [BATCH],
    );
    report.queuedCourses = queued.length;
    for (const c of queued) {
      const jobId = allocationJobId(c.id, c.submission_no);
      if (await this.jobs.isLive(QUEUES.allocation, jobId)) continue;
      // A finished job with this id while the course is still QUEUED failed for good: clear it so the id can run again.
      await this.jobs.removeIfFinished(QUEUES.allocation, jobId);
      if (await this.courses.enqueueAllocation({ id: c.id, submissionNo: c.submission_no })) report.reenqueuedCourses++;
    }
    const pending: { id: string; reschedule_attempt: number }[] = await this.dataSource.query(
      `SELECT id, reschedule_attempt FROM downtimes WHERE reschedule_status = 'PENDING' ORDER BY created_at LIMIT $1`,
      [BATCH],
    );
    report.pendingDowntimes = pending.length;
    for (const d of pending) {
      const jobId = rescheduleDowntimeJobId(d.id, d.reschedule_attempt);
      if (await this.jobs.isLive(QUEUES.reschedule, jobId)) continue;
      await this.jobs.removeIfFinished(QUEUES.reschedule, jobId);
      const data: RescheduleDowntimeJobData = { downtimeId: d.id, attempt: d.reschedule_attempt };
      if (await this.jobs.enqueue(QUEUES.reschedule, RESCHEDULE_DOWNTIME_JOB, data, jobId)) report.reenqueuedDowntimes++;
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
      const jobId = rescheduleOpenedDaysJobId(o.entity_id);
      if ((await this.jobs.isLive(QUEUES.reschedule, jobId)) || (await this.jobs.failedReason(QUEUES.reschedule, jobId))) continue;
      const data: RescheduleOpenedDaysJobData = { changeId: o.entity_id, opened: o.opened };
      if (await this.jobs.enqueue(QUEUES.reschedule, RESCHEDULE_OPENED_DAYS_JOB, data, jobId)) report.reenqueuedOpenings++;
    }
    if (report.reenqueuedCourses || report.reenqueuedDowntimes || report.reenqueuedOpenings) this.logger.log(`reconciled ${JSON.stringify(report)}`);
    return report;
  }
}
