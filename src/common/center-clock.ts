import { unprocessable } from './problem';
import { DayNum, formatDate, parseDate, ymd, localDayOf } from '../scheduling';

/**
 * The wall clock behind the plausibility rules ("today", "this year"). One object, so a test can
 * move it with jest.spyOn(clock, 'now') instead of waiting for New Year's Eve.
 */
export const clock = {
  now: (): Date => new Date(),
};

/** Today in the center's time zone: a ministry's year and a patient's birthday follow Almaty, not the server. */
export function centerToday(timeZone: string, now: Date = clock.now()): string {
  return formatDate(centerDayNum(timeZone, now));
}

export function centerYear(timeZone: string, now: Date = clock.now()): number {
  return ymd(centerDayNum(timeZone, now)).year;
}

function centerDayNum(timeZone: string, now: Date): DayNum {
  return localDayOf(timeZone, Math.floor(now.getTime() / 60_000));
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days);
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(date: string, years: number): string {
  const { year, month, day } = ymd(parseDate(date));
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${target}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

export interface DateWindow {
  /** First allowed date, YYYY-MM-DD. */
  from: string;
  /** Last allowed date, YYYY-MM-DD. */
  to: string;
}

/**
 * 422 `date-out-of-range` unless `from <= value <= to`. YYYY-MM-DD strings compare like the dates
 * they name, so no parsing is needed.
 */
export function requireDateWithin(field: string, value: string, window: DateWindow, why: string): void {
  if (value >= window.from && value <= window.to) return;
  throw unprocessable('date-out-of-range', `${field} ${value} must be between ${window.from} and ${window.to}: ${why}`, {
    field,
    min: window.from,
    max: window.to,
  });
}

/**
 * Dates a calendar entry (closure, decree working day, downtime) may name: from last January, so last
 * year stays correctable (capacity reports look back), to two Decembers ahead (decrees move days a year
 * or two ahead). A year typo (2062 for 2026) falls outside.
 */
export function calendarEntryWindow(timeZone: string): DateWindow {
  const year = centerYear(timeZone);
  return { from: `${year - 1}-01-01`, to: `${year + 2}-12-31` };
}

export const COURSE_DAYS_BACK = 90;
export const COURSE_YEARS_AHEAD = 2;
export const COURSE_WINDOW_RULE = `a course may start at most ${COURSE_DAYS_BACK} days back and at most ${COURSE_YEARS_AHEAD} years ahead (the longest planning horizon)`;

/**
 * Course dates (earliestStart, dueStart) a prescription may carry: up to 90 days back (a
 * prescription entered late just means "as soon as possible"; rule 5 books nothing in the past)
 * and up to 2 years ahead (the longest planning horizon the center may set is 104 weeks).
 */
export function courseDateWindow(timeZone: string): DateWindow {
  const today = centerToday(timeZone);
  return { from: addDays(today, -COURSE_DAYS_BACK), to: addYears(today, COURSE_YEARS_AHEAD) };
}
