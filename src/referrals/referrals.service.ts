import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CenterConfigService } from '../center/center-config.service';
import { countryScope } from '../common/country-scope';
import { conflict, notFound, unprocessable } from '../common/problem';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import { CourseService } from '../courses/course.service';
import { PatientService } from '../patients/patient.service';
import { Quota } from '../quotas/quota.entity';
import { requireCourseNotBeforeQuotaYear, requireOpenQuotaYear } from '../quotas/quota-year';
import { ReservationsService } from '../quotas/reservations.service';
import { DEFAULT_PAGE_LIMIT } from '../common/page-query.dto';
import { CreateReferralDto } from './dto/create-referral.dto';
import { ListReferralsDto } from './dto/list-referrals.dto';
import { Referral } from './referral.entity';
import { QuotaCategory } from '../quotas/quota-category.entity';
import { patientCategory } from '../courses/course-request.mapper';
import { ReferralRow, ReferralView, toReferralView } from './views/referral.view';
import { requireReferralSound } from './referral-defects';

/** What a caller writing beside a new referral needs to know of it. */
export interface ReferralLinkage {
  id: string;
  countryCode: string;
  patientId: string;
  courseId: string;
}

/** The hold a one-step referral makes is used up at once; its days only fill the column. */
const ONE_STEP_HOLD_DAYS = 1;

// The first fraction is the earliest one not cancelled; its date is read in the center's zone.
const REFERRAL_SQL = `
  SELECT r.id, r.reservation_id, r.quota_id, r.country_code, r.status, r.patient_id, r.course_id, r.created_at, r.returned_at,
         p.first_name || ' ' || p.last_name AS patient_name,
         c.status AS course_status, c.reason AS course_reason,
         f.first_at AS first_fraction_at,
         to_char(f.first_at AT TIME ZONE (SELECT time_zone FROM center_settings WHERE id = 1), 'YYYY-MM-DD') AS first_fraction_date,
         c.fractions AS fractions_total,
         (SELECT count(*) FROM appointments a WHERE a.course_id = r.course_id AND a.status = 'DELIVERED')::int AS fractions_done,
         (SELECT json_build_object('start', a.start, 'end', a."end", 'roomName', rm.name, 'status', a.status)
            FROM appointments a JOIN rooms rm ON rm.id = a.room_id
           WHERE a.course_id = r.course_id AND a.status <> 'CANCELLED' ORDER BY a.start LIMIT 1) AS first_fraction,
         (SELECT json_build_object('start', a.start, 'end', a."end", 'roomName', rm.name, 'status', a.status)
            FROM appointments a JOIN rooms rm ON rm.id = a.room_id
           WHERE a.course_id = r.course_id AND a.status = 'BOOKED' AND a."end" > now() ORDER BY a.start LIMIT 1) AS next_fraction,
         EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'course.cancel' AND l.entity = 'course' AND l.entity_id = r.course_id::text AND l.role = 'MINISTRY') AS withdrawn_by_ministry,
         (SELECT time_zone FROM center_settings WHERE id = 1) AS center_time_zone
    FROM referrals r
    JOIN courses c ON c.id = r.course_id
    JOIN patients p ON p.id = r.patient_id
    LEFT JOIN LATERAL (SELECT min(a.start) AS first_at FROM appointments a WHERE a.course_id = r.course_id AND a.status <> 'CANCELLED') f ON true
    JOIN quotas q ON q.id = r.quota_id
   WHERE ($1::char(2) IS NULL OR r.country_code = $1)
     AND ($2::uuid IS NULL OR r.id = $2)
     AND ($3::uuid IS NULL OR r.quota_id = $3)
     AND ($4::text IS NULL OR r.status = $4)
     AND ($5::int IS NULL OR q.year = $5)
     AND ($6::char(2) IS NULL OR r.country_code = $6)
   ORDER BY r.created_at DESC, r.id
   LIMIT $7 OFFSET $8`;

