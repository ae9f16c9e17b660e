import { unprocessable } from '../common/problem';
import { centerYear } from '../common/center-clock';

/**
 * A quota's year is open from now until its New Year's Eve (center time). Once it is over, its
 * places can no longer be granted, changed, held or used: a 2026 course must not consume a place
 * agreed for 2000, and a ministry's ledger for a closed year stays as it was.
 */
export function requireOpenQuotaYear(year: number, timeZone: string, what: string): void {
  const currentYear = centerYear(timeZone);
  if (year >= currentYear) return;
  throw unprocessable('quota-year-over', `The quota year ${year} is over (it is ${currentYear} at the center): ${what}`, {
    field: 'year',
    year,
    currentYear,
  });
}

/**
 * A place of year Y serves a course starting in Y, or one referred in Y that can only start after
 * New Year (a child referred in late December starts in January): never a course of an earlier
 * year. Referring after Y is over is refused by requireOpenQuotaYear.
 */
export function requireCourseNotBeforeQuotaYear(earliestStart: string, quotaYear: number): void {
  if (Number(earliestStart.slice(0, 4)) >= quotaYear) return;
  throw unprocessable(
    'course-outside-quota-year',
    `The course starts ${earliestStart}, before the quota's year ${quotaYear}; refer it against a ${earliestStart.slice(0, 4)} quota`,
    { field: 'course.earliestStart', quotaYear },
  );
}
