import { demoCenter } from '../defaults/demo-center';
import { defaultArrivals, estimateArrivals, scaleArrivals } from './arrival-model';
import { applyCenterChanges } from './center-changes';
import { mulberry32, poisson, runRng } from './rng';
import { runForecast } from './run-forecast';
import type { ForecastInput } from './types';
import { createPlanner } from '../allocation/planner';
import { course } from '../testing/booking-factory';

// A Monday in a week without Kazakh holidays, so week-to-week comparisons are like for like.
const NOW = '2027-01-11T00:00:00+05:00';

function input(overrides: Partial<ForecastInput> = {}): ForecastInput {
  return {
    center: demoCenter(),
    existing: [],
    now: NOW,
    horizonWeeks: 14,
    runs: 3,
    seed: 42,
    arrivals: defaultArrivals(800),
    ...overrides,
  };
}

describe('forecast RNG', () => {
  it('replays the same stream for the same seed and differs between runs', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(runRng(7, 0)()).not.toEqual(runRng(7, 1)());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws Poisson counts with the requested mean', () => {
    const rng = mulberry32(1);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += poisson(rng, 3.5);
    expect(sum / n).toBeGreaterThan(3.4);
    expect(sum / n).toBeLessThan(3.6);
    expect(poisson(rng, 0)).toBe(0);
  });
});

describe('arrival model', () => {
  it('estimates weekly rates and the empirical course shapes from past submissions', () => {
    const history = [
      ...Array.from({ length: 20 }, (_, i) => ({
        arrival: `2026-10-0${(i % 5) + 1}T10:00:00+05:00`,
        patientCategory: 'ADULT' as const,
        urgency: 'ROUTINE' as const,
        requiresAnesthesia: false,
        fractions: i % 2 ? 30 : 25,
      })),
      ...Array.from({ length: 4 }, () => ({
        arrival: '2026-10-02T10:00:00+05:00',
        patientCategory: 'PEDIATRIC' as const,
        urgency: 'URGENT' as const,
        requiresAnesthesia: true,
        fractions: 28,
      })),
    ];
    const rates = estimateArrivals(history, 4);
    const adult = rates.find((r) => r.key === 'ADULT_ROUTINE')!;
    expect(adult.ratePerWeek).toBe(5);
    expect(adult.profiles.map((p) => [p.fractions, p.weight]).sort()).toEqual([
      [25, 10],
      [30, 10],
    ]);
    expect(rates.find((r) => r.key === 'PEDIATRIC_URGENT_ANESTHESIA')!.ratePerWeek).toBe(1);
  });

  it('scales demand overall and per category', () => {
    const base = defaultArrivals(520);
    const scaled = scaleArrivals(base, { demandScale: 2, categoryScale: { PEDIATRIC: 0 } });
    const total = (xs: typeof base) => xs.reduce((n, a) => n + a.ratePerWeek, 0);
    expect(total(base)).toBeCloseTo(10, 6);
    const adultShare = base.filter((a) => a.patientCategory === 'ADULT').reduce((n, a) => n + a.ratePerWeek, 0);
    expect(total(scaled)).toBeCloseTo(2 * adultShare, 6);
  });

  it('applies what-if changes to a copy of the center', () => {
    const center = demoCenter();
    const changed = applyCenterChanges(center, { extraRooms: 1, saturdayShift: ['08:00', '16:00'] });
    expect(changed.rooms.map((r) => r.id)).toEqual(['G1', 'G2', 'G3', 'EXTRA-1']);
    expect(changed.hours.sat).toEqual([['08:00', '16:00']]);
    expect(center.rooms).toHaveLength(3);
    expect(center.hours.sat).toBeNull();
  });
});

