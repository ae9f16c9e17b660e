/** The limit checker for bounded shifts: each limit, alone, is caught. */
import { booking, course } from '../testing/booking-factory';
import { demoCenter } from '../defaults/demo-center';
import { Booking, CourseRequest, Shift } from '../types';
import { checkShifts } from './shift-limits';

const center = demoCenter();
const adult = course('A', { patientId: 'P1' });
const courses = new Map<string, CourseRequest>([
  ['A', adult],
  ['B', course('B', { patientId: 'P1' })],
  ['K', course('K', { patientCategory: 'PEDIATRIC', fractionMinutes: 40 })],
  ['N', course('N', { requiresAnesthesia: true, patientCategory: 'PEDIATRIC' })],
]);
const shift = (from: Booking, to: Booking, courseId = from.courseId): Shift => ({ courseId, fraction: from.fraction, from, to, reason: 'Shifted for a test.' });
const check = (shifts: Shift[], now = '2027-03-01T15:00:00+05:00') => checkShifts(shifts, { center, now, courses });

describe('checkShifts: the limits of a bounded shift', () => {
  it('accepts a shift of 60 min into another gantry, tomorrow, before 16:00', () => {
    expect(check([shift(booking('A', 1, 'G1', '2027-03-02', '10:00'), booking('A', 1, 'G2', '2027-03-02', '11:00'))])).toEqual([]);
  });

  it('refuses tomorrow after 16:00 and today at any time, but not the day after at 16:30', () => {
    const tomorrow = shift(booking('A', 1, 'G1', '2027-03-02', '10:00'), booking('A', 1, 'G1', '2027-03-02', '10:30'));
    expect(check([tomorrow], '2027-03-01T16:00:00+05:00')).toEqual([expect.stringMatching(/too close/)]);
    const today = shift(booking('A', 1, 'G1', '2027-03-01', '18:00'), booking('A', 1, 'G1', '2027-03-01', '18:30'));
    expect(check([today], '2027-03-01T08:00:00+05:00')).toEqual([expect.stringMatching(/too close/)]);
    const later = shift(booking('A', 1, 'G1', '2027-03-03', '10:00'), booking('A', 1, 'G1', '2027-03-03', '10:30'));
    expect(check([later], '2027-03-01T16:30:00+05:00')).toEqual([]);
  });

  it('refuses more than 60 min, another day, a changed length, and a room the course may not use', () => {
    const from = booking('A', 1, 'G1', '2027-03-03', '10:00');
    expect(check([shift(from, booking('A', 1, 'G1', '2027-03-03', '11:10'))])).toEqual([expect.stringMatching(/70 min/)]);
    expect(check([shift(from, booking('A', 1, 'G1', '2027-03-04', '10:00'))])).toContainEqual(expect.stringMatching(/another day/));
    expect(check([shift(from, booking('A', 1, 'G1', '2027-03-03', '10:10', { minutes: 40 }))])).toEqual([expect.stringMatching(/length/)]);
    expect(check([shift(from, booking('A', 1, 'X9', '2027-03-03', '10:10'))])).toEqual([expect.stringMatching(/not one the course may use/)]);
  });

  it('refuses anesthesia, the children’s hours and the room’s closing time', () => {
    const n = booking('N', 1, 'G1', '2027-03-03', '09:00', { anesthesia: true });
    expect(check([shift(n, { ...booking('N', 1, 'G1', '2027-03-03', '09:30'), anesthesia: true })])).toEqual([expect.stringMatching(/anesthesia/)]);
    const k = booking('K', 1, 'G1', '2027-03-03', '17:00', { minutes: 40 });
    expect(check([shift(k, booking('K', 1, 'G1', '2027-03-03', '17:30', { minutes: 40 }))])).toEqual([expect.stringMatching(/hard window/)]);
    const late = booking('A', 1, 'G1', '2027-03-03', '22:20');
    expect(check([shift(late, booking('A', 1, 'G1', '2027-03-03', '22:40'))])).toEqual([expect.stringMatching(/open hours/)]);
  });

  it('allows one shift per patient per ISO week, across the patient’s courses and the history', () => {
    const a = shift(booking('A', 1, 'G1', '2027-03-03', '10:00'), booking('A', 1, 'G1', '2027-03-03', '10:30'));
    const b = shift(booking('B', 2, 'G2', '2027-03-05', '10:00'), booking('B', 2, 'G2', '2027-03-05', '10:30'));
    expect(check([a, b])).toEqual([expect.stringMatching(/more than 1 shift/)]);
    const nextWeek = shift(booking('B', 3, 'G2', '2027-03-09', '10:00'), booking('B', 3, 'G2', '2027-03-09', '10:30'));
    expect(check([a, nextWeek])).toEqual([]);
    expect(checkShifts([a], { center, now: '2027-03-01T15:00:00+05:00', courses, earlier: [{ patientKey: 'P1', date: '2027-03-01' }] })).toHaveLength(1);
  });

  it('allows at most two shifts of one course, whatever the weeks', () => {
    const week = (date: string) => shift(booking('A', 1, 'G1', date, '10:00'), booking('A', 1, 'G1', date, '10:30'));
    const earlier = [{ patientKey: 'P1', courseId: 'A', date: '2027-02-10' }];
    expect(checkShifts([week('2027-03-03'), week('2027-03-10')], { center, now: '2027-03-01T15:00:00+05:00', courses, earlier })).toEqual([
      expect.stringMatching(/more than 2 shifts for the course/),
    ]);
  });
});
