import type { CourseRequest, PatientCategory } from '../scheduling';
import type { Course } from './course.entity';

/** PEDIATRIC when under 18 on the course's earliest start (SPEC §2); dates are 'YYYY-MM-DD'. */
export function patientCategory(birthDate: string, earliestStart: string): PatientCategory {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [sy, sm, sd] = earliestStart.split('-').map(Number);
  const hadBirthday = sm > bm || (sm === bm && sd >= bd);
  const age = sy - by - (hadBirthday ? 0 : 1);
  return age < 18 ? 'PEDIATRIC' : 'ADULT';
}

/** The core's view of a stored course. */
export function toCourseRequest(course: Course, birthDate: string): CourseRequest {
  return {
    id: course.id,
    patientId: course.patientId,
    arrival: (course.submittedAt ?? course.createdAt).toISOString(),
    patientCategory: patientCategory(birthDate, course.earliestStart),
    urgency: course.urgency,
    fractions: course.fractions,
    fractionsPerWeek: course.fractionsPerWeek,
    fractionMinutes: course.fractionMinutes,
    beamMinutes: course.beamMinutes,
    beamOffsetMinutes: course.beamOffsetMinutes,
    requiresAnesthesia: course.requiresAnesthesia,
    roomKinds: course.roomKinds.length > 0 ? course.roomKinds : undefined,
    earliestStart: course.earliestStart,
    dueStart: course.dueStart,
    birthDate,
    ...(course.unavailableDates?.length ? { unavailableDates: course.unavailableDates } : {}),
    ...(course.preferredWindow ? { preferredWindow: course.preferredWindow } : {}),
  };
}
