import { openIntervals } from '../calendar/calendar-queries';
import { dayNumOf, formatDate, weekdayIndex, DayNum } from '../time/civil-day';
import { localDayOf, localToEpochMin, parseInstant, EpochMin } from '../time/zone';
import type { CenterConfig } from '../types';

/** The forecast's weeks: Monday-to-Monday in the center's zone, starting with the week of `now`. */
export interface WeekGrid {
  timeZone: string;
  nowMin: EpochMin;
  firstMonday: DayNum;
  /** weeks + 1 boundaries, epoch minutes of local Monday midnights. */
  bounds: EpochMin[];
  dates: string[];
  isoWeeks: string[];
  roomIds: string[];
  /**
   * [week][room] open minutes with hours, QA and closures, ignoring downtime; the first week's
   * count from `now` only, since its past days' bookings are no longer in the live schedule.
   */
  nominalOpen: number[][];
}

export function buildWeekGrid(center: CenterConfig, now: string, weeks: number): WeekGrid {
  const nowMin = parseInstant(now);
  const today = localDayOf(center.timeZone, nowMin);
  const firstMonday = today - weekdayIndex(today);
  const bounds: EpochMin[] = [];
  const dates: string[] = [];
  const isoWeeks: string[] = [];
  for (let w = 0; w <= weeks; w++) {
    const monday = firstMonday + 7 * w;
    bounds.push(localToEpochMin(center.timeZone, monday, 0));
    if (w < weeks) {
      dates.push(formatDate(monday));
      isoWeeks.push(isoWeekLabel(monday));
    }
  }
  // Downtime is left out on purpose: a downtime week should show as lost utilization, not as a
  // smaller denominator that hides it.
  const nominal: CenterConfig = { ...center, downtimes: [] };
  const roomIds = center.rooms.filter((r) => r.active).map((r) => r.id);
  // The forecast starts at `now`: the part of the first week already past has no bookings left in
  // the live schedule (they ended), so counting its open time would show a utilization dip that
  // is not there. The first week is measured over its remaining open time.
  const nominalOpen = dates.map((_, w) =>
    roomIds.map((roomId) => {
      let minutes = 0;
      for (let d = 0; d < 7; d++) {
        for (const iv of openIntervals(nominal, roomId, formatDate(firstMonday + 7 * w + d))) {
          const start = Math.max(parseInstant(iv.start), nowMin);
          minutes += Math.max(0, parseInstant(iv.end) - start);
        }
      }
      return minutes;
    }),
  );
  return { timeZone: center.timeZone, nowMin, firstMonday, bounds, dates, isoWeeks, roomIds, nominalOpen };
}

/** Index of the grid week holding instant t; -1 before, weeks after the grid. */
export function weekIndexOf(grid: WeekGrid, t: EpochMin): number {
  const b = grid.bounds;
  if (t < b[0]) return -1;
  if (t >= b[b.length - 1]) return b.length - 1;
  let lo = 0;
  let hi = b.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (b[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** ISO 8601 week label of a Monday, e.g. 2026-W48 (the week belongs to the year of its Thursday). */
export function isoWeekLabel(monday: DayNum): string {
  const thursday = monday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - dayNumOf(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
