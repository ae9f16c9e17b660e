/**
 * Two emergencies of different kinds due the same day, on a day whose only free time is the
 * slot kept for a child under anesthesia and the one kept for a child's 40-minute fraction.
 */
import { createPlanner } from './planner';
import { course } from '../testing/booking-factory';
import { CenterConfig, WeeklyHours } from '../types';
import { DEFAULT_RESERVATION } from './reservation-policy';

const weekdays = (iv: Array<[string, string]>): WeeklyHours => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: null, sun: null });
// One room open 07:30–09:00: the anesthesia window 07:30–08:20 holds one child's 50 minutes, 08:20–09:00 one child's 40.
const center: CenterConfig = {
  timeZone: 'Asia/Almaty',
  rooms: [{ id: 'G1', kind: 'GANTRY', active: true }],
  hours: weekdays([['07:30', '09:00']]),
  qaMinutes: 0,
  anesthesia: { windows: weekdays([['07:30', '08:20']]), teams: 1 },
  pediatricHours: ['07:00', '18:00'],
  sharedBeam: false,
  holidays: false,
  closures: [],
  workingDays: [],
  downtimes: [],
};
const reservation = { ...DEFAULT_RESERVATION, emergencySlots: { adult: 1, child: 1, anesthesia: 1 } };

describe('an emergency that cannot spare the other kinds’ slots', () => {
  it('takes the child’s 40-minute slot before the one for a child under anesthesia, so a child’s emergency that day still starts', () => {
    const planner = createPlanner(center, [], { reservation, lanes: false });
    const due = { earliestStart: '2027-03-02', dueStart: '2027-03-02', fractions: 1 };
    // The adult would rather come early: left to its own ranking it takes the anesthesia window.
    const adult = course('E-ADULT', { ...due, urgency: 'EMERGENCY', arrival: '2027-03-01T10:00:00+05:00', preferredWindow: { from: '07:30', to: '08:20' } });
    const a = planner.allocate(adult, { now: adult.arrival });
    expect(a).toMatchObject({ status: 'SCHEDULED', firstDate: '2027-03-02', lateStart: false });
    if (a.status === 'SCHEDULED') expect(a.appointments[0].start.slice(11, 16) >= '08:20').toBe(true);

    const child = course('E-CHILD', {
      ...due,
      urgency: 'EMERGENCY',
      arrival: '2027-03-01T11:00:00+05:00',
      patientCategory: 'PEDIATRIC',
      requiresAnesthesia: true,
      fractionMinutes: 50,
    });
    expect(planner.allocate(child, { now: child.arrival })).toMatchObject({ status: 'SCHEDULED', firstDate: '2027-03-02', lateStart: false });
  });
});
