/**
 * Property: with bounded shifts on for emergencies and urgent courses (and no reserve, so they need them often), whatever the
 * center and the arrivals, every plan passes the rule checker (rules 1–10, children's hours
 * included, so a shifted course still obeys rules 4–6), every shift passes the limit checker
 * against the shifts made before it, and a shift never changes a fraction's day.
 */
import fc from 'fast-check';
import { checkSchedule } from '../rules/check-schedule';
import { createPlanner, NO_RESERVATION } from './planner';
import { scenarioArb, localDate } from '../testing/random-scenario';
import { ShiftRecord } from '../types';
import { checkShifts, DEFAULT_SHIFT_POLICY, patientKeyOf } from './shift-limits';

describe('bounded shifts keep every hard rule and every limit (property)', () => {
  it('random centers and arrivals', () => {
    let shifted = 0;
    fc.assert(
      fc.property(scenarioArb, ([center, courses]) => {
        const planner = createPlanner(center, [], { shifts: { ...DEFAULT_SHIFT_POLICY, urgent: true }, reservation: NO_RESERVATION });
        const byId = new Map(courses.map((c) => [c.id, c]));
        const earlier: ShiftRecord[] = [];
        for (const c of [...courses].sort((a, b) => Date.parse(a.arrival) - Date.parse(b.arrival))) {
          const r = planner.allocate(c, { now: c.arrival, horizonWeeks: 8 });
          if (r.status !== 'SCHEDULED' || !r.shifts?.length) continue;
          expect(c.urgency).not.toBe('ROUTINE');
          expect(checkShifts(r.shifts, { center, now: c.arrival, courses: byId, earlier })).toEqual([]);
          for (const s of r.shifts) {
            expect(localDate(center.timeZone, s.to.start)).toBe(localDate(center.timeZone, s.from.start));
            earlier.push({ patientKey: patientKeyOf(byId.get(s.courseId)!), courseId: s.courseId, date: localDate(center.timeZone, s.from.start) });
          }
          shifted += r.shifts.length;
        }
        expect(checkSchedule(center, planner.bookings(), courses)).toEqual([]);
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 80), seed: Number(process.env.PROP_SEED ?? 20261207) },
    );
    // The property is about shifts: the runs must have made some.
    expect(shifted).toBeGreaterThan(0);
  });
});
