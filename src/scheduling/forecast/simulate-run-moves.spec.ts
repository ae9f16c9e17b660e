import { createPlanner } from '../allocation/planner';
import { demoCenter } from '../defaults/demo-center';
import { parseInstant } from '../time/zone';
import { CenterConfig, WeeklyHours } from '../types';
import { prepareForecast } from './prepare-forecast';
import { runRng } from './rng';
import { drawArrivals, simulateRun, toCourseRequest, type PreparedForecast } from './simulate-run';
import type { ArrivalCategory } from './types';
import { weekIndexOf } from './week-grid';

// One room with two 30-minute places a day: routine courses fill it, so emergencies must move them.
const day: Array<[string, string]> = [['07:00', '08:30']];
const hours: WeeklyHours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null };
const center: CenterConfig = { ...demoCenter(), rooms: [{ id: 'G1', kind: 'GANTRY', active: true }], hours };
const category = (key: string, urgency: 'ROUTINE' | 'URGENT' | 'EMERGENCY', ratePerWeek: number, fractions: number): ArrivalCategory => ({
  key,
  patientCategory: 'ADULT',
  urgency,
  requiresAnesthesia: false,
  ratePerWeek,
  profiles: [{ weight: 1, fractions }],
});

/**
 * The oracle: the same arrivals through a planner, measured once at the end: booked minutes per
 * week and room, starts per week, and how many courses moved after they were placed.
 */
function finalSchedule(prepared: PreparedForecast, run: number) {
  const planner = createPlanner(prepared.center, prepared.existing);
  let displaced = 0;
  for (const a of drawArrivals(prepared, runRng(prepared.seed, run), run)) {
    const course = toCourseRequest(prepared, a);
    const r = planner.allocate(course, { now: course.arrival, horizonWeeks: prepared.allocationHorizonWeeks });
    if (r.status === 'SCHEDULED') displaced += r.displaced?.length ?? 0;
  }
  const weeks = prepared.grid.dates.length;
  const rooms = new Map(prepared.grid.roomIds.map((id, i) => [id, i]));
  const booked = Array.from({ length: weeks }, () => prepared.grid.roomIds.map(() => 0));
  const first = new Map<string, number>();
  for (const b of planner.bookings()) {
    const s = parseInstant(b.start);
    const w = weekIndexOf(prepared.grid, s);
    if (w >= 0 && w < weeks) booked[w][rooms.get(b.roomId)!] += parseInstant(b.end) - s;
    first.set(b.courseId, Math.min(first.get(b.courseId) ?? Infinity, s));
  }
  const starts = new Array<number>(weeks).fill(0);
  for (const s of first.values()) {
    const w = weekIndexOf(prepared.grid, s);
    if (w < weeks) starts[w]++;
  }
  return { booked, starts, displaced, startedEarlier: planner.earlier.length };
}

function expectSameAsFinal(prepared: PreparedForecast, run: number) {
  const final = finalSchedule(prepared, run);
  const summary = simulateRun(prepared, run);
  expect(summary.bookedMinutes).toEqual(final.booked);
  expect(summary.starts).toEqual(final.starts);
  expect(summary.coursesStarted).toBe(final.starts.reduce((x, y) => x + y, 0));
  return final;
}

describe('forecast runs count the courses an emergency moved where they ended up', () => {
  const prepared = prepareForecast({
    center,
    existing: [],
    now: '2027-01-11T00:00:00+05:00',
    horizonWeeks: 12,
    runs: 4,
    seed: 5,
    arrivals: [category('ADULT_ROUTINE', 'ROUTINE', 1.2, 10), category('ADULT_EMERGENCY', 'EMERGENCY', 1.6, 5)],
  });

  it('booked minutes per week and starts per week equal those of the final schedule', () => {
    let moved = 0;
    for (let run = 0; run < prepared.runs; run++) moved += expectSameAsFinal(prepared, run).displaced;
    // Otherwise this test would not be testing the moves.
    expect(moved).toBeGreaterThan(0);
  });
});

describe('forecast runs count the courses that started earlier as places came free', () => {
  // The demo center at a little over its capacity: the urgent reserve is released two days ahead
  // and routine courses booked weeks later start in it.
  const prepared = prepareForecast({
    center: demoCenter(),
    existing: [],
    now: '2027-01-11T00:00:00+05:00',
    horizonWeeks: 14,
    runs: 2,
    seed: 3,
    arrivals: [category('ADULT_ROUTINE', 'ROUTINE', 13, 28), category('ADULT_URGENT', 'URGENT', 3.5, 28)],
  });

  it('booked minutes per week and starts per week equal those of the final schedule', () => {
    let earlier = 0;
    for (let run = 0; run < prepared.runs; run++) earlier += expectSameAsFinal(prepared, run).startedEarlier;
    expect(earlier).toBeGreaterThan(0);
  });
});