@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reservations: ReservationsService,
    private readonly patients: PatientService,
    private readonly courses: CourseService,
    private readonly center: CenterConfigService,
  ) {}

  /**
   * Uses one held place, creates the patient and the course in the same transaction (all or
   * nothing), then submits the course for allocation. `record.mrn` is for the center's own callers
   * (the demo seed), never taken from a request; `record.within` writes what arrived with the referral
   * (the FHIR door's documents) in the same transaction.
   */
  async create(
    dto: CreateReferralDto,
    record: { mrn?: string; within?: (m: EntityManager, referral: ReferralLinkage) => Promise<void> } = {},
  ): Promise<ReferralView> {
    // An emergency takes the slots every day keeps free and may move other patients' starts: the
    // center's clinicians decide that, not the referring ministry (which refers as URGENT at most).
    // Checked with every other defect of the form at once (requireReferralSound).
    await requireReferralSound(this.dataSource.manager, dto, requestContext.actor()?.role, (await this.center.getSettings()).timeZone, requireWithinCategory);
    const referralId = randomUUID();
    const courseId = await this.dataSource.transaction(async (m) => {
      // Locks quota then reservation first, so two referrals on the last place cannot both pass. One step:
      // hold one place of the quota and use it at once, in this transaction (all or nothing).
      const placeId = dto.reservationId ?? (await this.reservations.holdPlaces(m, dto.quotaId!, 1, ONE_STEP_HOLD_DAYS)).id;
      const reservation = await this.reservations.useOnePlace(m, placeId, referralId);
      const { year, category } = await m.getRepository(Quota).findOneByOrFail({ id: reservation.quotaId });
      requireOpenQuotaYear(year, (await this.center.getSettings(m)).timeZone, 'its places can no longer be used');
      requireCourseNotBeforeQuotaYear(dto.course.earliestStart, year);
      requireWithinCategory(await m.getRepository(QuotaCategory).findOneByOrFail({ code: category }), dto.patient.birthDate, dto.course);
      const country = reservation.countryCode;
      const patient = await this.patients.create({ ...dto.patient, mrn: record.mrn, countryCode: country }, m, country);
      const course = await this.courses.create({ ...dto.course, patientId: patient.id }, m, { referralId, countryCode: country });
      const actor = requestContext.actor() ?? SYSTEM_ACTOR;
      await m.getRepository(Referral).insert({
        id: referralId,
        reservationId: reservation.id,
        quotaId: reservation.quotaId,
        countryCode: country,
        patientId: patient.id,
        courseId: course.id,
        status: 'ACTIVE',
        createdBy: actor.username,
        returnedAt: null,
      });
      await this.audit.record(m, {
        action: 'referral.create',
        entity: 'referral',
        entityId: referralId,
        details: { reservationId: reservation.id, quotaId: reservation.quotaId, patientId: patient.id, courseId: course.id },
      });
      await record.within?.(m, { id: referralId, countryCode: country, patientId: patient.id, courseId: course.id });
      return course.id;
    });
    // submit() records QUEUED in its own transaction; if it fails here, the course stays DRAFT with its place used.
    try {
      await this.courses.submit(courseId);
    } catch (error) {
      this.logger.error(`referral ${referralId}: course ${courseId} was created but not submitted: ${(error as Error).message}`);
    }
    return this.get(referralId);
  }

  async list(query: ListReferralsDto = {}): Promise<ReferralView[]> {
    const filters = [query.quotaId ?? null, query.status ?? null, query.year ?? null, query.countryCode ?? null];
    const rows: ReferralRow[] = await this.dataSource.query(REFERRAL_SQL, [
      countryScope(),
      null,
      ...filters,
      query.limit ?? DEFAULT_PAGE_LIMIT,
      query.offset ?? 0,
    ]);
    return rows.map(toReferralView);
  }

  /**
   * A ministry withdraws a referred patient before the first fraction: the course is cancelled and,
   * in the same transaction, the place goes back to the quota (the return listener).
   */
  async cancel(id: string, reason?: string): Promise<ReferralView> {
    const referral = await this.get(id);
    if (referral.status !== 'ACTIVE') {
      throw conflict('referral-returned', `Referral ${id} was already withdrawn and its place returned`, { referralStatus: referral.status });
    }
    await this.courses.cancel(referral.courseId, reason ?? 'Referral withdrawn', { onlyBeforeFirstFraction: true });
    return this.get(id);
  }

  async get(id: string): Promise<ReferralView> {
    const [row]: ReferralRow[] = await this.dataSource.query(REFERRAL_SQL, [countryScope(), id, null, null, null, null, 1, 0]);
    if (!row) throw notFound('Referral', id);
    return toReferralView(row);
  }
}

/**
 * A place of a category goes to the patients it was agreed for (422 otherwise, before anything is
 * written: the place stays held). The patient's category is judged on the course's earliest start,
 * as the scheduler judges it.
 */
function requireWithinCategory(category: QuotaCategory, birthDate: string, course: { diagnosisGroup: string; earliestStart: string }): void {
  if (category.patientCategory && patientCategory(birthDate, course.earliestStart) !== category.patientCategory) {
    const who = category.patientCategory === 'PEDIATRIC' ? "children (under 18 on the course's earliest start)" : 'adults';
    throw unprocessable('referral-outside-category', `Places of ${category.code} are for ${who}`, { field: 'patient.birthDate' });
  }
  if (category.diagnosisGroups && !category.diagnosisGroups.includes(course.diagnosisGroup)) {
    throw unprocessable(
      'referral-outside-category',
      `Places of ${category.code} are for ${category.diagnosisGroups.join(', ')} courses, not ${course.diagnosisGroup}`,
      {
        field: 'course.diagnosisGroup',
      },
    );
  }
}
