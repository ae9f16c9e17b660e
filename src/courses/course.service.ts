import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockBookings } from '../database/booking-lock';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { canSeeCountry, countryScope } from '../common/country-scope';
import { conflict, notFound, unprocessable } from '../common/problem';
import { Patient } from '../patients/patient.entity';
import { ReadModelCache } from '../read-model/read-model-cache';
import { rememberJson } from '../read-model/remembered-json';
import { JobRepository } from '../queue/job.repository';
import { JOBS } from '../queue/jobs/job-catalog';
import { localMidnight, parseDate, resolveCourseDefaults } from '../scheduling';
import { addDays, COURSE_WINDOW_RULE, courseDateWindow, requireDateWithin } from '../common/center-clock';
import { DEFAULT_PAGE_LIMIT } from '../common/page-query.dto';
import { courseHasStarted } from './course-started';
import { CourseEvents } from './course-events.service';
import { Course, CourseStatus } from './course.entity';
import { patientCategory } from './course-request.mapper';
import { CreateCourseDto } from './dto/create-course.dto';
import { ListCoursesDto } from './dto/list-courses.dto';
import { BREAKS_PEDIATRIC_HOURS, courseSummaries, NEEDS_REBOOKING } from './course-summaries';
import { CourseSummaryView } from './views/course.view';

/** Statuses from which a course may be (re)submitted for allocation. */
const SUBMITTABLE: CourseStatus[] = ['DRAFT', 'UNSCHEDULABLE'];
const CANCELLABLE: CourseStatus[] = ['DRAFT', 'QUEUED', 'SCHEDULED', 'UNSCHEDULABLE', 'IN_TREATMENT'];

export interface ReferralLink {
  referralId: string;
  countryCode: string;
}

@Injectable()
export class CourseService {
  private readonly logger = new Logger(CourseService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly centerConfig: CenterConfigService,
    private readonly jobs: JobRepository,
    private readonly events: CourseEvents,
    private readonly cache: ReadModelCache,
  ) {}