describe('runForecast', () => {
  it('gives identical results for the same seed and different ones for another seed', async () => {
    const a = await runForecast(input());
    const b = await runForecast(input());
    const c = await runForecast(input({ seed: 43 }));
    expect(b).toEqual(a);
    expect(c.weeks.map((w) => w.arrivals.p50)).not.toEqual(a.weeks.map((w) => w.arrivals.p50));
    expect(a.weeks).toHaveLength(14);
    expect(a.headline.target).toBe(800);
    expect(a.weeks[5].utilization.p50).toBeGreaterThan(0.3);
    expect(a.weeks[5].utilization.p90).toBeGreaterThanOrEqual(a.weeks[5].utilization.p50);
  });

  it('reports progress after every run and yields between runs', async () => {
    const seen: number[] = [];
    let pauses = 0;
    await runForecast(input({ runs: 3, horizonWeeks: 4 }), {
      onProgress: ({ done, total }) => {
        seen.push(done / total);
      },
      pause: async () => {
        pauses++;
      },
    });
    expect(seen).toEqual([1 / 3, 2 / 3, 1]);
    expect(pauses).toBe(3);
  });

  it('shows a whole-beam downtime week as a utilization dip that week and longer waits after it', async () => {
    const week = 6; // Monday 2027-02-22
    const downtime = { roomId: null, start: '2027-02-22T00:00:00+05:00', end: '2027-03-01T00:00:00+05:00' };
    const base = await runForecast(input());
    const down = await runForecast(input({ changes: { downtimes: [downtime] } }));
    expect(down.weeks[week].start).toBe('2027-02-22');
    expect(down.weeks[week].utilization.p50).toBeLessThan(0.05);
    expect(base.weeks[week].utilization.p50).toBeGreaterThan(0.5);
    // Courses arriving in the downtime week and the one before it start later.
    const wait = (r: typeof base) => r.weeks[week - 1].waitDays.p50 + r.weeks[week].waitDays.p50;
    expect(wait(down)).toBeGreaterThan(wait(base) + 3);
    expect(down.weeks[week + 1].queue.p50).toBeGreaterThan(base.weeks[week + 1].queue.p50);
  });

  it('treats more courses per year with an extra room when demand exceeds the three rooms', async () => {
    const busy = { horizonWeeks: 20, runs: 3, arrivals: defaultArrivals(1200) };
    const three = await runForecast(input(busy));
    const four = await runForecast(input({ ...busy, changes: { extraRooms: 1 } }));
    expect(four.rooms).toContain('EXTRA-1');
    expect(four.headline.coursesStartedPerYear.p50).toBeGreaterThan(three.headline.coursesStartedPerYear.p50 * 1.05);
  });

  it('spreads unused quota places over the rest of their year and not beyond', async () => {
    const result = await runForecast(
      input({
        now: '2027-07-05T00:00:00+05:00',
        horizonWeeks: 40,
        runs: 20,
        arrivals: [],
        quotaDemand: [{ category: 'PEDIATRIC_ONCOHEMATOLOGY', countryCode: 'KG', year: 2027, places: 26 }],
      }),
    );
    const in2027 = result.weeks.filter((w) => w.start < '2027-12-27');
    const in2028 = result.weeks.filter((w) => w.start >= '2028-01-03');
    expect(in2028.every((w) => w.arrivals.p90 === 0)).toBe(true);
    // ~26 places in the 25.7 weeks left of 2027, annualized over the 40-week horizon.
    const perRun = result.year.arrivalsPerYear.p50 * (40 / 52);
    expect(perRun).toBeGreaterThan(18);
    expect(perRun).toBeLessThan(34);
    expect(in2027.length).toBeGreaterThan(20);
    expect(result.arrivalsPerWeek.map((a) => a.key)).toEqual(['QUOTA_KG_PEDIATRIC_ONCOHEMATOLOGY_2027', 'QUOTA_KG_PEDIATRIC_ONCOHEMATOLOGY_2027_ANESTHESIA']);
  });

  it('measures the week it starts in over its remaining open time, not days already past', async () => {
    // Wednesday noon of a week without holidays: 11 h left today, Thursday and Friday whole.
    const now = '2027-01-13T12:00:00+05:00';
    // G1 booked for the rest of the week (its earlier bookings ended: they are not in the live schedule).
    const existing = [
      '2027-01-13T12:00:00+05:00/2027-01-13T23:00:00+05:00',
      '2027-01-14T07:30:00+05:00/2027-01-14T23:00:00+05:00',
      '2027-01-15T07:30:00+05:00/2027-01-15T23:00:00+05:00',
    ].map((iv, i) => {
      const [start, end] = iv.split('/');
      return { courseId: `c${i}`, fraction: 2, roomId: 'G1', start, end, beamStart: start, beamEnd: start, anesthesia: false };
    });
    const result = await runForecast(input({ now, existing, arrivals: [], runs: 1, horizonWeeks: 2 }));
    const open = 3 * (660 + 930 + 930);
    expect(result.weeks[0].openMinutes).toBe(open);
    expect(result.weeks[0].rooms.G1.p50).toBe(1);
    expect(result.weeks[0].utilization.p50).toBeCloseTo(1 / 3, 3);
    expect(result.weeks[1].openMinutes).toBe(3 * 5 * 930);
  });

  it('counts one headline: the courses started in the horizon, as a yearly pace and as the rest of the current year', async () => {
    // 150 routine courses of 25 × 30 min, booked before now and starting over the next weeks.
    const planner = createPlanner(demoCenter(), []);
    for (let i = 0; i < 150; i++) {
      planner.allocate(course(`Q${i}`, { arrival: '2027-01-04T09:00:00+05:00', earliestStart: '2027-01-11', dueStart: '2027-03-31', fractions: 25 }), {
        now: '2027-01-04T09:00:00+05:00',
      });
    }
    const existing = planner.bookings();
    const result = await runForecast(input({ existing, arrivals: [], horizonWeeks: 4, runs: 2, startedThisYear: 7 }));
    const firstInHorizon = existing.filter((b) => b.fraction === 1 && b.start < `${result.to}T00:00:00+05:00`).length;
    expect(result.headline.coursesStarted.p50).toBe(firstInHorizon);
    expect(result.headline.coursesStartedPerYear.p50).toBeCloseTo((firstInHorizon * 52) / 4, 0);
    // Four weeks from January do not reach 31 December: no rest-of-year figure is invented.
    expect(result.headline.currentYear).toBeNull();
    const year = await runForecast(input({ existing, arrivals: [], horizonWeeks: 52, runs: 1, startedThisYear: 7 }));
    expect(year.headline.currentYear).toMatchObject({ year: 2027, startedToDate: 7 });
    expect(year.headline.currentYear!.restOfYear.p50).toBe(150);
    expect(year.headline.currentYear!.total.p50).toBe(157);
  });

  it('rejects impossible input with a RangeError', async () => {
    await expect(runForecast(input({ runs: 0 }))).rejects.toThrow(RangeError);
    await expect(runForecast(input({ horizonWeeks: 500 }))).rejects.toThrow(RangeError);
  });
});
