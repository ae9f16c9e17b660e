import { createPlanner, FORECAST_PLANNER_OPTIONS } from '../allocation/planner';
import { addWorkingDays, resolveCourseDefaults } from '../defaults/course-defaults';
import { PREP_WORKING_DAYS } from './arrival-model';
import { formatDate, parseDate } from '../time/civil-day';
import { formatInstant, localDayOf, localToEpochMin, parseInstant } from '../time/zone';
import type { Booking, CenterConfig, CourseRequest, DisplacedCourse } from '../types';
import { poisson, runRng, weightedIndex, type Rng } from './rng';
import type { ArrivalCategory, RunSummary } from './types';
import { weekIndexOf, type WeekGrid } from './week-grid';

/** Everything the runs share, computed once per forecast. */
export interface PreparedForecast {
  center: CenterConfig;
  existing: Booking[];
  arrivals: ArrivalCategory[];
  grid: WeekGrid;
  seed: number;
  runs: number;
  horizonWeeks: number;
  target: number;
  allocationHorizonWeeks: number;
  /** [week][room] minutes already booked by live appointments. */
  baseBooked: number[][];
  /** Live courses whose first fraction is still ahead: their queue and start weeks. */
  baseQueue: number[];
  baseStarts: number[];
  baseStarted: number;
  /** The center-local year `now` falls in, and the start of the next one (epoch minutes). */
  year: number;
  yearEndMin: number;
  /** Live courses whose first fraction is between `now` and the year's end. */
  baseStartedRestOfYear: number;
  startedThisYear: number;
  /** Relative sd of the demand's rate between runs (ForecastInput.rateDrift). */
  rateDrift: number;
  /** What the what-if downtimes did to the live bookings (already applied to `existing`). */
  downtimeWhatIf: { moved: number; cancelled: number };
  /** The live courses of `existing` (for the what-if downtimes; kept for callers that re-plan). */
  courses: CourseRequest[];
}

/** A course drawn for one run, before defaults are resolved. */
export interface SimulatedArrival {
  id: string;
  at: number;
  category: ArrivalCategory;
  profileIndex: number;
  prepDays: number;
}

/** Submissions arrive on weekdays between 08:00 and 17:00 local, which is when referrals are filed. */
const SUBMIT_FROM = 8 * 60;
const SUBMIT_SPAN = 9 * 60;

