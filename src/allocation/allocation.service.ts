import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { insertBookings } from '../appointments/appointment-writer';
import { lockBookings } from '../appointments/booking-lock';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { Course, CourseStatus } from '../courses/course.entity';
import { toCourseRequest } from '../courses/course-request.mapper';
import { Patient } from '../patients/patient.entity';
import { LivePlanner } from './live-planner';

export type AllocationOutcome =
  | { outcome: 'SCHEDULED'; appointments: number; lateStart: boolean; attempts: number }
  | { outcome: 'UNSCHEDULABLE'; reason: string; attempts: number }
  | { outcome: 'SKIPPED'; status: CourseStatus | 'MISSING'; attempts: number };

const MAX_ATTEMPTS = 6;
/** Exclusion violation, deadlock, serialization failure: another writer won; try again on fresh data. */
const RETRYABLE = new Set(['23P01', '40P01', '40001']);

/**
 * Allocates one submission of a course: all of its fractions or none, in one transaction.
 *
 * Why allocations are serialized (bookings advisory lock held from reading the bookings to
 * commit): every allocation wants the earliest free slots, so on a busy calendar concurrent
 * optimistic allocations nearly always collide and all but one redo their work — on 2 cores
 * that is strictly slower than taking turns, and the anesthesia team count is a rule no
 * exclusion constraint can express. The database exclusions still stand guard; a 23P01 (e.g.
 * a writer outside this service) is retried with fresh data and jitter.
 */
@Injectable()
export class AllocationService {
  private readonly logger = new Logger(AllocationService.name);
  private readonly planner = new LivePlanner();
  /** One allocation at a time per process: they would only queue on the advisory lock anyway. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centerConfig: CenterConfigService,
  ) {}

  allocate(courseId: string, submissionNo: number): Promise<AllocationOutcome> {
    const run = this.turn.then(() => this.allocateWithRetries(courseId, submissionNo));
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Settles a submission the allocator cannot process as UNSCHEDULABLE (only if still that QUEUED submission). */
  async markFailed(courseId: string, submissionNo: number, message: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const reason = `Allocation failed: ${message}`.slice(0, 1000);
      const result = await m
        .getRepository(Course)
        .update({ id: courseId, status: 'QUEUED', submissionNo }, { status: 'UNSCHEDULABLE', reason, lateStart: false });
      if (result.affected) {
        await this.audit.record(m, { action: 'course.unschedulable', entity: 'course', entityId: courseId, details: { submissionNo, reason } });
      }
    });
  }

  private async allocateWithRetries(courseId: string, submissionNo: number): Promise<AllocationOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        let written: Awaited<ReturnType<typeof insertBookings>> = [];
        const outcome = await this.dataSource.transaction(async (m) => {
          const r = await this.allocateOnce(m, courseId, submissionNo, attempt);
          written = r.written;
          return r.outcome;
        });
        this.planner.commit(written);
        return outcome;
      } catch (error) {
        this.planner.reset();
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn(`allocation of ${courseId} collided (${code}), retry ${attempt}`);
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50 * attempt));
      }
    }
  }

  private async allocateOnce(
    m: EntityManager,
    courseId: string,
    submissionNo: number,
    attempts: number,
  ): Promise<{ outcome: AllocationOutcome; written: Awaited<ReturnType<typeof insertBookings>> }> {
    await lockBookings(m);
    const course = await m.getRepository(Course).findOne({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    // Idempotent: a redelivered job, a cancelled course or an outdated submission changes nothing.
    if (!course || course.status !== 'QUEUED' || course.submissionNo !== submissionNo) {
      return { outcome: { outcome: 'SKIPPED', status: course?.status ?? 'MISSING', attempts }, written: [] };
    }
    const patient = await m.getRepository(Patient).findOneByOrFail({ id: course.patientId });
    const now = new Date(Math.max(Date.now(), course.submittedAt?.getTime() ?? 0));
    const center = await this.centerConfig.load(m);
    const { horizonWeeks } = await this.centerConfig.getSettings(m);
    await this.planner.sync(m, center, now);
    const result = this.planner.search(toCourseRequest(course, patient.birthDate), { now: now.toISOString(), horizonWeeks });

    if (result.status === 'SCHEDULED') {
      const written = await insertBookings(m, result.appointments.map((b) => ({ ...b, courseId })), center.sharedBeam);
      await m.getRepository(Course).update({ id: courseId }, { status: 'SCHEDULED', lateStart: result.lateStart, reason: null });
      await this.audit.record(m, {
        action: 'course.schedule',
        entity: 'course',
        entityId: courseId,
        details: { submissionNo, fractions: result.appointments.length, firstDate: result.firstDate, lateStart: result.lateStart },
      });
      return { outcome: { outcome: 'SCHEDULED', appointments: result.appointments.length, lateStart: result.lateStart, attempts }, written };
    }
    await m.getRepository(Course).update({ id: courseId }, { status: 'UNSCHEDULABLE', reason: result.reason, lateStart: false });
    await this.audit.record(m, { action: 'course.unschedulable', entity: 'course', entityId: courseId, details: { submissionNo, reason: result.reason } });
    return { outcome: { outcome: 'UNSCHEDULABLE', reason: result.reason, attempts }, written: [] };
  }
}
