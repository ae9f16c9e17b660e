import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { Booking } from '../types';
import { rescheduleForDowntime } from './reschedule-downtime';

const week = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
const series = (id: string, room: string, hhmm: string) => week.map((d, i) => ({ ...booking(id, i + 1, room, d, hhmm), id: `${id}${i + 1}` }));
const apply = (bookings: Booking[], moves: { bookingId?: string; to: Booking | null }[]) =>
  bookings.flatMap((b) => {
    const m = moves.find((x) => x.bookingId === b.id);
    return m ? (m.to ? [m.to] : []) : [b];
  });

describe('rescheduleForDowntime', () => {
  const center = demoCenter();
  const courses = [course('A'), course('B')];
  const bookings = [...series('A', 'G1', '10:00'), ...series('B', 'G1', '14:00')];

  it('moves only the fractions the downtime hits, the same day, and keeps every rule', () => {
    const downtime = { roomId: 'G1', start: '2027-03-03T09:00:00+05:00', end: '2027-03-03T11:00:00+05:00', reason: 'magnet fault' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-02T18:00:00+05:00');
    expect(r.unschedulable).toEqual([]);
    expect(r.moves).toHaveLength(1);
    const m = r.moves[0];
    expect(m).toMatchObject({ bookingId: 'A3', courseId: 'A', fraction: 3 });
    expect(m.to!.start.slice(0, 10)).toBe('2027-03-03');
    expect(m.reason).toMatch(/magnet fault/);
    const after = apply(bookings, r.moves);
    expect(checkSchedule({ ...center, downtimes: [downtime] }, after, courses)).toEqual([]);
  });

  it("keeps a hit fraction on its day in free minutes off the lane template when no place of the template is free", () => {
    // A day booked by an older schedule, off the template: all full but G1 14:10-14:40.
    const day = '2027-03-01';
    const full: Booking[] = [
      { ...booking('OLD1', 1, 'G1', day, '07:30', { minutes: 400 }), id: 'o1' },
      { ...booking('OLD2', 1, 'G1', day, '14:40', { minutes: 500 }), id: 'o2' },
      { ...booking('OLD3', 1, 'G2', day, '07:40', { minutes: 920 }), id: 'o3' },
      { ...booking('OLD4', 1, 'G3', day, '07:50', { minutes: 130 }), id: 'o4' },
      { ...booking('C', 1, 'G3', day, '10:00'), id: 'c1' },
      { ...booking('OLD5', 1, 'G3', day, '10:30', { minutes: 750 }), id: 'o5' },
    ];
    const c = course('C', { fractions: 1 });
    const downtime = { roomId: 'G3', start: `${day}T10:00:00+05:00`, end: `${day}T10:30:00+05:00` };
    const r = rescheduleForDowntime(center, full, [c], downtime, '2027-02-28T18:00:00+05:00');
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0].to).toMatchObject({ roomId: 'G1', start: `${day}T14:10:00+05:00` });
  });

  it('never moves a fraction into the past', () => {
    const downtime = { roomId: null, start: '2027-03-03T09:00:00+05:00', end: '2027-03-03T15:00:00+05:00' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-03T09:30:00+05:00');
    for (const m of r.moves) expect(Date.parse(m.to!.start)).toBeGreaterThanOrEqual(Date.parse('2027-03-03T09:30:00+05:00'));
    expect(checkSchedule({ ...center, downtimes: [downtime] }, apply(bookings, r.moves), courses)).toEqual([]);
  });

  it('a whole-day beam-line outage moves each hit fraction to the end of its course and says why', () => {
    const downtime = { roomId: null, start: '2027-03-03T00:00:00+05:00', end: '2027-03-04T00:00:00+05:00' };
    const r = rescheduleForDowntime(center, bookings, courses, downtime, '2027-03-01T06:00:00+05:00');
    expect(r.moves.map((m) => m.bookingId).sort()).toEqual(['A3', 'B3']);
    for (const m of r.moves) {
      // After Fri 5 March come the weekend and the 8 March holiday: Tuesday 9 March.
      expect(m.to!.start.slice(0, 10)).toBe('2027-03-09');
      expect(m.reason).toMatch(/end of the course/);
    }
    expect(checkSchedule({ ...center, downtimes: [downtime] }, apply(bookings, r.moves), courses)).toEqual([]);
  });
});
