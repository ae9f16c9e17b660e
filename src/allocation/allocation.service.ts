import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Appointment } from '../appointments/appointment.entity';
import { lockBookings } from '../appointments/booking-lock';
import { BookingCacheService } from '../appointments/booking-cache.service';
import { fromBooking } from '../appointments/booking.mapper';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { Course, CourseStatus } from '../courses/course.entity';
import { toCourseRequest } from '../courses/course-request.mapper';
import { Patient } from '../patients/patient.entity';
import { allocateCourse } from '../scheduling';

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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centerConfig: CenterConfigService,
    private readonly cache: BookingCacheService,
  ) {}

  async allocate(courseId: string, submissionNo: number): Promise<AllocationOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) => this.allocateOnce(m, courseId, submissionNo, attempt));
      } catch (error) {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn(`allocation of ${courseId} collided (${code}), retry ${attempt}`);
        this.cache.invalidate();
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50 * attempt));
      }
    }
  }

  private async allocateOnce(m: EntityManager, courseId: string, submissionNo: number, attempts: number): Promise<AllocationOutcome> {
    await lockBookings(m);
    const course = await m.getRepository(Course).findOne({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    // Idempotent: a redelivered job, a cancelled course or an outdated submission changes nothing.
    if (!course || course.status !== 'QUEUED' || course.submissionNo !== submissionNo) {
      return { outcome: 'SKIPPED', status: course?.status ?? 'MISSING', attempts };
    }
    const patient = await m.getRepository(Patient).findOneByOrFail({ id: course.patientId });
    const now = new Date(Math.max(Date.now(), course.submittedAt?.getTime() ?? 0));
    const center = await this.centerConfig.load(m);
    const { horizonWeeks } = await this.centerConfig.getSettings(m);
    const bookings = await this.cache.current(m, now);
    const result = allocateCourse(center, bookings, toCourseRequest(course, patient.birthDate), { now: now.toISOString(), horizonWeeks });

    if (result.status === 'SCHEDULED') {
      await m.getRepository(Appointment).insert(result.appointments.map((b) => fromBooking({ ...b, courseId }, center.sharedBeam)));
      await m.getRepository(Course).update({ id: courseId }, { status: 'SCHEDULED', lateStart: result.lateStart, reason: null });
      await this.audit.record(m, {
        action: 'course.schedule',
        entity: 'course',
        entityId: courseId,
        details: { submissionNo, fractions: result.appointments.length, firstDate: result.firstDate, lateStart: result.lateStart },
      });
      return { outcome: 'SCHEDULED', appointments: result.appointments.length, lateStart: result.lateStart, attempts };
    }
    await m.getRepository(Course).update({ id: courseId }, { status: 'UNSCHEDULABLE', reason: result.reason, lateStart: false });
    await this.audit.record(m, { action: 'course.unschedulable', entity: 'course', entityId: courseId, details: { submissionNo, reason: result.reason } });
    return { outcome: 'UNSCHEDULABLE', reason: result.reason, attempts };
  }
}
