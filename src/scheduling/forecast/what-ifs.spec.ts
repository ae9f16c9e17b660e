import { createPlanner } from '../allocation/planner';
import { demoCenter } from '../defaults/demo-center';
import { rescheduleForDowntime } from '../rescheduling/reschedule-downtime';
import { course } from '../testing/booking-factory';
import { parseInstant } from '../time/zone';
import type { Booking, CenterConfig, CourseRequest, DowntimeSpec, Move } from '../types';
import { defaultArrivals } from './arrival-model';
import { applyCenterChanges } from './center-changes';
import { prepareForecast } from './prepare-forecast';
import { runForecast } from './run-forecast';
import type { ForecastInput } from './types';

const NOW = '2027-01-11T00:00:00+05:00';

/** A small booked center: 40 courses of 25 fractions placed by the live allocator before `now`. */
function bookedCenter(center: CenterConfig = demoCenter()): { bookings: Booking[]; courses: CourseRequest[] } {
  const planner = createPlanner(center, []);
  const courses: CourseRequest[] = [];
  for (let i = 0; i < 40; i++) {
    const c = course(`C${i}`, { arrival: '2027-01-08T09:00:00+05:00', earliestStart: '2027-01-11', dueStart: '2027-02-26', fractions: 25 });
    if (planner.allocate(c, { now: c.arrival }).status === 'SCHEDULED') courses.push(c);
  }
  return { bookings: planner.bookings().map((b, i) => ({ ...b, id: `b${i}` })), courses };
}

/**
 * What declaring the downtime does live, step by step as DowntimeRescheduleService does it: the core
 * reschedule, its moves applied, and the safety net cancelling whatever is still inside the downtime.
 */
function liveDowntime(center: CenterConfig, bookings: Booking[], courses: CourseRequest[], d: DowntimeSpec): Booking[] {
  const withDowntime = { ...center, downtimes: [...center.downtimes, d] };
  const { moves } = rescheduleForDowntime(withDowntime, bookings, courses, d, NOW);
  const byId = new Map<string, Move>(moves.map((m) => [m.bookingId!, m]));
  const after = bookings.flatMap((b) => {
    const m = byId.get(b.id!);
    return m ? (m.to ? [{ ...m.to, id: b.id }] : []) : [b];
  });
  const inside = (b: Booking) =>
    (d.roomId === null || b.roomId === d.roomId) && parseInstant(b.start) < parseInstant(d.end) && parseInstant(b.end) > parseInstant(d.start);
  return after.filter((b) => !inside(b));
}

function input(overrides: Partial<ForecastInput>): ForecastInput {
  return { center: demoCenter(), existing: [], now: NOW, horizonWeeks: 8, runs: 2, seed: 5, arrivals: defaultArrivals(800), ...overrides };
}

const minutesIn = (bookings: Booking[], roomId: string, from: string, to: string) =>
  bookings.filter((b) => b.roomId === roomId && b.start >= from && b.start < to).reduce((m, b) => m + (parseInstant(b.end) - parseInstant(b.start)), 0);

