import { demoCenter } from '../defaults/demo-center';
import { booking, course } from '../testing/booking-factory';
import { checkBooking, checkSchedule } from './check-schedule';

const center = demoCenter();
const rulesOf = (v: { rule: number }[]) => [...new Set(v.map((x) => x.rule))].sort();
// Week of Mon 2027-03-01 .. Fri 03-05 (8 March is a holiday).
const week = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
const clean = (id: string, room: string, hhmm: string) => week.map((d, i) => booking(id, i + 1, room, d, hhmm));

describe('checkSchedule: one test per hard rule', () => {
  it('a correct schedule has no violation', () => {
    expect(checkSchedule(center, [...clean('A', 'G1', '09:00'), ...clean('B', 'G2', '09:10')], [course('A'), course('B')])).toEqual([]);
  });

  it('rule 1: inside open hours, outside QA, closures and downtime', () => {
    expect(rulesOf(checkSchedule(center, [booking('A', 1, 'G1', '2027-03-01', '07:10')], [course('A', { fractions: 1 })]))).toEqual([1]);
    expect(rulesOf(checkSchedule(center, [booking('A', 1, 'G1', '2027-03-01', '22:45')], [course('A', { fractions: 1 })]))).toEqual([1]);
    expect(rulesOf(checkSchedule(center, [booking('A', 1, 'G1', '2027-03-08', '10:00')], [course('A', { fractions: 1 })]))).toEqual([1]);
    const down = { ...center, downtimes: [{ roomId: 'G1', start: '2027-03-01T09:00:00+05:00', end: '2027-03-01T10:00:00+05:00' }] };
    expect(rulesOf(checkSchedule(down, [booking('A', 1, 'G1', '2027-03-01', '09:40')], [course('A', { fractions: 1 })]))).toEqual([1]);
  });

  it('rule 2: allowed room kind, active room', () => {
    expect(rulesOf(checkSchedule(center, [booking('A', 1, 'G1', '2027-03-01', '10:00')], [course('A', { fractions: 1, roomKinds: ['FIXED_BEAM'] })]))).toEqual([
      2,
    ]);
    const inactive = { ...center, rooms: center.rooms.map((r) => (r.id === 'G3' ? { ...r, active: false } : r)) };
    expect(rulesOf(checkSchedule(inactive, [booking('A', 1, 'G3', '2027-03-01', '10:00')], [course('A', { fractions: 1 })]))).toEqual([1, 2]);
  });

  it('rules 1 and 2 judge what is booked, not a delivered fraction: a later downtime or deactivation does not make it wrong', () => {
    const down = { ...center, downtimes: [{ roomId: 'G1', start: '2027-03-01T09:00:00+05:00', end: '2027-03-01T10:00:00+05:00' }] };
    const inDowntime = booking('A', 1, 'G1', '2027-03-01', '09:40');
    expect(rulesOf(checkSchedule(down, [inDowntime], [course('A', { fractions: 1 })]))).toEqual([1]);
    expect(checkSchedule(down, [{ ...inDowntime, status: 'DELIVERED' }], [course('A', { fractions: 1 })])).toEqual([]);
    const inactive = { ...center, rooms: center.rooms.map((r) => (r.id === 'G3' ? { ...r, active: false } : r)) };
    expect(checkSchedule(inactive, [{ ...booking('A', 1, 'G3', '2027-03-01', '10:00'), status: 'DELIVERED' }], [course('A', { fractions: 1 })])).toEqual([]);
    // It still takes its room: a booking on top of it is a conflict.
    const given = { ...booking('A', 1, 'G1', '2027-03-01', '10:00'), status: 'DELIVERED' as const };
    expect(
      rulesOf(checkSchedule(center, [given, booking('B', 1, 'G1', '2027-03-01', '10:10')], [course('A', { fractions: 1 }), course('B', { fractions: 1 })])),
    ).toEqual([3]);
  });

  it('rule 3: no overlap in one room', () => {
    const v = checkSchedule(
      { ...center, sharedBeam: false },
      [booking('A', 1, 'G1', '2027-03-01', '10:00'), booking('B', 1, 'G1', '2027-03-01', '10:20')],
      [course('A', { fractions: 1 }), course('B', { fractions: 1 })],
    );
    expect(rulesOf(v)).toEqual([3]);
  });

  it('rule 4: one fraction per day, at most fractionsPerWeek per ISO week', () => {
    const twice = [booking('A', 1, 'G1', '2027-03-01', '10:00'), booking('A', 2, 'G2', '2027-03-01', '15:00')];
    expect(rulesOf(checkSchedule(center, twice, [course('A', { fractions: 2 })]))).toEqual([4]);
    expect(rulesOf(checkSchedule(center, clean('A', 'G1', '09:00'), [course('A', { fractionsPerWeek: 4 })]))).toEqual([4]);
  });

  it('rule 5: not before earliestStart, nothing before arrival', () => {
    expect(rulesOf(checkSchedule(center, clean('A', 'G1', '09:00'), [course('A', { earliestStart: '2027-03-02' })]))).toEqual([5]);
    expect(rulesOf(checkSchedule(center, clean('A', 'G1', '09:00'), [course('A', { arrival: '2027-03-01T12:00:00+05:00' })]))).toEqual([5]);
  });

  it('rule 6: no interruption — an open day between fractions must be used unless the week is full', () => {
    const gap = clean('A', 'G1', '09:00').filter((b) => b.fraction !== 3);
    expect(rulesOf(checkSchedule(center, gap, [course('A', { fractions: 4 })]))).toEqual([6]);
    // With 4 per week, skipping Wednesday is fine: the week still has its 4 fractions.
    expect(checkSchedule(center, gap, [course('A', { fractions: 4, fractionsPerWeek: 4 })])).toEqual([]);
    // A weekend and the 8 March holiday are not interruptions: Fri 5th then Tue 9th.
    expect(
      checkSchedule(center, [booking('A', 1, 'G1', '2027-03-05', '09:00'), booking('A', 2, 'G1', '2027-03-09', '09:00')], [course('A', { fractions: 2 })]),
    ).toEqual([]);
    // A missed fraction's day was used.
    const missed = clean('A', 'G1', '09:00').map((b) => (b.fraction === 3 ? { ...b, status: 'MISSED' as const } : b));
    expect(checkSchedule(center, missed, [course('A')])).toEqual([]);
  });

  it('rule 7: anesthesia inside the window, at most `teams` at once', () => {
    const an = (id: string, room: string, hhmm: string) => booking(id, 1, room, '2027-03-01', hhmm, { minutes: 50, anesthesia: true });
    const ac = (id: string) => course(id, { fractions: 1, requiresAnesthesia: true, fractionMinutes: 50 });
    expect(rulesOf(checkSchedule(center, [an('A', 'G1', '12:30')], [ac('A')]))).toEqual([7]);
    expect(rulesOf(checkSchedule(center, [an('A', 'G1', '09:00'), an('B', 'G2', '09:30')], [ac('A'), ac('B')]))).toEqual([7]);
    const twoTeams = { ...center, anesthesia: { ...center.anesthesia, teams: 2 } };
    expect(checkSchedule(twoTeams, [an('A', 'G1', '09:00'), an('B', 'G2', '09:30')], [ac('A'), ac('B')])).toEqual([]);
  });

  it('rule 8: shared beam intervals never overlap across rooms; independent machines may', () => {
    const pair = [booking('A', 1, 'G1', '2027-03-01', '10:00'), booking('B', 1, 'G2', '2027-03-01', '10:05')];
    const cs = [course('A', { fractions: 1 }), course('B', { fractions: 1 })];
    expect(rulesOf(checkSchedule(center, pair, cs))).toEqual([8]);
    expect(checkSchedule({ ...center, sharedBeam: false }, pair, cs)).toEqual([]);
    expect(checkSchedule(center, [pair[0], booking('B', 1, 'G2', '2027-03-01', '10:08')], cs)).toEqual([]);
  });

  it("rule 9: a child is treated within the pediatric hours (default 08:00–18:00), judged by age on the fraction's day", () => {
    const child = (extra = {}) => course('K', { fractions: 1, patientCategory: 'PEDIATRIC', fractionMinutes: 40, ...extra });
    const at = (hhmm: string, date = '2027-03-01') => [booking('K', 1, 'G1', date, hhmm, { minutes: 40 })];
    expect(checkSchedule(center, at('08:00'), [child()])).toEqual([]);
    expect(checkSchedule(center, at('17:20'), [child()])).toEqual([]);
    expect(rulesOf(checkSchedule(center, at('07:30'), [child()]))).toEqual([9]);
    expect(rulesOf(checkSchedule(center, at('17:30'), [child()]))).toEqual([9]);
    expect(rulesOf(checkSchedule(center, at('22:20'), [child()]))).toEqual([9]);
    // An adult may come in the evening.
    expect(checkSchedule(center, at('22:20'), [course('K', { fractions: 1, fractionMinutes: 40 })])).toEqual([]);
    // The center's own hours.
    expect(checkSchedule({ ...center, pediatricHours: ['07:30', '20:00'] }, at('07:30'), [child()])).toEqual([]);
    // By birth date: 18 on 2 March 2027, a child on the 1st only.
    expect(rulesOf(checkSchedule(center, at('19:00', '2027-03-01'), [child({ birthDate: '2009-03-02' })]))).toEqual([9]);
    expect(checkSchedule(center, at('19:00', '2027-03-02'), [child({ birthDate: '2009-03-02' })])).toEqual([]);
    // A delivered fraction is history.
    expect(checkSchedule(center, [{ ...at('22:20')[0], status: 'DELIVERED' }], [child()])).toEqual([]);
    // checkBooking (moves) reports it too.
    expect(rulesOf(checkBooking(center, [], child(), at('19:00')[0]))).toEqual([9]);
  });

  it("rule 10: a patient's unavailable date is never booked, and skipping it is no interruption", () => {
    const off = course('A', { fractions: 4, unavailableDates: ['2027-03-03'] });
    expect(rulesOf(checkSchedule(center, clean('A', 'G1', '09:00').slice(0, 4), [off]))).toEqual([10]);
    const skipping = clean('A', 'G1', '09:00').filter((b) => b.fraction !== 3);
    expect(checkSchedule(center, skipping, [off])).toEqual([]);
    // The same gap without the patient's date is an interruption (rule 6).
    expect(rulesOf(checkSchedule(center, skipping, [course('A', { fractions: 4 })]))).toEqual([6]);
    const violation = checkSchedule(center, [booking('A', 1, 'G1', '2027-03-03', '09:00')], [course('A', { fractions: 1, unavailableDates: ['2027-03-03'] })]);
    expect(violation).toMatchObject([{ rule: 10, courseId: 'A', date: '2027-03-03' }]);
  });
});

