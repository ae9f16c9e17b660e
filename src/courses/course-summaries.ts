import type { EntityManager } from 'typeorm';
import { localForms, localInstant } from '../common/local-time';
import { preparedQuery } from '../database/prepared-query';
import { Course } from './course.entity';
import { liveFractionsSql } from './live-fractions';
import { CourseSummaryView, FractionAtView, toCourseView } from './views/course.view';

/**
 * A course under way with fewer of its prescribed fractions booked or given than it has: the
 * rescheduler could not place one (or a missed one was not given again), so a coordinator must.
 */
export const NEEDS_REBOOKING = `c.status IN ('SCHEDULED', 'IN_TREATMENT') AND c.fractions > ${liveFractionsSql('c.id')}`;

/** A course with a child's booked fraction outside the pediatric hours (rule 9; the view is the migration's report). */
export const BREAKS_PEDIATRIC_HOURS = `EXISTS (SELECT 1 FROM pediatric_hours_breaches x WHERE x.course_id = c.id)`;

/**
 * With a preferred window: every booked or delivered fraction inside it (local times in the
 * center's zone); null without a window or such fractions.
 */
const PREFERRED_WINDOW_MET = `
  CASE WHEN c.preferred_window IS NULL THEN NULL ELSE (
    SELECT bool_and((a.start AT TIME ZONE $2) >= (a.start AT TIME ZONE $2)::date + (c.preferred_window ->> 'from')::interval
                AND (a.end AT TIME ZONE $2) <= (a.start AT TIME ZONE $2)::date + (c.preferred_window ->> 'to')::interval)
      FROM appointments a WHERE a.course_id = c.id AND a.status IN ('BOOKED', 'DELIVERED')) END`;

/** Per course: progress and first/last fraction, one pass over its appointments. */
export const COURSE_PROGRESS_JOIN = `
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE a.status = 'DELIVERED')::int AS delivered,
           count(*) FILTER (WHERE a.status = 'BOOKED')::int AS booked,
           min(a.start) FILTER (WHERE a.status <> 'CANCELLED') AS first_start,
           max(a.start) FILTER (WHERE a.status IN ('BOOKED', 'DELIVERED')) AS last_start
      FROM appointments a WHERE a.course_id = c.id) prog ON true`;

interface SummaryRow {
  id: string;
  delivered: number;
  booked: number;
  first_start: Date | null;
  last_start: Date | null;
  needs_rebooking: boolean;
  pediatric: boolean;
  preferred_window_met: boolean | null;
  breaks_pediatric_hours: boolean;
  full_name: string;
  mrn: string | null;
  birth_date: string;
  country_code: string;
}

/** Summaries of these courses, in the order given (one query for all of them). */
export async function courseSummaries(m: EntityManager, courses: Course[], timeZone: string): Promise<CourseSummaryView[]> {
  if (courses.length === 0) return [];
  const rows = await preparedQuery<SummaryRow>(
    m,
    'course-summaries',
    `SELECT c.id, prog.delivered, prog.booked, prog.first_start, prog.last_start, (${NEEDS_REBOOKING}) AS needs_rebooking,
            (p.birth_date + interval '18 years' > c.earliest_start) AS pediatric,
            ${PREFERRED_WINDOW_MET} AS preferred_window_met, ${BREAKS_PEDIATRIC_HOURS} AS breaks_pediatric_hours,
            p.first_name || ' ' || p.last_name AS full_name, p.mrn, p.birth_date::text AS birth_date, p.country_code
       FROM courses c JOIN patients p ON p.id = c.patient_id ${COURSE_PROGRESS_JOIN}
      WHERE c.id = ANY($1)`,
    [courses.map((c) => c.id), timeZone],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const at = (start: Date | null): FractionAtView | null => (start ? { start: localInstant(timeZone, start), ...localForms(timeZone, start) } : null);
  return courses.map((c) => {
    const r = byId.get(c.id)!;
    return {
      ...toCourseView(c),
      patient: { id: c.patientId, fullName: r.full_name, mrn: r.mrn, birthDate: r.birth_date, countryCode: r.country_code },
      delivered: r.delivered,
      booked: r.booked,
      firstFraction: at(r.first_start),
      lastFraction: at(r.last_start),
      needsRebooking: r.needs_rebooking,
      pediatric: r.pediatric,
      preferredWindowMet: r.preferred_window_met,
      breaksPediatricHours: r.breaks_pediatric_hours,
    };
  });
}