describe('forecast what-ifs act like the live center', () => {
  const center = demoCenter();
  const { bookings, courses } = bookedCenter(center);
  const downtime: DowntimeSpec = { roomId: 'G2', start: '2027-01-18T00:00:00+05:00', end: '2027-02-08T00:00:00+05:00', reason: 'forecast scenario' };

  it('a downtime moves the bookings it hits exactly as POST /downtimes and its reschedule job would', () => {
    const live = liveDowntime(center, bookings, courses, downtime);
    const prepared = prepareForecast(input({ existing: bookings, courses, arrivals: [], changes: { downtimes: [downtime] } }));
    const byId = (xs: Booking[]) => [...xs].sort((a, b) => (a.id! < b.id! ? -1 : 1));
    expect(byId(prepared.existing)).toEqual(byId(live));
    // It did something: G2 had bookings in those weeks, some moved to other rooms or later.
    expect(minutesIn(bookings, 'G2', '2027-01-18', '2027-02-08')).toBeGreaterThan(0);
    expect(prepared.downtimeWhatIf.moved + prepared.downtimeWhatIf.cancelled).toBeGreaterThan(0);
  });

  it("shows the room idle in its outage weeks and the live schedule's minutes in the first simulated week", async () => {
    const live = liveDowntime(center, bookings, courses, downtime);
    const result = await runForecast(input({ existing: bookings, courses, arrivals: [], runs: 1, changes: { downtimes: [downtime] } }));
    for (const w of [1, 2, 3]) expect(result.weeks[w].rooms.G2.p50).toBe(0);
    const week = result.weeks[1];
    for (const room of ['G1', 'G2', 'G3']) {
      const open = prepareForecast(input({ changes: { downtimes: [downtime] } })).grid.nominalOpen[1][result.rooms.indexOf(room)];
      expect(week.rooms[room].p50).toBeCloseTo(minutesIn(live, room, '2027-01-18', '2027-01-25') / open, 3);
    }
  });

  it('a hit booking whose course the forecast does not know is cancelled, never left inside the downtime', () => {
    const prepared = prepareForecast(input({ existing: bookings, arrivals: [], changes: { downtimes: [downtime] } }));
    expect(minutesIn(prepared.existing, 'G2', '2027-01-18', '2027-02-08')).toBe(0);
    expect(prepared.downtimeWhatIf.cancelled).toBeGreaterThan(0);
  });

  it.each([
    ['an extra room', { extraRooms: 1 }, (c: CenterConfig): CenterConfig => ({ ...c, rooms: [...c.rooms, { id: 'EXTRA-1', kind: 'GANTRY', active: true }] })],
    [
      'longer hours',
      { hours: { mon: [['06:00', '24:00']] as Array<[string, string]> } },
      (c: CenterConfig): CenterConfig => ({ ...c, hours: { ...c.hours, mon: [['06:00', '24:00']] } }),
    ],
    ['a second anesthesia team', { anesthesiaTeams: 2 }, (c: CenterConfig): CenterConfig => ({ ...c, anesthesia: { ...c.anesthesia, teams: 2 } })],
  ])('%s gives the forecast of the center configured that way', async (_name, changes, configure) => {
    const changed = await runForecast(input({ existing: bookings, changes, horizonWeeks: 4, runs: 1 }));
    const live = await runForecast(input({ center: configure(center), existing: bookings, horizonWeeks: 4, runs: 1 }));
    expect(changed).toEqual(live);
    expect(applyCenterChanges(center, changes)).toEqual(configure(center));
  });

  it('a second anesthesia team changes what the simulated center does', async () => {
    // The lane template lays out as many children's places under anesthesia at once as there are teams.
    const kids = defaultArrivals(800).map((a) => ({ ...a, ratePerWeek: a.requiresAnesthesia ? a.ratePerWeek * 8 : a.ratePerWeek }));
    const one = await runForecast(input({ arrivals: kids, horizonWeeks: 4, runs: 1 }));
    const two = await runForecast(input({ arrivals: kids, horizonWeeks: 4, runs: 1, changes: { anesthesiaTeams: 2 } }));
    expect(two.weeks).not.toEqual(one.weeks);
  });

  it('a change of arrival rate or case mix is the forecast of that demand', async () => {
    const scaled = await runForecast(input({ horizonWeeks: 4, runs: 1, changes: { demandScale: 1.2, categoryScale: { PEDIATRIC: 2 } } }));
    const direct = await runForecast(
      input({
        horizonWeeks: 4,
        runs: 1,
        arrivals: defaultArrivals(800).map((a) => ({ ...a, ratePerWeek: a.ratePerWeek * 1.2 * (a.patientCategory === 'PEDIATRIC' ? 2 : 1) })),
      }),
    );
    expect(scaled).toEqual(direct);
  });
});
