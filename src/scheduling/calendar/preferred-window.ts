/**
 * A patient's preferred daily window (soft): the allocator ranks places inside it first, and each
 * course reports whether its fractions kept to it. Minutes are local minutes of the day.
 */
import { Booking, CourseRequest, PreferredWindow } from '../types';
import { localDayOf, localMidnight, parseHhmm, parseInstant } from '../time/zone';

export interface PreferredMinutes {
  from: number;
  to: number;
}

export function preferredMinutesOf(w: PreferredWindow | undefined): PreferredMinutes | null {
  return w ? { from: parseHhmm(w.from), to: parseHhmm(w.to) } : null;
}

/** Whether a fraction starting at `minuteOfDay` and lasting `minutes` lies inside the window. */
export function insidePreferred(w: PreferredMinutes, minuteOfDay: number, minutes: number): boolean {
  return minuteOfDay >= w.from && minuteOfDay + minutes <= w.to;
}

export type PreferenceOutcome = 'NONE' | 'MET' | 'NOT_MET';

/**
 * Met when every fraction still to be given or given (not cancelled, not missed) lies inside the
 * window; NONE when the course states no window or has no such fraction.
 */
export function preferenceOutcome(timeZone: string, course: Pick<CourseRequest, 'preferredWindow'>, bookings: Booking[]): PreferenceOutcome {
  const w = preferredMinutesOf(course.preferredWindow);
  if (!w) return 'NONE';
  const counted = bookings.filter((b) => b.status !== 'CANCELLED' && b.status !== 'MISSED');
  if (counted.length === 0) return 'NONE';
  const inside = counted.every((b) => {
    const s = parseInstant(b.start);
    const tod = s - localMidnight(timeZone, localDayOf(timeZone, s));
    return insidePreferred(w, tod, parseInstant(b.end) - s);
  });
  return inside ? 'MET' : 'NOT_MET';
}
