/**
 * Property: whatever the center and the courses, every plan the allocator produces passes the
 * independent rule checker (rules 1–10: children inside random pediatric hours, by category or by
 * a birth date that may fall mid-course; patients' unavailable dates never booked and never
 * reported as interruptions), and a scheduled course gets exactly its fractions.
 */
import fc from 'fast-check';
import { checkSchedule } from '../rules/check-schedule';
import { Booking } from '../types';
import { localDate, scenarioArb } from '../testing/random-scenario';
import { createPlanner } from './planner';

describe('allocator plans always satisfy hard rules 1–10 (property)', () => {
  it('random centers and courses', () => {
    fc.assert(
      fc.property(scenarioArb, ([center, courses]) => {
        const planner = createPlanner(center, []);
        const ordered = [...courses].sort((a, b) => Date.parse(a.arrival) - Date.parse(b.arrival));
        const byId = new Map(courses.map((c) => [c.id, c]));
        for (const c of ordered) {
          const r = planner.allocate(c, { now: c.arrival, horizonWeeks: 8 });
          if (r.status === 'SCHEDULED') {
            expect(r.appointments).toHaveLength(c.fractions);
            // Only an EMERGENCY moves anyone, and only ROUTINE courses that had not started.
            for (const d of r.displaced ?? []) {
              expect(c.urgency).toBe('EMERGENCY');
              expect(byId.get(d.courseId)!.urgency).toBe('ROUTINE');
              expect(d.moves.every((m) => Date.parse(m.from!.start) >= Date.parse(c.arrival))).toBe(true);
            }
          } else {
            expect(r.reason.length).toBeGreaterThan(20);
          }
        }
        // Read back at the end: moved courses carry their new places.
        const booked: Booking[] = planner.bookings();
        expect(checkSchedule(center, booked, courses)).toEqual([]);
        // Rule 10 read directly as well, not only through the checker.
        for (const b of booked) {
          const off = byId.get(b.courseId)!.unavailableDates ?? [];
          expect(off).not.toContain(localDate(center.timeZone, b.start));
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 60), seed: Number(process.env.PROP_SEED ?? 20270301) },
    );
  });
});
