import { calendarFor } from '../calendar/center-calendar';
import { demoCenter } from '../defaults/demo-center';
import { dayNumOf } from '../time/civil-day';
import { localToEpochMin } from '../time/zone';
import { CenterConfig, WeeklyHours } from '../types';
import { BookingIndex } from './booking-index';
import { EmergencyProbe } from './emergency-probe';
import { SlotFinder } from './slot-finder';

const weekdays = (iv: Array<[string, string]>): WeeklyHours => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: null, sun: null });
// One room open 07:30-09:00 after QA; the anesthesia window 07:30-08:20 holds exactly one child's 50 minutes.
const center: CenterConfig = {
  ...demoCenter(),
  rooms: [{ id: 'G1', kind: 'GANTRY', active: true }],
  hours: weekdays([['07:00', '09:00']]),
  anesthesia: { windows: weekdays([['07:30', '08:20']]), teams: 1 },
  // Children from 07:00 here, so the window is theirs (rule 9's default would start it at 08:00).
  pediatricHours: ['07:00', '18:00'],
};
const cal = calendarFor(center);
const day = dayNumOf(2027, 3, 3);
const at = (hh: number, mm: number) => localToEpochMin(center.timeZone, day, hh * 60 + mm);
const adultAt = (hh: number, mm: number) => ({
  roomIdx: 0,
  day,
  start: at(hh, mm),
  end: at(hh, mm) + 30,
  beamStart: at(hh, mm) + 10,
  beamEnd: at(hh, mm) + 18,
  anesthesia: false,
});

describe('EmergencyProbe: the day keeps one adult and one child emergency slot', () => {
  const index = new BookingIndex(cal);
  const slots = new SlotFinder(cal, index, 10);
  const probe = new EmergencyProbe(cal, index, slots, { adult: 1, anesthesia: 1 });

  it('refuses an adult fraction that takes the only place a child under anesthesia fits, unless a child is spending it', () => {
    const b = adultAt(7, 30);
    expect(probe.admits(b)).toBe(false);
    expect(probe.admits(b, 'adult')).toBe(false);
    expect(probe.admits(b, 'anesthesia')).toBe(true);
  });

  it('refuses a fraction that takes the adult slot, unless an adult emergency is spending it', () => {
    const c = adultAt(8, 20);
    expect(probe.admits(c)).toBe(false);
    expect(probe.admits(c, 'adult')).toBe(true);
    expect(probe.admits(c, 'anesthesia')).toBe(false);
  });

  it('lets a course take slots above a lower floor (what URGENT courses must leave, when configured)', () => {
    const c = adultAt(8, 20);
    expect(probe.admits(c, undefined, { adult: 0, anesthesia: 1 })).toBe(true);
    expect(probe.admits(adultAt(7, 30), undefined, { adult: 0, anesthesia: 1 })).toBe(false);
  });

  it('admits what touches neither slot', () => {
    expect(probe.admits({ ...adultAt(8, 50), end: at(9, 0) })).toBe(true);
  });
});
