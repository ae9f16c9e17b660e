/** Date-string facade over the compiled calendar, for callers outside the core. */
import { CenterConfig } from '../types';
import { parseDate } from '../time/civil-day';
import { formatInstant } from '../time/zone';
import { calendarFor } from './center-calendar';

export function isOpenDay(center: CenterConfig, date: string): boolean {
  return calendarFor(center).isOpenDay(parseDate(date));
}

/** Bookable intervals of a room on a date (hours minus QA, closures and downtime), as ISO instants. */
export function openIntervals(center: CenterConfig, roomId: string, date: string): Array<{ start: string; end: string }> {
  const cal = calendarFor(center);
  return cal.openIntervals(roomId, parseDate(date)).map(([s, e]) => ({
    start: formatInstant(center.timeZone, s),
    end: formatInstant(center.timeZone, e),
  }));
}

export function anesthesiaWindow(center: CenterConfig, date: string): Array<{ start: string; end: string }> {
  const cal = calendarFor(center);
  return cal.anesthesiaWindow(parseDate(date)).map(([s, e]) => ({
    start: formatInstant(center.timeZone, s),
    end: formatInstant(center.timeZone, e),
  }));
}
