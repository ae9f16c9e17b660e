import { localDayOf, localToEpochMin, parseInstant } from '../time/zone';
import { dayNumOf, formatDate } from '../time/civil-day';
import { applyDowntimeWhatIfs } from './downtime-what-if';
import { quotaArrivals, scaleArrivals } from './arrival-model';
import { applyCenterChanges } from './center-changes';
import type { PreparedForecast } from './simulate-run';
import type { ForecastInput } from './types';
import { buildWeekGrid, weekIndexOf } from './week-grid';

export const MAX_RUNS = 2000;
export const MAX_HORIZON_WEEKS = 104;

/**
 * Validates the input and computes what every run shares: the changed center, the week grid, the
 * demand (given rates, scaled, plus unused quota places) and the live schedule's own contribution.
 */
export function prepareForecast(input: ForecastInput): PreparedForecast {
  if (!Number.isInteger(input.runs) || input.runs < 1 || input.runs > MAX_RUNS) throw new RangeError(`runs must be an integer in 1..${MAX_RUNS}`);
  if (!Number.isInteger(input.horizonWeeks) || input.horizonWeeks < 1 || input.horizonWeeks > MAX_HORIZON_WEEKS)
    throw new RangeError(`horizonWeeks must be an integer in 1..${MAX_HORIZON_WEEKS}`);
  if (!Number.isInteger(input.seed)) throw new RangeError('seed must be an integer');
  for (const a of input.arrivals) {
    if (!(a.ratePerWeek >= 0) || !Number.isFinite(a.ratePerWeek)) throw new RangeError(`arrival rate of ${a.key} must be a finite number >= 0`);
    if (a.ratePerWeek > 0 && (a.profiles.length === 0 || !a.profiles.some((p) => p.weight > 0)))
      throw new RangeError(`arrival category ${a.key} needs at least one course profile with a positive weight`);
  }

  if (input.rateDrift !== undefined && !(input.rateDrift >= 0 && input.rateDrift <= 1)) throw new RangeError('rateDrift must be in 0..1');

  const center = applyCenterChanges(input.center, input.changes);
  // A what-if downtime does to the live bookings what declaring it would: the hit fractions move.
  const whatIf = input.changes?.downtimes?.length
    ? applyDowntimeWhatIfs(center, input.existing, input.courses ?? [], input.changes.downtimes, input.now, input.notStarted)
    : { bookings: input.existing, moved: 0, cancelled: 0 };
  const existing = whatIf.bookings;
  const grid = buildWeekGrid(center, input.now, input.horizonWeeks);
  const weeks = grid.dates.length;

  const weeksLeftInYear = (year: number) => {
    const end = dayNumOf(year + 1, 1, 1);
    const today = Math.floor(grid.nowMin / 1440);
    return Math.max(0, (end - Math.max(today, dayNumOf(year, 1, 1))) / 7);
  };
  const arrivals = scaleArrivals([...input.arrivals, ...quotaArrivals(input.quotaDemand ?? [], weeksLeftInYear)], input.changes).filter(
    (a) => a.ratePerWeek > 0,
  );

  const roomIndex = new Map(grid.roomIds.map((id, i) => [id, i]));
  const baseBooked = grid.dates.map(() => grid.roomIds.map(() => 0));
  const firstFraction = new Map<string, number>();
  for (const b of existing) {
    const s = parseInstant(b.start);
    const w = weekIndexOf(grid, s);
    const r = roomIndex.get(b.roomId);
    if (w >= 0 && w < weeks && r !== undefined) baseBooked[w][r] += parseInstant(b.end) - s;
    if (b.fraction === 1 && s >= grid.nowMin) firstFraction.set(b.courseId, s);
  }
  const baseQueue = new Array<number>(weeks).fill(0);
  const baseStarts = new Array<number>(weeks).fill(0);
  let baseStarted = 0;
  // The current year, center-local: its end bounds the "rest of the year" count.
  const year = Number(formatDate(localDayOf(center.timeZone, grid.nowMin)).slice(0, 4));
  const yearEndMin = localToEpochMin(center.timeZone, dayNumOf(year + 1, 1, 1), 0);
  let baseStartedRestOfYear = 0;
  for (const s of firstFraction.values()) {
    if (s < yearEndMin) baseStartedRestOfYear++;
    const w = weekIndexOf(grid, s);
    for (let i = 0; i < Math.min(w, weeks); i++) baseQueue[i]++;
    if (w < weeks) {
      baseStarts[w]++;
      baseStarted++;
    }
  }

  return {
    center,
    existing,
    courses: input.courses ?? [],
    arrivals,
    grid,
    seed: input.seed,
    runs: input.runs,
    horizonWeeks: input.horizonWeeks,
    target: input.target ?? 800,
    allocationHorizonWeeks: input.allocationHorizonWeeks ?? 26,
    baseBooked,
    baseQueue,
    baseStarts,
    baseStarted,
    year,
    yearEndMin,
    baseStartedRestOfYear,
    startedThisYear: input.startedThisYear ?? 0,
    rateDrift: input.rateDrift ?? 0,
    downtimeWhatIf: { moved: whatIf.moved, cancelled: whatIf.cancelled },
  };
}
