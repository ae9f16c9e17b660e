import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { course } from '../testing/booking-factory';
import { Booking } from '../types';
import { createPlanner } from './planner';

function fill(sharedBeam: boolean) {
  const center = { ...demoCenter(), sharedBeam };
  const planner = createPlanner(center, []);
  const courses = Array.from({ length: 100 }, (_, i) => course(`C${i}`, { fractions: 5, arrival: '2027-02-26T09:00:00+05:00' }));
  const booked: Booking[] = [];
  for (const c of courses) {
    const r = planner.allocate(c, { now: c.arrival });
    if (r.status === 'SCHEDULED') booked.push(...r.appointments);
  }
  return { center, courses, booked };
}

describe('shared beam (rule 8)', () => {
  it('staggers rooms so no two beam intervals overlap, across rooms', () => {
    const { center, courses, booked } = fill(true);
    expect(checkSchedule(center, booked, courses)).toEqual([]);
    const monday = booked.filter((b) => b.start.startsWith('2027-03-01')).map((b) => [Date.parse(b.beamStart), Date.parse(b.beamEnd)]);
    monday.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < monday.length; i++) expect(monday[i][0]).toBeGreaterThanOrEqual(monday[i - 1][1]);
    // Three rooms are used at once (staggered), not one after another.
    expect(new Set(booked.filter((b) => b.start.startsWith('2027-03-01')).map((b) => b.roomId)).size).toBe(3);
  });

  it('independent machines may run fractions in lockstep', () => {
    const { center, courses, booked } = fill(false);
    expect(checkSchedule(center, booked, courses)).toEqual([]);
    const at0730 = booked.filter((b) => b.start === '2027-03-01T07:30:00+05:00');
    expect(at0730.length).toBe(3);
  });
});