describe('checkBooking (used by /appointments/:id/move)', () => {
  it("names rooms as people know them when the center gives names (a live center's ids are UUIDs)", () => {
    const named = { ...center, rooms: center.rooms.map((r) => ({ ...r, name: `Gantry ${r.id.slice(1)}` })) };
    const both = [booking('A', 1, 'G1', '2027-03-01', '10:00'), booking('B', 1, 'G1', '2027-03-01', '10:10')];
    const messages = checkSchedule(named, both, [course('A', { fractions: 1 }), course('B', { fractions: 1 })]).map((v) => v.message);
    expect(messages.find((m) => m.startsWith('Room '))).toMatch(/^Room Gantry 1: A #1 and B #1 overlap/);
  });

  it('reports only what the moved booking breaks', () => {
    const a = clean('A', 'G1', '09:00').map((b, i) => ({ ...b, id: `a${i + 1}` }));
    const b = clean('B', 'G2', '11:00').map((x, i) => ({ ...x, id: `b${i + 1}` }));
    const all = [...a, ...b];
    const ok = {
      ...b[2],
      start: '2027-03-03T12:00:00+05:00',
      end: '2027-03-03T12:30:00+05:00',
      beamStart: '2027-03-03T12:10:00+05:00',
      beamEnd: '2027-03-03T12:18:00+05:00',
    };
    expect(checkBooking(center, all, course('B'), ok)).toEqual([]);
    const clash = {
      ...b[2],
      roomId: 'G1',
      start: '2027-03-03T09:00:00+05:00',
      end: '2027-03-03T09:30:00+05:00',
      beamStart: '2027-03-03T09:10:00+05:00',
      beamEnd: '2027-03-03T09:18:00+05:00',
    };
    expect(rulesOf(checkBooking(center, all, course('B'), clash))).toEqual([3, 8]);
    const otherDay = {
      ...b[2],
      start: '2027-03-04T14:00:00+05:00',
      end: '2027-03-04T14:30:00+05:00',
      beamStart: '2027-03-04T14:10:00+05:00',
      beamEnd: '2027-03-04T14:18:00+05:00',
    };
    // Two on Thursday (rule 4); Wednesday left empty is not rule 6 here because the week still holds 5.
    expect(rulesOf(checkBooking(center, all, course('B'), otherDay))).toEqual([4]);
  });

  it('does not blame a move for a gap a later-opened day left in the course (decree working Saturday)', () => {
    // Thu 4, Fri 5, Tue 9, Wed 10 March 2027 (Monday 8 March is a holiday); Saturday 6 March then becomes a working day.
    const days = ['2027-03-04', '2027-03-05', '2027-03-09', '2027-03-10'];
    const c = course('C', { fractions: 4 });
    const booked = days.map((d, i) => ({ ...booking('C', i + 1, 'G1', d, '09:00'), id: `c${i + 1}` }));
    const opened = { ...center, workingDays: ['2027-03-06'] };
    expect(rulesOf(checkSchedule(opened, booked, [c]))).toEqual([6]);
    const at = (b: (typeof booked)[number], day: string, hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number);
      const t = (mins: number) => `${day}T${String(h + Math.floor((m + mins) / 60)).padStart(2, '0')}:${String((m + mins) % 60).padStart(2, '0')}:00+05:00`;
      return { ...b, start: t(0), end: t(30), beamStart: t(10), beamEnd: t(18) };
    };
    // Same day, an hour later: the Saturday gap was there before the move.
    expect(checkBooking(opened, booked, c, at(booked[3], '2027-03-10', '10:00'))).toEqual([]);
    // The service passes the other bookings without the moved one, and the moved one as it stands.
    expect(checkBooking(opened, booked.slice(0, 3), c, at(booked[3], '2027-03-10', '10:00'), booked[3])).toEqual([]);
    // A move that makes a gap of its own is still refused: Friday's fraction moved to Thursday 11 leaves Friday unused.
    const made = checkBooking(opened, booked, c, at(booked[1], '2027-03-11', '09:00'));
    expect(made.some((v) => v.rule === 6 && v.message.includes('2027-03-05 is open'))).toBe(true);
  });
});
