import { demoCenter } from '../defaults/demo-center';
import { checkBooking } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { Booking } from '../types';
import { suggestAlternatives } from './suggest-alternatives';

describe('suggestAlternatives', () => {
  const center = demoCenter();
  const week = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
  const a = week.map((d, i) => ({ ...booking('A', i + 1, 'G1', d, '10:00'), id: `A${i + 1}` }));
  const now = '2027-02-28T12:00:00+05:00';

  it('offers other times and rooms of the same day first, nearest the usual time, each passing checkBooking', () => {
    const out = suggestAlternatives(center, a, course('A'), 'A3', { now, limit: 10 });
    expect(out).toHaveLength(10);
    expect(out.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(out.every((x) => x.sameDay && x.localDate === '2027-03-03')).toBe(true);
    // Its own slot is free for it: 09:55 in its room is nearest the usual 10:00; 10:05 would overlap that
    // choice, so the next is the usual time in another room.
    expect(out[0]).toMatchObject({ roomId: 'G1', localTime: '09:55', minutesFromUsualTime: 5, minutesFromCurrent: -5 });
    expect(out[1]).toMatchObject({ localTime: '10:00', minutesFromUsualTime: 0 });
    expect(out[1].roomId).not.toBe('G1');
    for (const s of out) {
      const moved: Booking = { ...a[2], roomId: s.roomId, start: s.start, end: s.end, beamStart: s.beamStart, beamEnd: s.beamEnd };
      expect(checkBooking(center, a, course('A'), moved)).toEqual([]);
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(30 * 60_000);
      expect(Date.parse(s.beamStart) - Date.parse(s.start)).toBe(10 * 60_000);
      expect(s.minutesFromCurrent).toBe((Date.parse(s.start) - Date.parse(a[2].start)) / 60_000);
    }
    // Never the slot it has now, never the same place twice.
    expect(out.some((x) => x.roomId === 'G1' && x.localTime === '10:00')).toBe(false);
    expect(new Set(out.map((x) => `${x.roomId}@${x.start}`)).size).toBe(out.length);
  });

  it('leaves out times taken by another course in the room or on the shared beam', () => {
    const b = { ...booking('B', 1, 'G1', '2027-03-03', '10:30'), id: 'B1' };
    const c = { ...booking('C', 1, 'G2', '2027-03-03', '09:30'), id: 'C1' };
    const all = [...a, b, c];
    const courses = course('A');
    const out = suggestAlternatives(center, all, courses, 'A3', { now, limit: 30 });
    for (const s of out) {
      const moved: Booking = { ...a[2], roomId: s.roomId, start: s.start, end: s.end, beamStart: s.beamStart, beamEnd: s.beamEnd };
      expect(checkBooking(center, all, courses, moved)).toEqual([]);
    }
    expect(out.some((x) => x.roomId === 'G1' && x.localTime === '10:30')).toBe(false);
  });

  it('goes to other days when the day is full, only where the course rules allow', () => {
    // Three fractions a week: Monday, Wednesday, Friday; Tuesday and Thursday are free for it.
    const three = ['2027-03-01', '2027-03-03', '2027-03-05'].map((d, i) => ({ ...booking('T', i + 1, 'G1', d, '10:00'), id: `T${i + 1}` }));
    const req = course('T', { fractions: 3, fractionsPerWeek: 3 });
    const out = suggestAlternatives(center, three, req, 'T2', { now, limit: 200 });
    const days = new Set(out.map((x) => x.localDate));
    expect(days.has('2027-03-03')).toBe(true);
    expect([...days].every((d) => d === '2027-03-03' || d === '2027-03-02' || d === '2027-03-04')).toBe(true);
    const firstOtherDay = out.findIndex((x) => !x.sameDay);
    if (firstOtherDay >= 0) expect(out.slice(firstOtherDay).every((x) => !x.sameDay)).toBe(true);
    expect(days.has('2027-03-02') || days.has('2027-03-04')).toBe(true);
  });

  it('suggests nothing in the past, nothing for an unknown or non-booked fraction, and respects the limit', () => {
    const late = suggestAlternatives(center, a, course('A'), 'A3', { now: '2027-03-03T15:00:00+05:00', limit: 50 });
    expect(late.every((x) => Date.parse(x.start) > Date.parse('2027-03-03T15:00:00+05:00'))).toBe(true);
    expect(suggestAlternatives(center, a, course('A'), 'nope', { now })).toEqual([]);
    const missed = a.map((x) => (x.id === 'A3' ? { ...x, status: 'MISSED' as const } : x));
    expect(suggestAlternatives(center, missed, course('A'), 'A3', { now })).toEqual([]);
    expect(suggestAlternatives(center, a, course('A'), 'A3', { now, limit: 3 })).toHaveLength(3);
  });

  it('keeps an anesthesia fraction inside the anesthesia window', () => {
    const an = week.map((d, i) => ({ ...booking('N', i + 1, 'G1', d, '09:00', { minutes: 50, anesthesia: true }), id: `N${i + 1}` }));
    const req = course('N', { requiresAnesthesia: true, fractionMinutes: 50, patientCategory: 'PEDIATRIC' });
    const out = suggestAlternatives(center, an, req, 'N2', { now, limit: 20 });
    expect(out.length).toBeGreaterThan(0);
    for (const s of out) {
      const moved: Booking = { ...an[1], roomId: s.roomId, start: s.start, end: s.end, beamStart: s.beamStart, beamEnd: s.beamEnd };
      expect(checkBooking(center, an, req, moved)).toEqual([]);
    }
  });
});
