import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { countryScope } from '../common/country-scope';
import { addYears, centerToday, COURSE_WINDOW_RULE, courseDateWindow, requireDateWithin } from '../common/center-clock';
import { MAX_AGE_YEARS } from '../patients/patient.service';
import { ProblemException } from '../common/problem';
import { Quota } from '../quotas/quota.entity';
import { QuotaCategory } from '../quotas/quota-category.entity';
import { QuotaReservation } from '../quotas/quota-reservation.entity';
import { requireCourseNotBeforeQuotaYear, requireOpenQuotaYear } from '../quotas/quota-year';
import type { CreateReferralDto } from './dto/create-referral.dto';

/** A check that throws its own problem, with the form field it is about (the course's fields prefixed). */
type Check = [field: string, run: () => void];

/**
 * Every 422 a referral form can earn before anything is written, gathered rather than thrown one at a
 * time, so a ministry fixes them all in one submit. The same checks still run where they always did
 * (patients, courses, reservations): this only asks them all first. One defect is thrown as it always
 * was (same slug); several become one `invalid-referral` problem listing each in `errors` and `problems`.
 */
export async function requireReferralSound(
  m: EntityManager,
  dto: CreateReferralDto,
  actorRole: string | undefined,
  timeZone: string,
  categoryCheck: (category: QuotaCategory, birthDate: string, course: { diagnosisGroup: string; earliestStart: string }) => void,
): Promise<void> {
  const quota = await quotaOf(m, dto);
  const { course, patient } = dto;
  const window = courseDateWindow(timeZone);
  const today = centerToday(timeZone);
  const lifetime = { from: addYears(today, -MAX_AGE_YEARS), to: today };
  const birthPlausible = patient.birthDate >= lifetime.from && patient.birthDate <= lifetime.to;
  const checks: Check[] = [
    [
      'course.urgency',
      () => {
        if (course.urgency === 'EMERGENCY' && actorRole === 'MINISTRY') {
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'emergency-set-by-center',
            'Unprocessable Content',
            'A ministry refers a course as ROUTINE or URGENT; an EMERGENCY start is decided by the center',
            { field: 'course.urgency' },
          );
        }
      },
    ],
    [
      'patient.birthDate',
      () => requireDateWithin('patient.birthDate', patient.birthDate, lifetime, `a patient is born by today and at most ${MAX_AGE_YEARS} years ago`),
    ],
    ['course.earliestStart', () => requireDateWithin('course.earliestStart', course.earliestStart, window, COURSE_WINDOW_RULE)],
    ['course.dueStart', () => course.dueStart !== undefined && requireDateWithin('course.dueStart', course.dueStart, window, COURSE_WINDOW_RULE)],
    [
      'course.dueStart',
      () => {
        if (course.dueStart && course.dueStart < course.earliestStart) {
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'invalid-due-start',
            'Unprocessable Content',
            'dueStart must not be before earliestStart',
            { field: 'course.dueStart' },
          );
        }
      },
    ],
    [
      'course.earliestStart',
      () => {
        // An implausible birth date is already reported; a course "before" it says nothing more.
        if (birthPlausible && course.earliestStart < patient.birthDate) {
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'course-before-birth',
            'Unprocessable Content',
            `earliestStart ${course.earliestStart} is before the patient's birth date ${patient.birthDate}`,
            { field: 'course.earliestStart' },
          );
        }
      },
    ],
  ];
  if (quota) {
    const category = await m.getRepository(QuotaCategory).findOneBy({ code: quota.category });
    checks.push(
      [dto.quotaId ? 'quotaId' : 'reservationId', () => requireOpenQuotaYear(quota.year, timeZone, 'its places can no longer be used')],
      ['course.earliestStart', () => requireCourseNotBeforeQuotaYear(course.earliestStart, quota.year)],
    );
    if (category && birthPlausible) checks.push(['patient', () => categoryCheck(category, patient.birthDate, course)]);
  }
  const problems: Array<{ problem: ProblemException; field: string }> = [];
  for (const [checkField, run] of checks) {
    try {
      run();
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      const own = error.extensions.field;
      // The body path of the field: the check's own when the problem names a column ('year') instead.
      problems.push({ problem: error, field: typeof own === 'string' && /^(course|patient)\./.test(own) ? own : checkField });
    }
  }
  if (problems.length === 1) throw problems[0].problem;
  if (problems.length > 1) {
    const listed = problems.map(({ problem, field }) => ({ type: problem.slug, field, detail: problem.message }));
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'invalid-referral',
      'Unprocessable Content',
      `The referral has ${problems.length} problems: ${listed.map((p) => p.detail).join('; ')}`,
      {
        errors: listed.map((p) => ({ field: p.field, messages: [p.detail] })),
        problems: listed,
      },
    );
  }
}

/** The quota the referral would take its place from, as the caller may see it (null: the transaction answers 404). */
async function quotaOf(m: EntityManager, dto: CreateReferralDto): Promise<Pick<Quota, 'year' | 'category'> | null> {
  const scope = countryScope();
  let quotaId = dto.quotaId;
  if (!quotaId && dto.reservationId) {
    const r = await m.getRepository(QuotaReservation).findOneBy(scope ? { id: dto.reservationId, countryCode: scope } : { id: dto.reservationId });
    // A hold that can no longer be used answers its own 409 (expired, released, used up) in the transaction,
    // as it always did: the quota's rules are no news about a place that is not there.
    if (!r || r.status !== 'HELD' || r.expiresAt.getTime() <= Date.now()) return null;
    quotaId = r.quotaId;
  }
  if (!quotaId) return null;
  return m.getRepository(Quota).findOneBy(scope ? { id: quotaId, countryCode: scope } : { id: quotaId });
}
