/**
 * Property: courses are planned on a demo center with random days closed (closures, and Saturdays
 * closed by the hours); then some of those days open again (closures lifted, decree working
 * Saturdays) and time passes. After applying rescheduleForOpenedDays' moves, no hard rule is broken
 * anywhere, except rule 6 for a course it reports interrupted (which kept its dates) or on an opened
 * day already over (the past cannot be booked): every other course it looked at is uninterrupted.
 */
import fc from 'fast-check';
import { demoCenter } from '../defaults/demo-center';
import { createPlanner } from '../allocation/planner';
import { checkSchedule } from '../rules/check-schedule';
import { course } from '../testing/booking-factory';
import { Booking, CenterConfig } from '../types';
import { formatDate, parseDate } from '../time/civil-day';
import { rescheduleForOpenedDays } from './reschedule-opened-days';

const base = demoCenter();
const courses = Array.from({ length: Number(process.env.PROP_COURSES ?? 60) }, (_, i) =>
  course(`C${i}`, {
    fractions: 4 + (i % 12),
    fractionsPerWeek: [5, 5, 3, 4, 2][i % 5],
    requiresAnesthesia: i % 9 === 0,
    fractionMinutes: i % 9 === 0 ? 50 : i % 5 === 0 ? 40 : 30,
    arrival: '2027-03-26T09:00:00+05:00',
    earliestStart: formatDate(parseDate('2027-03-29') + (i % 15)),
    dueStart: '2027-05-31',
  }),
);
// Weekdays of April and early May 2027 that may be closed before, and Saturdays that may open.
const weekdays = Array.from({ length: 45 }, (_, i) => formatDate(parseDate('2027-04-01') + i)).filter((d) => {
  const w = new Date(`${d}T12:00:00Z`).getUTCDay();
  return w >= 1 && w <= 5;
});
const saturdays = Array.from({ length: 6 }, (_, i) => formatDate(parseDate('2027-04-03') + 7 * i));

describe('rescheduleForOpenedDays keeps the rules (property)', () => {
  it('random closures lifted and decree Saturdays, at a random now', () => {
    let moved = 0;
    let fixed = 0;
    fc.assert(
      fc.property(
        fc.record({
          closed: fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 8 }),
          reopen: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          working: fc.uniqueArray(fc.constantFrom(...saturdays), { maxLength: 3 }),
          nowDay: fc.integer({ min: 0, max: 30 }),
          nowMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        }),
        ({ closed, reopen, working, nowDay, nowMinute }) => {
          const before: CenterConfig = { ...base, closures: closed };
          const lifted = closed.filter((_, i) => reopen[i]);
          const after: CenterConfig = { ...base, closures: closed.filter((d) => !lifted.includes(d)), workingDays: working };
          const planner = createPlanner(before, []);
          const planned: Booking[] = [];
          for (const c of courses) {
            const r = planner.allocate(c, { now: c.arrival });
            if (r.status === 'SCHEDULED') planned.push(...r.appointments.map((a) => ({ ...a, id: `${a.courseId}-${a.fraction}` })));
          }
          const hhmm = `${String(Math.floor(nowMinute / 60)).padStart(2, '0')}:${String(nowMinute % 60).padStart(2, '0')}`;
          const now = `${formatDate(parseDate('2027-04-05') + nowDay)}T${hhmm}:00+05:00`;
          const today = now.slice(0, 10);
          const bookings = planned.map((b) => (Date.parse(b.end) <= Date.parse(now) ? { ...b, status: 'DELIVERED' as const } : b));
          const opened = [...lifted.map((date) => ({ date, why: 'closure removed' })), ...working.map((date) => ({ date, why: 'decree working day' }))];
          const r = rescheduleForOpenedDays(after, bookings, courses, opened, now);

          const interrupted = new Set(r.interrupted.map((i) => i.courseId));
          for (const m of r.moves) {
            // Only a booked fraction still ahead moves, only onto an opened day, never for an interrupted course.
            expect(m.from!.status).toBeUndefined();
            expect(Date.parse(m.from!.start)).toBeGreaterThanOrEqual(Date.parse(now));
            expect(opened.map((o) => o.date)).toContain(m.to!.start.slice(0, 10));
            expect(interrupted.has(m.courseId)).toBe(false);
            // The moved one was the course's last fraction, or pulled after a later one was.
            const own = bookings.filter((b) => b.courseId === m.courseId && b !== m.from);
            const pulled = r.moves.filter((x) => x.courseId === m.courseId).map((x) => x.from);
            expect(own.every((b) => pulled.includes(b) || Date.parse(b.start) < Date.parse(m.from!.start))).toBe(true);
          }
          const after_ = bookings.flatMap((b) => {
            const m = r.moves.find((x) => x.bookingId === b.id);
            return m ? [m.to!] : [b];
          });
          const all = checkSchedule(after, after_, courses);
          const bad = all.filter((v) => {
            if (v.rule !== 6) return true;
            const day = v.date!;
            return !interrupted.has(v.courseId!) && day >= today;
          });
          expect(bad).toEqual([]);
          // Reported interrupted only when it is.
          for (const id of interrupted) expect(all.some((v) => v.courseId === id && v.rule === 6)).toBe(true);
          moved += r.moves.length;
          fixed += r.concerned.length - r.interrupted.length;
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 25), seed: Number(process.env.PROP_SEED ?? 7) },
    );
    // The runs reached courses to move (else they proved nothing).
    expect(moved).toBeGreaterThan(0);
    expect(fixed).toBeGreaterThan(0);
  });
});