/** A log-normal multiplier with mean 1 and relative sd about `sd`. */
function lognormal(rng: Rng, sd: number): number {
  if (!(sd > 0)) return 1;
  const sigma = Math.sqrt(Math.log(1 + sd * sd));
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

/**
 * The rate each category has in this run. A rate estimated from history is not the future rate:
 * counting n arrivals pins it down to about 1/sqrt(n) (per category, so the mix varies too), and
 * the whole demand may drift by `rateDrift`. Without either every run uses the given rates. The
 * draws come from a stream of their own, so the arrival draws of a forecast without uncertainty
 * are what they always were.
 */
export function runRates(p: PreparedForecast, run: number): number[] {
  const uncertain = p.rateDrift > 0 || p.arrivals.some((a) => (a.observed ?? 0) > 0);
  if (!uncertain) return p.arrivals.map((a) => a.ratePerWeek);
  const rng = runRng(p.seed ^ 0x5bd1e995, run);
  const common = lognormal(rng, p.rateDrift);
  return p.arrivals.map((a) => a.ratePerWeek * common * ((a.observed ?? 0) > 0 ? lognormal(rng, 1 / Math.sqrt(a.observed!)) : 1));
}

/**
 * Draws one run's arrivals: a Poisson count per category and week, each at a uniform working-day
 * instant of that week; arrivals before `now` are dropped (thinning keeps the rest Poisson).
 */
export function drawArrivals(p: PreparedForecast, rng: Rng, run: number): SimulatedArrival[] {
  const rates = runRates(p, run);
  const out: SimulatedArrival[] = [];
  const weeks = p.grid.dates.length;
  const windows = p.arrivals.map((c) => (c.window ? [parseDate(c.window.from), parseDate(c.window.to)] : [-Infinity, Infinity]));
  let n = 0;
  for (let w = 0; w < weeks; w++) {
    for (let ci = 0; ci < p.arrivals.length; ci++) {
      const category = p.arrivals[ci];
      const count = poisson(rng, rates[ci]);
      for (let i = 0; i < count; i++) {
        const day = p.grid.firstMonday + 7 * w + Math.floor(rng() * 5);
        const at = localToEpochMin(p.grid.timeZone, day, SUBMIT_FROM + Math.floor(rng() * SUBMIT_SPAN));
        const profileIndex = weightedIndex(
          rng,
          category.profiles.map((x) => x.weight),
        );
        const [lo, hi] = category.prepDays ?? PREP_WORKING_DAYS[category.urgency];
        const prepDays = lo + Math.floor(rng() * (hi - lo + 1));
        if (at < p.grid.nowMin || day < windows[ci][0] || day >= windows[ci][1]) continue;
        out.push({ id: `sim-${run}-${n++}`, at, category, profileIndex, prepDays });
      }
    }
  }
  // Stable sort: ties keep draw order, so the allocation order is a function of the seed alone.
  return out.sort((a, b) => a.at - b.at);
}

export function toCourseRequest(p: PreparedForecast, a: SimulatedArrival): CourseRequest {
  const profile = a.category.profiles[a.profileIndex];
  const arrival = formatInstant(p.grid.timeZone, a.at);
  const arrivalDate = formatDate(localDayOf(p.grid.timeZone, a.at));
  return resolveCourseDefaults(
    {
      id: a.id,
      arrival,
      patientCategory: a.category.patientCategory,
      urgency: a.category.urgency,
      requiresAnesthesia: a.category.requiresAnesthesia,
      fractions: profile.fractions,
      fractionsPerWeek: profile.fractionsPerWeek,
      fractionMinutes: profile.fractionMinutes,
      beamMinutes: profile.beamMinutes,
      roomKinds: a.category.roomKinds,
      earliestStart: a.prepDays > 0 ? addWorkingDays(p.center, arrivalDate, a.prepDays) : arrivalDate,
    },
    p.center,
  );
}

/**
 * One Monte Carlo run: fresh planner on the live bookings, arrivals allocated in arrival order
 * as the live allocation worker would (each sees only earlier bookings; without bounded shifts,
 * see FORECAST_PLANNER_OPTIONS), then the resulting schedule measured week by week.
 */
export function simulateRun(p: PreparedForecast, run: number): RunSummary {
  const rng = runRng(p.seed, run);
  const weeks = p.grid.dates.length;
  const rooms = p.grid.roomIds;
  const roomIndex = new Map(rooms.map((id, i) => [id, i]));
  const booked = p.baseBooked.map((row) => [...row]);
  const queueDiff = new Array<number>(weeks + 1).fill(0);
  const arrivals = new Array<number>(weeks).fill(0);
  const starts = [...p.baseStarts];
  const waits: number[][] = Array.from({ length: weeks }, () => []);
  let coursesStarted = p.baseStarted;
  let startedRestOfYear = p.baseStartedRestOfYear;
  let unschedulable = 0;
  let lateStarts = 0;

  /** Adds (sign 1) or takes back (-1) a course's booked minutes; returns its first start. */
  const book = (appointments: Booking[], sign: 1 | -1): number => {
    let first = Infinity;
    for (const b of appointments) {
      const s = parseInstant(b.start);
      if (s < first) first = s;
      const w = weekIndexOf(p.grid, s);
      const r = roomIndex.get(b.roomId);
      if (w >= 0 && w < weeks && r !== undefined) booked[w][r] += sign * (parseInstant(b.end) - s);
    }
    return first;
  };
  /** Counts (sign 1) or takes back (-1) a course's start: queue, start week and wait. */
  const start = (c: { aw: number; at: number; first: number; wait: number }, sign: 1 | -1) => {
    const sw = weekIndexOf(p.grid, c.first);
    queueDiff[c.aw] += sign;
    queueDiff[Math.min(sw, weeks)] -= sign;
    if (sw < weeks) {
      starts[sw] += sign;
      coursesStarted += sign;
    }
    if (c.first < p.yearEndMin) startedRestOfYear += sign;
    waits[c.aw][c.wait] = (c.first - c.at) / 1440;
  };
  const simulated = new Map<string, { aw: number; at: number; first: number; wait: number; late: boolean }>();

  /** A course simulated earlier moved (an emergency displaced it, or it started earlier): its minutes and start move too. */
  const moved = (d: DisplacedCourse) => {
    const c = simulated.get(d.courseId);
    if (!c) return;
    book(
      d.moves.flatMap((m) => (m.from ? [m.from] : [])),
      -1,
    );
    start(c, -1);
    c.first = book(
      d.moves.flatMap((m) => (m.to ? [m.to] : [])),
      1,
    );
    start(c, 1);
    lateStarts += Number(d.lateStart) - Number(c.late);
    c.late = d.lateStart;
  };

  const planner = createPlanner(p.center, p.existing, FORECAST_PLANNER_OPTIONS);
  let earlierSeen = 0;
  const drawn = drawArrivals(p, rng, run);
  for (const a of drawn) {
    const course = toCourseRequest(p, a);
    const aw = weekIndexOf(p.grid, a.at);
    arrivals[aw]++;
    const result = planner.allocate(course, { now: course.arrival, horizonWeeks: p.allocationHorizonWeeks });
    // Before placing a course the planner offers places that came free to courses booked later.
    for (; earlierSeen < planner.earlier.length; earlierSeen++) moved(planner.earlier[earlierSeen]);
    if (result.status !== 'SCHEDULED') {
      unschedulable++;
      continue;
    }
    if (result.lateStart) lateStarts++;
    for (const d of result.displaced ?? []) moved(d);
    const c = { aw, at: a.at, first: book(result.appointments, 1), wait: waits[aw].length, late: result.lateStart };
    simulated.set(course.id, c);
    start(c, 1);
  }

  const queue: number[] = [];
  let open = 0;
  for (let w = 0; w < weeks; w++) {
    open += queueDiff[w];
    queue.push(open + p.baseQueue[w]);
  }
  return {
    run,
    bookedMinutes: booked,
    queue,
    arrivals,
    starts,
    waits,
    coursesStarted,
    startedRestOfYear,
    arrivalsTotal: drawn.length,
    unschedulable,
    lateStarts,
  };
}
