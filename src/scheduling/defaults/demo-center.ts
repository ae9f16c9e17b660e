/** The demo center of SPEC §3: three gantries sharing one beam. */
import { CenterConfig, WeeklyHours } from '../types';

const WEEKDAYS_0700_2300: WeeklyHours = {
  mon: [['07:00', '23:00']],
  tue: [['07:00', '23:00']],
  wed: [['07:00', '23:00']],
  thu: [['07:00', '23:00']],
  fri: [['07:00', '23:00']],
  sat: null,
  sun: null,
};

const ANESTHESIA_0800_1300: WeeklyHours = {
  mon: [['08:00', '13:00']],
  tue: [['08:00', '13:00']],
  wed: [['08:00', '13:00']],
  thu: [['08:00', '13:00']],
  fri: [['08:00', '13:00']],
  sat: null,
  sun: null,
};

export function demoCenter(timeZone = 'Asia/Almaty'): CenterConfig {
  return {
    timeZone,
    rooms: ['G1', 'G2', 'G3'].map((id) => ({ id, kind: 'GANTRY' as const, active: true })),
    hours: structuredClone(WEEKDAYS_0700_2300),
    qaMinutes: 30,
    anesthesia: { windows: structuredClone(ANESTHESIA_0800_1300), teams: 1 },
    sharedBeam: true,
    holidays: 'KZ',
    closures: [],
    workingDays: [],
    downtimes: [],
  };
}
