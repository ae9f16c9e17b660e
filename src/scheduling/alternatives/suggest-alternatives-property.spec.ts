/**
 * Property: on a planned, crowded demo-center schedule, every suggestion for any booked fraction
 * passes checkBooking against the WHOLE schedule (the function itself checks each day's share of
 * it), suggestions are distinct, never the fraction's own place, never in the past, and never more
 * than the limit.
 */
import fc from 'fast-check';
import { createPlanner } from '../allocation/planner';
import { demoCenter } from '../defaults/demo-center';
import { checkBooking } from '../rules/check-schedule';
import { course } from '../testing/booking-factory';
import { Booking } from '../types';
import { suggestAlternatives } from './suggest-alternatives';

const center = demoCenter();
const courses = Array.from({ length: 120 }, (_, i) =>
  course(`C${i}`, {
    fractions: 3 + (i % 8),
    fractionsPerWeek: [5, 3, 4, 2][i % 4],
    requiresAnesthesia: i % 9 === 0,
    fractionMinutes: i % 9 === 0 ? 50 : i % 5 === 0 ? 40 : 30,
    arrival: '2027-02-26T09:00:00+05:00',
  }),
);
const planner = createPlanner(center, []);
const planned: Booking[] = [];
for (const c of courses) {
  const r = planner.allocate(c, { now: c.arrival });
  if (r.status === 'SCHEDULED') planned.push(...r.appointments.map((a) => ({ ...a, id: `${a.courseId}-${a.fraction}` })));
}
const byId = new Map(courses.map((c) => [c.id, c]));

describe('suggestAlternatives (property)', () => {
  it('every suggestion passes checkBooking on the whole schedule, distinct, within the limit', () => {
    expect(planned.length).toBeGreaterThan(300);
    let suggested = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: planned.length - 1 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        (index, limit, minutesAfter) => {
          const target = planned[index];
          const now = new Date(Date.parse('2027-02-28T00:00:00+05:00') + minutesAfter * 60_000).toISOString();
          const req = byId.get(target.courseId)!;
          const out = suggestAlternatives(center, planned, req, target.id!, { now, limit });
          expect(out.length).toBeLessThanOrEqual(limit);
          suggested += out.length;
          expect(new Set(out.map((x) => `${x.roomId}@${Date.parse(x.start)}`)).size).toBe(out.length);
          out.forEach((s, i) => {
            expect(s.rank).toBe(i + 1);
            expect(Date.parse(s.start)).toBeGreaterThan(Date.parse(now));
            expect(s.roomId === target.roomId && Date.parse(s.start) === Date.parse(target.start)).toBe(false);
            const moved: Booking = { ...target, roomId: s.roomId, start: s.start, end: s.end, beamStart: s.beamStart, beamEnd: s.beamEnd };
            expect(checkBooking(center, planned, req, moved)).toEqual([]);
          });
          // Same-day suggestions come first.
          const firstOther = out.findIndex((x) => !x.sameDay);
          if (firstOther >= 0) expect(out.slice(firstOther).every((x) => !x.sameDay)).toBe(true);
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 60), seed: 18 },
    );
    // Not vacuous: most fractions have somewhere else to go.
    expect(suggested).toBeGreaterThan(60);
  });
});
