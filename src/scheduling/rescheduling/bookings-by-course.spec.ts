import fc from 'fast-check';
import { Booking } from '../types';
import { booking } from '../testing/booking-factory';
import { localDayOf, parseInstant } from '../time/zone';
import { BookingsByCourse } from './bookings-by-course';

const TZ = 'Asia/Almaty';
const COURSES = ['A', 'B', 'C'];
// Few distinct times, so equal starts (the ties the order decides) are common.
const TIMES = ['2027-03-01T08:00', '2027-03-01T09:00', '2027-03-02T08:00', '2027-03-02T23:30'];

const arbBooking = fc
  .record({ course: fc.constantFrom(...COURSES), time: fc.constantFrom(...TIMES), fraction: fc.integer({ min: 1, max: 30 }) })
  .map(({ course, time, fraction }) => booking(course, fraction, 'G1', time.slice(0, 10), time.slice(11)));

type Op = { kind: 'append'; b: Booking } | { kind: 'replace'; at: number; b: Booking } | { kind: 'remove'; at: number };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  arbBooking.map((b) => ({ kind: 'append' as const, b })),
  fc.record({ at: fc.nat(), b: arbBooking }).map(({ at, b }) => ({ kind: 'replace' as const, at, b })),
  fc.nat().map((at) => ({ kind: 'remove' as const, at })),
);

/** What the rescheduler did with one flat list before: a course's first is its earliest booking, the first met among equal starts. */
function flatFirst(flat: Booking[], courseId: string): Booking | undefined {
  let seen: Booking | undefined;
  for (const x of flat) if (x.courseId === courseId && (!seen || parseInstant(x.start) < parseInstant(seen.start))) seen = x;
  return seen;
}

describe('BookingsByCourse', () => {
  it('answers as the flat list it replaces: each course in list order, its first booking, and the courses in the order the list meets them', () => {
    fc.assert(
      fc.property(fc.array(arbBooking, { maxLength: 12 }), fc.array(arbOp, { maxLength: 30 }), (initial, ops) => {
        const flat = [...initial];
        const byCourse = new BookingsByCourse(TZ, initial);
        for (const op of ops) {
          if (op.kind === 'append') {
            flat.push(op.b);
            byCourse.append(op.b);
          } else if (flat.length > 0) {
            const old = flat[op.at % flat.length];
            if (op.kind === 'remove') {
              flat.splice(flat.indexOf(old), 1);
              byCourse.remove(old);
            } else {
              // A replacement is always a booking of the same course (a fraction's new place).
              const by = { ...op.b, courseId: old.courseId };
              flat[flat.indexOf(old)] = by;
              byCourse.replace(old, by);
            }
          }
          for (const id of COURSES) {
            expect(byCourse.of(id)).toEqual(flat.filter((x) => x.courseId === id));
            const first = byCourse.first(id);
            expect(first?.booking).toBe(flatFirst(flat, id));
            if (first) expect(first.day).toBe(localDayOf(TZ, parseInstant(first.booking.start)));
          }
          const met = [...new Set(flat.map((x) => x.courseId))];
          const byPosition = COURSES.filter((id) => byCourse.first(id)).sort((a, b) => byCourse.first(a)!.position - byCourse.first(b)!.position);
          expect(byPosition).toEqual(met);
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 100), seed: Number(process.env.PROP_SEED ?? 19) },
    );
  });

  it('ignores a booking that is not in the list', () => {
    const a = booking('A', 1, 'G1', '2027-03-01', '08:00');
    const list = new BookingsByCourse(TZ, [a]);
    list.remove(booking('A', 1, 'G1', '2027-03-01', '08:00'));
    list.replace(booking('A', 2, 'G1', '2027-03-01', '09:00'), booking('A', 3, 'G1', '2027-03-01', '10:00'));
    expect(list.of('A')).toEqual([a]);
    expect(list.of('A')[0]).toBe(a);
  });
});
