/** SPEC §2 defaults for a course request. */
import { CenterConfig, CourseRequest, PartialCourseRequest, Urgency } from '../types';
import { formatDate, parseDate } from '../time/civil-day';
import { formatInstant, localToEpochMin } from '../time/zone';
import { calendarFor } from '../calendar/center-calendar';

export const DUE_WORKING_DAYS: Record<Urgency, number> = { EMERGENCY: 1, URGENT: 10, ROUTINE: 20 };
/** SPEC §1: a fraction uses the beam for 8 minutes, starting 10 minutes in (set-up and imaging first). */
export const DEFAULT_BEAM_MINUTES = 8;
export const DEFAULT_BEAM_OFFSET_MINUTES = 10;

export function defaultFractionMinutes(category: 'ADULT' | 'PEDIATRIC', anesthesia: boolean): number {
  if (anesthesia) return 50;
  return category === 'PEDIATRIC' ? 40 : 30;
}

/** The date `n` open days after `date` (open = the center works that day). */
export function addWorkingDays(center: CenterConfig, date: string, n: number): string {
  const cal = calendarFor(center);
  let d = parseDate(date);
  let left = n;
  // Bounded: a center closed for a whole year has no working days to count.
  for (let guard = 0; left > 0 && guard < 800; guard++) {
    d++;
    if (cal.isOpenDay(d)) left--;
  }
  return formatDate(d);
}

export function resolveCourseDefaults(partial: PartialCourseRequest, center: CenterConfig): CourseRequest {
  if (partial.fractions === undefined) throw new RangeError(`course ${partial.id}: fractions is required`);
  const patientCategory = partial.patientCategory ?? 'ADULT';
  const requiresAnesthesia = partial.requiresAnesthesia ?? false;
  const urgency = partial.urgency ?? 'ROUTINE';
  const arrival = partial.arrival ?? formatInstant(center.timeZone, localToEpochMin(center.timeZone, parseDate(partial.earliestStart), 0));
  return {
    id: partial.id,
    arrival,
    patientCategory,
    urgency,
    fractions: partial.fractions,
    fractionsPerWeek: partial.fractionsPerWeek ?? 5,
    fractionMinutes: partial.fractionMinutes ?? defaultFractionMinutes(patientCategory, requiresAnesthesia),
    beamMinutes: partial.beamMinutes ?? DEFAULT_BEAM_MINUTES,
    beamOffsetMinutes: partial.beamOffsetMinutes ?? DEFAULT_BEAM_OFFSET_MINUTES,
    requiresAnesthesia,
    roomKinds: partial.roomKinds && partial.roomKinds.length ? [...partial.roomKinds] : undefined,
    earliestStart: partial.earliestStart,
    dueStart: partial.dueStart ?? addWorkingDays(center, partial.earliestStart, DUE_WORKING_DAYS[urgency]),
    ...(partial.birthDate ? { birthDate: partial.birthDate } : {}),
    ...(partial.unavailableDates?.length ? { unavailableDates: [...partial.unavailableDates] } : {}),
    ...(partial.preferredWindow ? { preferredWindow: { ...partial.preferredWindow } } : {}),
  };
}
