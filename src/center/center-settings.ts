import type { WeeklyHours } from '../scheduling';
import type { CenterSettingsRow, DailyWindow, HolidayCalendar } from './center-settings.entity';

export type { DailyWindow } from './center-settings.entity';

/** Center-wide settings as the API and other modules see them. */
export interface CenterSettings {
  timeZone: string;
  hours: WeeklyHours;
  qaMinutes: number;
  anesthesia: { windows: WeeklyHours; teams: number };
  sharedBeam: boolean;
  holidays: HolidayCalendar;
  /** Rule 9: children (under 18 on the fraction's day) are treated within these local hours. */
  pediatricHours: DailyWindow;
  horizonWeeks: number;
  /** Courses a year the center aims to treat; bounds quota grants with crossBorderShare. */
  annualCapacity: number;
  /** Share (0..1) of annualCapacity that may be granted to partner countries. */
  crossBorderShare: number;
  updatedAt: string;
}

export function toCenterSettings(row: CenterSettingsRow): CenterSettings {
  return {
    timeZone: row.timeZone,
    hours: row.hours,
    qaMinutes: row.qaMinutes,
    anesthesia: { windows: row.anesthesiaWindows, teams: row.anesthesiaTeams },
    sharedBeam: row.sharedBeam,
    holidays: row.holidays,
    pediatricHours: { from: row.pediatricHours.from, to: row.pediatricHours.to },
    horizonWeeks: row.horizonWeeks,
    annualCapacity: row.annualCapacity,
    crossBorderShare: Number(row.crossBorderShare),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