  /** A DRAFT course with SPEC defaults filled in. The referral flow passes its manager and link. */
  async create(dto: CreateCourseDto, manager?: EntityManager, referral?: ReferralLink): Promise<Course> {
    const run = async (m: EntityManager): Promise<Course> => {
      const patient = await m.getRepository(Patient).findOneBy({ id: dto.patientId });
      if (!patient || (!referral && !canSeeCountry(patient.referralCountryCode))) {
        throw unprocessable('unknown-patient', `Patient ${dto.patientId} does not exist`, { field: 'patientId' });
      }
      if (dto.dueStart && dto.dueStart < dto.earliestStart) {
        throw unprocessable('invalid-due-start', 'dueStart must not be before earliestStart', { field: 'dueStart' });
      }
      const center = await this.centerConfig.load(m);
      const window = courseDateWindow(center.timeZone);
      requireDateWithin('earliestStart', dto.earliestStart, window, COURSE_WINDOW_RULE);
      if (dto.dueStart) requireDateWithin('dueStart', dto.dueStart, window, COURSE_WINDOW_RULE);
      // A date before the course may start cannot be booked anyway: stating it is a mistake worth telling.
      const unavailableWindow = { from: dto.earliestStart, to: window.to };
      for (const date of dto.unavailableDates ?? []) {
        requireDateWithin(
          'unavailableDates',
          date,
          unavailableWindow,
          "an unavailable date lies between the course's earliestStart and the end of the course window",
        );
      }
      if (dto.earliestStart < patient.birthDate) {
        throw unprocessable('course-before-birth', `earliestStart ${dto.earliestStart} is before the patient's birth date ${patient.birthDate}`, {
          field: 'earliestStart',
        });
      }
      const resolved = resolveCourseDefaults(
        {
          id: 'new',
          arrival: new Date().toISOString(),
          patientCategory: patientCategory(patient.birthDate, dto.earliestStart),
          urgency: dto.urgency,
          fractions: dto.fractions,
          fractionsPerWeek: dto.fractionsPerWeek,
          fractionMinutes: dto.fractionMinutes,
          beamMinutes: dto.beamMinutes,
          beamOffsetMinutes: dto.beamOffsetMinutes,
          requiresAnesthesia: dto.requiresAnesthesia ?? false,
          roomKinds: dto.roomKinds,
          earliestStart: dto.earliestStart,
          dueStart: dto.dueStart,
        },
        center,
      );
      if (resolved.beamOffsetMinutes + resolved.beamMinutes > resolved.fractionMinutes) {
        throw unprocessable('beam-outside-fraction', 'beamOffsetMinutes + beamMinutes must fit inside fractionMinutes', {
          field: 'beamMinutes',
        });
      }
      const repo = m.getRepository(Course);
      const course = await repo.save(
        repo.create({
          patientId: patient.id,
          diagnosisGroup: dto.diagnosisGroup,
          urgency: resolved.urgency,
          fractions: resolved.fractions,
          fractionsPerWeek: resolved.fractionsPerWeek,
          fractionMinutes: resolved.fractionMinutes,
          beamMinutes: resolved.beamMinutes,
          beamOffsetMinutes: resolved.beamOffsetMinutes,
          requiresAnesthesia: resolved.requiresAnesthesia,
          roomKinds: resolved.roomKinds ?? [],
          earliestStart: resolved.earliestStart,
          dueStart: resolved.dueStart,
          unavailableDates: [...(dto.unavailableDates ?? [])].sort(),
          preferredWindow: dto.preferredWindow ? { from: dto.preferredWindow.from, to: dto.preferredWindow.to } : null,
          status: 'DRAFT',
          reason: null,
          lateStart: false,
          submissionNo: 0,
          submittedAt: null,
          referralId: referral?.referralId ?? null,
          referralCountryCode: referral?.countryCode ?? null,
        }),
      );
      await this.audit.record(m, { action: 'course.create', entity: 'course', entityId: course.id, details: { patientId: patient.id } });
      return course;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async get(id: string): Promise<Course> {
    const course = await this.dataSource.getRepository(Course).findOneBy({ id });
    if (!course || !canSeeCountry(course.referralCountryCode)) throw notFound('Course', id);
    return course;
  }

  /** A page of course summaries and how many match in all (newest first), kept per committed state and country scope. */
  list(query: ListCoursesDto): Promise<{ items: CourseSummaryView[]; total: number }> {
    const key = `courses|${countryScope() ?? '*'}|${JSON.stringify(query)}`;
    return this.cache.get(key, async () => {
      const { items, total } = await this.listNow(query);
      return { items: rememberJson(items), total };
    });
  }

  private async listNow(query: ListCoursesDto): Promise<{ items: CourseSummaryView[]; total: number }> {
    const center = await this.centerConfig.load();
    const qb = this.dataSource
      .getRepository(Course)
      .createQueryBuilder('c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id')
      .take(query.limit ?? DEFAULT_PAGE_LIMIT)
      .skip(query.offset ?? 0);
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.urgency?.length) qb.andWhere('c.urgency IN (:...urgencies)', { urgencies: query.urgency });
    if (query.patientId) qb.andWhere('c.patient_id = :patientId', { patientId: query.patientId });
    if (query.needsRebooking !== undefined) qb.andWhere(`${query.needsRebooking ? '' : 'NOT '}(${NEEDS_REBOOKING})`);
    if (query.lateStart !== undefined) qb.andWhere('c.late_start = :lateStart', { lateStart: query.lateStart });
    if (query.breaksPediatricHours !== undefined) qb.andWhere(`${query.breaksPediatricHours ? '' : 'NOT '}${BREAKS_PEDIATRIC_HOURS}`);
    if (query.from || query.to) {
      // Whole local days in the center's zone, `to` inclusive.
      const first = `(SELECT min(a.start) FROM appointments a WHERE a.course_id = c.id AND a.status <> 'CANCELLED')`;
      if (query.from) qb.andWhere(`${first} >= :fromInstant`, { fromInstant: localDayStart(center.timeZone, query.from) });
      if (query.to) qb.andWhere(`${first} < :toInstant`, { toInstant: localDayStart(center.timeZone, addDays(query.to, 1)) });
    }
    if (query.search) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM patients p WHERE p.id = c.patient_id
           AND (p.first_name ILIKE :pattern OR p.last_name ILIKE :pattern OR p.mrn ILIKE :pattern OR (p.first_name || ' ' || p.last_name) ILIKE :pattern))`,
        { pattern: `%${escapeLike(query.search.trim())}%` },
      );
    }
    const country = countryScope();
    if (country) qb.andWhere('c.referral_country_code = :cc', { cc: country });
    const [courses, total] = await qb.getManyAndCount();
    return { items: await courseSummaries(this.dataSource.manager, courses, center.timeZone), total };
  }

  /** One course with its patient, progress and first and last fraction. */
  async summary(id: string): Promise<CourseSummaryView> {
    const course = await this.get(id);
    const center = await this.centerConfig.load();
    const [view] = await courseSummaries(this.dataSource.manager, [course], center.timeZone);
    return view;
  }

  /**
   * Records the submission in PostgreSQL first, then enqueues. If Redis is down the course stays
   * QUEUED and the reconciler enqueues it later, so the caller still gets 202.
   */
  async submit(id: string): Promise<Course> {
    const course = await this.dataSource.transaction(async (m) => {
      const c = await this.lockCourse(m, id);
      if (!SUBMITTABLE.includes(c.status)) {
        throw conflict('invalid-course-state', `Course ${id} is ${c.status}; only DRAFT or UNSCHEDULABLE courses can be submitted`, {
          courseStatus: c.status,
        });
      }
      c.status = 'QUEUED';
      c.reason = null;
      c.submissionNo += 1;
      c.submittedAt = new Date();
      await m.getRepository(Course).save(c);
      await this.audit.record(m, { action: 'course.submit', entity: 'course', entityId: c.id, details: { submissionNo: c.submissionNo } });
      return c;
    });
    const enqueued = await this.enqueueAllocation(course);
    if (!enqueued) this.logger.warn(`course ${course.id} stays QUEUED until the reconciler can enqueue it`);
    return course;
  }

  enqueueAllocation(course: Pick<Course, 'id' | 'submissionNo'>): Promise<boolean> {
    return this.jobs.enqueue(JOBS.allocateCourse, { courseId: course.id, submissionNo: course.submissionNo });
  }

  /**
   * Cancels the course and frees every future BOOKED fraction, atomically with the listeners.
   * `onlyBeforeFirstFraction`: a referring ministry withdraws a patient; stopping a treatment that
   * has begun is the center's clinical decision, so that answers 409.
   */
  async cancel(id: string, reason?: string, options: { onlyBeforeFirstFraction?: boolean } = {}): Promise<Course> {
    return this.dataSource.transaction(async (m) => {
      await lockBookings(m);
      const c = await this.lockCourse(m, id);
      if (!CANCELLABLE.includes(c.status)) {
        throw conflict('invalid-course-state', `Course ${id} is ${c.status} and cannot be cancelled`, { courseStatus: c.status });
      }
      if (options.onlyBeforeFirstFraction && (await courseHasStarted(m, id))) {
        throw conflict('course-started', `Course ${id} has begun its treatment: the center's coordinators decide whether to stop it`, {
          courseStatus: c.status,
        });
      }
      // TypeORM answers an UPDATE ... RETURNING with [rows, rowCount].
      const [freed]: [{ id: string }[], number] = await m.query(
        `UPDATE appointments SET status = 'CANCELLED' WHERE course_id = $1 AND status = 'BOOKED' AND start > now() RETURNING id`,
        [id],
      );
      const [{ deliveredFractions }]: [{ deliveredFractions: number }] = await m.query(
        `SELECT count(*)::int AS "deliveredFractions" FROM appointments WHERE course_id = $1 AND status = 'DELIVERED'`,
        [id],
      );
      c.status = 'CANCELLED';
      c.reason = reason ?? c.reason;
      await m.getRepository(Course).save(c);
      await this.audit.record(m, {
        action: 'course.cancel',
        entity: 'course',
        entityId: id,
        details: { freedAppointments: freed.length, reason: reason ?? null },
      });
      await this.events.emitCancelled(m, { course: c, deliveredFractions });
      return c;
    });
  }

  /** Row lock on the course alone (no joins: FOR UPDATE cannot lock an outer join's nullable side). */
  private async lockCourse(m: EntityManager, id: string): Promise<Course> {
    const c = await m.getRepository(Course).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!c || !canSeeCountry(c.referralCountryCode)) throw notFound('Course', id);
    return c;
  }
}

function localDayStart(timeZone: string, date: string): Date {
  return new Date(localMidnight(timeZone, parseDate(date)) * 60_000);
}

/** The search text taken literally: % and _ are no wildcards to a person typing a name. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
