import type { EntityManager } from 'typeorm';
import { centerToday } from '../common/center-clock';
import type { PlannedDowntime } from './downtime-plan';
import { isOpenDay, OpenedDay } from '../scheduling';
import type { CenterConfig } from '../scheduling';

const DAY_MS = 86_400_000;

/** Parts of `before` that `after` (null: withdrawn) no longer covers. */
export function freedSpans(before: PlannedDowntime, after: PlannedDowntime | null): Array<[number, number]> {
  const [s, e] = [before.start.getTime(), before.end.getTime()];
  if (!after) return [[s, e]];
  const spans: Array<[number, number]> = [];
  if (after.start.getTime() > s) spans.push([s, Math.min(e, after.start.getTime())]);
  if (after.end.getTime() < e) spans.push([Math.max(s, after.end.getTime()), e]);
  return spans.filter(([a, b]) => b > a);
}

/**
 * The days a shortened or withdrawn downtime gives back, as opened days for the opened-days reschedule.
 * The core's openedDays compares calendars by their hours and closures, where a downtime never closes a
 * day (it only makes the day one a course may leave unused), so it finds none here: these are the center
 * days the freed time touches that are open in `center` (the calendar after the change), from today to
 * the last booked fraction. Which courses actually left them unused is the core's to judge, as always.
 */
export async function freedDays(
  m: EntityManager,
  center: CenterConfig,
  before: PlannedDowntime,
  after: PlannedDowntime | null,
  now: Date,
  why: string,
): Promise<OpenedDay[]> {
  const [{ last }] = (await m.query(`SELECT max(start) AS last FROM appointments WHERE status = 'BOOKED'`)) as Array<{ last: Date | null }>;
  if (!last) return [];
  const [from, to] = [centerToday(center.timeZone, now), centerToday(center.timeZone, last)];
  const dates = new Set<string>();
  for (const [s, e] of freedSpans(before, after)) {
    // Walk in steps under a day from the span's start, then its last instant: every local date it touches.
    for (let at = s; at < e; at += DAY_MS / 2) dates.add(centerToday(center.timeZone, new Date(at)));
    dates.add(centerToday(center.timeZone, new Date(e - 1)));
  }
  return [...dates]
    .filter((date) => date >= from && date <= to && isOpenDay(center, date))
    .sort()
    .map((date) => ({ date, why }));
}
