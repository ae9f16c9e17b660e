import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { rescheduleMissed } from './reschedule-missed';

describe('rescheduleMissed', () => {
  const center = demoCenter();
  const week = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
  const a = week.map((d, i) => ({ ...booking('A', i + 1, 'G1', d, '10:00'), id: `A${i + 1}` }));
  // Course B sits in G1 on the day after A's last fraction, at A's usual time.
  const b = [{ ...booking('B', 1, 'G1', '2027-03-09', '10:00'), id: 'B1' }];

  it('gives the missed fraction again after the last one, under its own number, on the next open day, keeping the rules', () => {
    const r = rescheduleMissed(center, [...a, ...b], course('A'), 'A3', '2027-03-03T12:00:00+05:00');
    expect(r.unschedulable).toBeUndefined();
    expect(r.moves).toHaveLength(1);
    const to = r.moves[0].to!;
    expect(to.fraction).toBe(3);
    expect(to.start.slice(0, 10)).toBe('2027-03-09');
    expect(to.roomId === 'G1' ? to.start.slice(11, 16) !== '10:00' : true).toBe(true);
    expect(r.moves[0].reason).toMatch(/missed/);
    expect(r.interrupted).toBeUndefined();
    const after = [...a.map((x) => (x.id === 'A3' ? { ...x, status: 'MISSED' as const } : x)), ...b, to];
    expect(checkSchedule(center, after, [course('A'), course('B', { fractions: 1 })])).toEqual([]);
    // Still fractions 1..5, each once among the live appointments.
    const live = after.filter((x) => x.courseId === 'A' && x.status !== 'MISSED').map((x) => x.fraction);
    expect([...live].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses an appointment of another course', () => {
    const r = rescheduleMissed(center, [...a, ...b], course('A'), 'B1', '2027-03-03T12:00:00+05:00');
    expect(r.moves).toEqual([]);
    expect(r.unschedulable).toMatch(/not a fraction of course A/);
  });

  it('says the course is interrupted when the miss is recorded after its last fraction (the past cannot be booked)', () => {
    // Fraction 3 was missed on Wednesday 3 March; nobody recorded it until Thursday 11 March, after Friday's last fraction.
    const r = rescheduleMissed(center, [...a, ...b], course('A'), 'A3', '2027-03-11T12:00:00+05:00');
    expect(r.moves[0].to!.start.slice(0, 10)).toBe('2027-03-11');
    expect(r.interrupted).toMatch(
      /^Fraction 3 \(2027-03-03 10:00\) was missed; the course is interrupted \(rule 6\): open days between its last fraction on 2027-03-05 and 2027-03-11 have no fraction/,
    );
    expect(r.moves[0].reason).toMatch(/the course is interrupted/);
  });
  it('a miss recorded late in the evening of the day it had to follow: the hours gone cannot be booked, so the next day takes it', () => {
    // Last given fraction Friday 5 March; Monday 8 March is a holiday; the miss is recorded on Tuesday 9 March at 22:45.
    const r = rescheduleMissed(center, [...a, ...b], course('A'), 'A3', '2027-03-09T22:45:00+05:00');
    expect(r.unschedulable).toBeUndefined();
    expect(r.moves[0].to!.start.slice(0, 10)).toBe('2027-03-10');
    expect(r.interrupted).toMatch(/open days between its last fraction on 2027-03-05 and 2027-03-10 have no fraction/);
  });

  it('a course interrupted already by days gone takes the first day with a place, passing over a full one', () => {
    // One room with one place a day (10:00-10:30 after QA); course X has Thursday 11 March's.
    const tiny = { ...center, rooms: [center.rooms[0]] };
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) tiny.hours[day] = [['09:30', '10:30']];
    const x = { ...booking('X', 1, 'G1', '2027-03-11', '10:00'), id: 'X1' };
    const r = rescheduleMissed(tiny, [...a, x], course('A'), 'A3', '2027-03-11T08:00:00+05:00');
    expect(r.unschedulable).toBeUndefined();
    expect(r.moves[0].to!.start).toBe('2027-03-12T10:00:00+05:00');
    expect(r.interrupted).toMatch(/between its last fraction on 2027-03-05 and 2027-03-12/);
    // Not interrupted yet (the day it must take is today and still ahead): a full day is the coordinator's to solve.
    const full = rescheduleMissed(
      tiny,
      [
        ...a,
        {
          ...x,
          start: '2027-03-09T10:00:00+05:00',
          end: '2027-03-09T10:30:00+05:00',
          beamStart: '2027-03-09T10:10:00+05:00',
          beamEnd: '2027-03-09T10:18:00+05:00',
        },
      ],
      course('A'),
      'A3',
      '2027-03-09T08:00:00+05:00',
    );
    expect(full.unschedulable).toMatch(/2027-03-09, the next day open for the course after its last fraction, has no free 30-minute place/);
  });
});
