/**
 * Issue #20 on the demo center (Mon–Fri 07:00–23:00): children are placed inside the pediatric
 * hours (rule 9), a patient's unavailable dates are skipped without breaking the course (rule 10),
 * a preferred window is taken when the day has room in it, and suggestions obey the same rules.
 */
import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { suggestAlternatives } from '../alternatives/suggest-alternatives';
import { preferenceOutcome } from '../calendar/preferred-window';
import { booking, course } from '../testing/booking-factory';
import { Booking, CourseRequest } from '../types';
import { createPlanner } from './planner';

const center = demoCenter();
const now = '2027-02-26T08:00:00+05:00';
const localTime = (iso: string) => iso.slice(11, 16);
const localDate = (iso: string) => iso.slice(0, 10);

/** Fills G1–G3 from 07:30 to 18:00 on the first two weeks of March, so daytime is taken. */
function busyDaytime(): { bookings: Booking[]; courses: CourseRequest[] } {
  const days = ['01', '02', '03', '04', '05', '09', '10', '11', '12'].map((d) => `2027-03-${d}`);
  const bookings: Booking[] = [];
  const courses: CourseRequest[] = [];
  ['G1', 'G2', 'G3'].forEach((room, r) => {
    for (let slot = 0; slot < 21; slot++) {
      const id = `F-${room}-${slot}`;
      courses.push(course(id, { fractions: days.length }));
      const minute = 7 * 60 + 30 + slot * 30 + r * 10;
      if (minute + 30 > 18 * 60 + r * 10) continue;
      const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      days.forEach((d, i) => bookings.push({ ...booking(id, i + 1, room, d, hhmm), id: `${id}-${i + 1}` }));
    }
  });
  return { bookings, courses };
}

describe('children in daylight, unavailable dates and preferred windows (issue #20)', () => {
  it('a child goes inside 08:00–18:00 even when only the evening is free; an adult takes the evening', () => {
    const { bookings, courses } = busyDaytime();
    const child = course('K', { patientCategory: 'PEDIATRIC', fractionMinutes: 40, fractions: 5, urgency: 'URGENT', dueStart: '2027-03-03' });
    const adult = course('A', { fractions: 5, urgency: 'URGENT', dueStart: '2027-03-03' });
    const planner = createPlanner(center, bookings);
    const a = planner.allocate(adult, { now });
    const k = planner.allocate(child, { now });
    expect(a.status).toBe('SCHEDULED');
    expect(k.status).toBe('SCHEDULED');
    if (a.status !== 'SCHEDULED' || k.status !== 'SCHEDULED') return;
    // Daytime of the first two weeks is full: the adult starts on time in the evening, the child waits for daylight.
    expect(a.appointments.every((b) => localTime(b.start) >= '18:00')).toBe(true);
    expect(a.firstDate).toBe('2027-03-01');
    for (const b of k.appointments) {
      expect(localTime(b.start) >= '08:00' && localTime(b.end) <= '18:00').toBe(true);
    }
    expect(k.firstDate >= '2027-03-15').toBe(true);
    expect(checkSchedule(center, planner.bookings(), [...courses, adult, child])).toEqual([]);
  });

  it('a child who turns 18 mid-course may be treated in the evening from the birthday on', () => {
    const { bookings, courses } = busyDaytime();
    // 18 on Thursday 4 March 2027: on Mon–Wed the daytime is full, from Thursday the evening is allowed.
    const teen = course('T', { patientCategory: 'PEDIATRIC', birthDate: '2009-03-04', fractions: 2, urgency: 'URGENT', dueStart: '2027-03-10' });
    const r = createPlanner(center, bookings).allocate(teen, { now });
    expect(r.status).toBe('SCHEDULED');
    if (r.status !== 'SCHEDULED') return;
    expect(r.firstDate).toBe('2027-03-04');
    expect(checkSchedule(center, [...bookings, ...r.appointments], [...courses, teen])).toEqual([]);
  });

  it('unavailable dates are never booked and the course runs on both sides of them', () => {
    const c = course('U', { fractions: 8, unavailableDates: ['2027-03-03', '2027-03-04'] });
    const r = createPlanner(center, []).allocate(c, { now });
    expect(r.status).toBe('SCHEDULED');
    if (r.status !== 'SCHEDULED') return;
    const dates = r.appointments.map((b) => localDate(b.start));
    expect(dates).toEqual(['2027-03-01', '2027-03-02', '2027-03-05', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-16']); // 8 and 15 March are holidays
    expect(checkSchedule(center, r.appointments, [c])).toEqual([]);
  });

  it('a preferred window is met when the day has room in it, and never at the cost of a hard rule', () => {
    const evening = course('P', { fractions: 5, preferredWindow: { from: '17:00', to: '21:00' } });
    const r = createPlanner(center, []).allocate(evening, { now });
    expect(r.status).toBe('SCHEDULED');
    if (r.status !== 'SCHEDULED') return;
    expect(r.firstDate).toBe('2027-03-01');
    expect(preferenceOutcome(center.timeZone, evening, r.appointments)).toBe('MET');
    // A child's preferred evening cannot be had: rule 9 wins, and the preference is reported not met.
    const child = course('Q', { patientCategory: 'PEDIATRIC', fractionMinutes: 40, fractions: 3, preferredWindow: { from: '19:00', to: '22:00' } });
    const q = createPlanner(center, []).allocate(child, { now });
    expect(q.status).toBe('SCHEDULED');
    if (q.status !== 'SCHEDULED') return;
    expect(q.appointments.every((b) => localTime(b.end) <= '18:00')).toBe(true);
    expect(preferenceOutcome(center.timeZone, child, q.appointments)).toBe('NOT_MET');
  });

  it('suggestions for a child stay inside the pediatric hours and skip unavailable dates', () => {
    const child = course('K', { patientCategory: 'PEDIATRIC', fractionMinutes: 40, fractions: 5, unavailableDates: ['2027-03-02'] });
    const own = ['2027-03-01', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-09'].map((d, i) => ({
      ...booking('K', i + 1, 'G1', d, '17:00', { minutes: 40 }),
      id: `K${i + 1}`,
    }));
    const out = suggestAlternatives(center, own, child, 'K2', { now, limit: 40 });
    expect(out.length).toBeGreaterThan(0);
    for (const s of out) {
      expect(localTime(s.start) >= '08:00' && localTime(s.end) <= '18:00').toBe(true);
      expect(s.localDate).not.toBe('2027-03-02');
    }
  });
});
