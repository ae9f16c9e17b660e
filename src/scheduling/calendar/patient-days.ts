/**
 * Rules 9 and 10 are about the patient, not the center: whether the patient is a child on a given
 * day (the 18th birthday can fall inside a course) and which days the patient cannot come.
 */
import { CourseRequest } from '../types';
import { DayNum, dayNumOf, parseDate } from '../time/civil-day';

export const DEFAULT_PEDIATRIC_HOURS: [string, string] = ['08:00', '18:00'];

/**
 * The first day the patient counts as an adult: the 18th birthday (29 February births turn 18 on
 * 1 March in common years). Without a birth date the category holds for every day.
 */
export function adultFromDay(course: Pick<CourseRequest, 'birthDate' | 'patientCategory'>): DayNum {
  if (course.birthDate) {
    const [y, m, d] = course.birthDate.split('-').map(Number);
    return dayNumOf(y + 18, m, d);
  }
  return course.patientCategory === 'PEDIATRIC' ? Infinity : -Infinity;
}

/** The patient's unavailable days (rule 10), or undefined when there are none. */
export function unavailableDaysOf(course: Pick<CourseRequest, 'unavailableDates'>): ReadonlySet<DayNum> | undefined {
  const dates = course.unavailableDates;
  return dates && dates.length > 0 ? new Set(dates.map(parseDate)) : undefined;
}
