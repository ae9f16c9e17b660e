/**
 * Civil calendar dates as integer day numbers (days since 1970-01-01 of the proleptic Gregorian
 * calendar). This is calendar arithmetic only — no instant, no zone: which instant a civil day
 * starts at is the zone module's job.
 */

export type DayNum = number;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(date: string): DayNum {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return dayNumOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function dayNumOf(year: number, month: number, day: number): DayNum {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function ymd(dayNum: DayNum): { year: number; month: number; day: number } {
  const d = new Date(dayNum * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatDate(dayNum: DayNum): string {
  const { year, month, day } = ymd(dayNum);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(dayNum: DayNum): number {
  return (((dayNum + 3) % 7) + 7) % 7;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function weekdayKey(dayNum: DayNum): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[weekdayIndex(dayNum)];
}

/** Monday-based week number; two days share it exactly when they share an ISO week. */
export function weekId(dayNum: DayNum): number {
  return Math.floor((dayNum - 4) / 7);
}

export function isWeekend(dayNum: DayNum): boolean {
  return weekdayIndex(dayNum) >= 5;
}
