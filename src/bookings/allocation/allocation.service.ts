import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { applyMoves, insertBookings } from '../../appointments/appointment-writer';
import { lockBookings } from '../../database/booking-lock';
import { AuditService } from '../../audit/audit.service';
import { CenterConfigService } from '../../center/center-config.service';
import { Course, CourseStatus } from '../../courses/course.entity';
import { toCourseRequest } from '../../courses/course-request.mapper';
import { Patient } from '../../patients/patient.entity';
import type { DisplacedCourse, Shift } from '../../scheduling';
import { shiftableCourses, shiftHistory } from './shift-inputs';
import { notStartedCourses } from '../../courses/not-started-courses';
import { LivePlanner } from './live-planner';

export interface EarlyStartReport {
  startedEarlier: Array<{ courseId: string; firstDate: string }>;
}

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

  /** `now` (operators, tests): the instant the allocation happens, if later than the submission; default the clock. */
  allocate(courseId: string, submissionNo: number, now?: Date): Promise<AllocationOutcome> {
    const run = this.turn.then(() => this.allocateWithRetries(courseId, submissionNo, now));
    this.turn = run.catch(() => undefined);
    return run;
  }

  /**
   * Offers the places still free two days ahead to the routine courses booked next in them (see
   * early-start.ts): each such course starts earlier, at the same time and in the same room, in
   * one transaction with its move history and an audit entry. Safe to run again: a place taken
   * is no longer free.
   */
  offerEarlierStarts(now = new Date()): Promise<EarlyStartReport> {
    const run = this.turn.then(() => this.offerEarlierStartsOnce(now));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async offerEarlierStartsOnce(now: Date): Promise<EarlyStartReport> {
    // Nothing moved: the cached planner's index is as the rows are. Otherwise (or on an error) the
    // new series sit in it without row ids, so it is rebuilt from the rows next time.
    let cacheStillTrue = false;
    try {
      const report = await this.dataSource.transaction(async (m) => {
        await lockBookings(m);
        const center = await this.centerConfig.load(m);
        await this.planner.sync(m, center, now);
        const movable = await notStartedCourses(m, ['ROUTINE'], now);
        const started = this.planner.offerEarlierStarts(now.toISOString(), movable);
        // One batch: every old slot is vacated before any new one is taken (a course may move into another's).
        await applyMoves(
          m,
          started.flatMap((e) => e.moves),
          center.sharedBeam,
          'system',
        );
        for (const e of started) {
          await m.getRepository(Course).update({ id: e.courseId }, { lateStart: e.lateStart });
          await this.audit.record(m, {
            action: 'course.started-earlier',
            entity: 'course',
            entityId: e.courseId,
            details: { firstDate: e.firstDate, lateStart: e.lateStart, fractions: e.moves.length },
          });
        }
        if (started.length) this.logger.log(`started ${started.length} course(s) earlier: ${started.map((e) => e.courseId).join(', ')}`);
        return { startedEarlier: started.map((e) => ({ courseId: e.courseId, firstDate: e.firstDate })) };
      });
      cacheStillTrue = report.startedEarlier.length === 0;
      return report;
    } finally {
      if (!cacheStillTrue) this.planner.reset();
    }
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

  private async allocateWithRetries(courseId: string, submissionNo: number, now?: Date): Promise<AllocationOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        let written: Awaited<ReturnType<typeof insertBookings>> = [];
        const outcome = await this.dataSource.transaction(async (m) => {
          const r = await this.allocateOnce(m, courseId, submissionNo, attempt, now);
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
    at?: Date,
  ): Promise<{ outcome: AllocationOutcome; written: Awaited<ReturnType<typeof insertBookings>> }> {
    await lockBookings(m);
    const course = await m.getRepository(Course).findOne({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    // Idempotent: a redelivered job, a cancelled course or an outdated submission changes nothing.
    if (!course || course.status !== 'QUEUED' || course.submissionNo !== submissionNo) {
      return { outcome: { outcome: 'SKIPPED', status: course?.status ?? 'MISSING', attempts }, written: [] };
    }
    const patient = await m.getRepository(Patient).findOneByOrFail({ id: course.patientId });
    const now = new Date(Math.max(at?.getTime() ?? Date.now(), course.submittedAt?.getTime() ?? 0));
    const center = await this.centerConfig.load(m);
    const { horizonWeeks } = await this.centerConfig.getSettings(m);
    await this.planner.sync(m, center, now);
    const request = toCourseRequest(course, patient.birthDate);
    // Only an EMERGENCY may move other courses; the core decides which (see displacement.ts).
    const displaceable = request.urgency === 'EMERGENCY' ? await notStartedCourses(m, ['ROUTINE'], now) : undefined;
    // EMERGENCY and URGENT courses may shift booked fractions of others within the limits (shift-limits.ts).
    const shifting = request.urgency !== 'ROUTINE';
    const shiftable = shifting ? await shiftableCourses(m, now) : undefined;
    const history = shifting ? await shiftHistory(m, center.timeZone, now) : undefined;
    const result = this.planner.search(request, { now: now.toISOString(), horizonWeeks, displaceable, shiftable, shiftHistory: history });

    if (result.status === 'SCHEDULED') {
      // Moved courses first: their old places are what the emergency's fractions take.
      // In one batch: every moved course's old slots are vacated before any new one is taken, since
      // one moved course may land where another was (course by course, that broke the overlap constraint).
      const displaced = result.displaced ?? [];
      const shifts = result.shifts ?? [];
      // Shifted fractions are moves too: their history row (reason "Shifted …") is the patient's notice to come (issue #22).
      await applyMoves(
        m,
        [...displaced.flatMap((d) => d.moves), ...shifts.map((sh) => ({ ...sh, bookingId: sh.bookingId ?? sh.from.id }))],
        center.sharedBeam,
        'system',
      );
      for (const d of displaced) await this.recordDisplacement(m, d, courseId);
      if (shifts.length) await this.recordShifts(m, shifts, courseId);
      const written = await insertBookings(
        m,
        result.appointments.map((b) => ({ ...b, courseId })),
        center.sharedBeam,
      );
      await m.getRepository(Course).update({ id: courseId }, { status: 'SCHEDULED', lateStart: result.lateStart, reason: null });
      await this.audit.record(m, {
        action: 'course.schedule',
        entity: 'course',
        entityId: courseId,
        details: {
          submissionNo,
          fractions: result.appointments.length,
          firstDate: result.firstDate,
          lateStart: result.lateStart,
          ...(result.displaced?.length ? { moved: result.displaced.map((d) => d.courseId) } : {}),
          ...(result.shifts?.length ? { shifted: result.shifts.length } : {}),
        },
      });
      return { outcome: { outcome: 'SCHEDULED', appointments: result.appointments.length, lateStart: result.lateStart, attempts }, written };
    }
    await m.getRepository(Course).update({ id: courseId }, { status: 'UNSCHEDULABLE', reason: result.reason, lateStart: false });
    await this.audit.record(m, { action: 'course.unschedulable', entity: 'course', entityId: courseId, details: { submissionNo, reason: result.reason } });
    return { outcome: { outcome: 'UNSCHEDULABLE', reason: result.reason, attempts }, written: [] };
  }

  private async recordShifts(m: EntityManager, shifts: Shift[], byCourseId: string): Promise<void> {
    for (const courseId of new Set(shifts.map((sh) => sh.courseId))) {
      const own = shifts.filter((sh) => sh.courseId === courseId);
      await this.audit.record(m, {
        action: 'course.shifted',
        entity: 'course',
        entityId: courseId,
        details: { byCourse: byCourseId, fractions: own.map((sh) => ({ fraction: sh.fraction, from: sh.from.start, to: sh.to.start, roomId: sh.to.roomId })) },
      });
    }
  }

  private async recordDisplacement(m: EntityManager, d: DisplacedCourse, byCourseId: string): Promise<void> {
    await m.getRepository(Course).update({ id: d.courseId }, { lateStart: d.lateStart });
    await this.audit.record(m, {
      action: 'course.displaced',
      entity: 'course',
      entityId: d.courseId,
      details: { byCourse: byCourseId, firstDate: d.firstDate, lateStart: d.lateStart, fractions: d.moves.length },
    });
  }
}
