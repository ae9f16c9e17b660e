/**
 * The lane template of each calendar day, in absolute minutes: built from the rooms' scheduled
 * hours (downtime does not change the template; a place it hits is simply not free) and the
 * anesthesia window, so every ordinary day of the week shares one cached layout.
 */
import { DayNum } from '../time/civil-day';
import { localMidnight } from '../time/zone';
import { CenterCalendar } from '../calendar/center-calendar';
import { Interval, total } from '../calendar/intervals';
import { ANESTHESIA_MINUTES, Lane, laneTemplate, STANDARD_MINUTES } from './lane-template';

export interface LaneMix {
  /** Places for a child under anesthesia per day (default: as many as the window and teams allow). */
  anesthesiaPlaces?: number;
  /** Children's 40-minute places as a share of the day's standard places (default 0.15). */
  childShare?: number;
}

/**
 * At the demo load about one fraction in nine is a child's 40-minute one and one in twenty a
 * child's under anesthesia. Measured on seeds 1-3 (default reserve): 10 children's places a day
 * left URGENT children waiting for weeks (URGENT on time 91 %); 14 (a share of 0.15) keeps their
 * queue moving (95 %) for 0.3 pt of utilization, since an adult in a 40-minute place idles 10
 * minutes of it. The anesthesia window is filled with anesthesia places: it is the scarcest.
 */
export const DEFAULT_LANE_MIX: Required<LaneMix> = { anesthesiaPlaces: -1, childShare: 0.15 };

export class DayLanes {
  private readonly days = new Map<DayNum, Lane[][] | null>();
  private readonly mix: Required<LaneMix>;

  constructor(
    private readonly cal: CenterCalendar,
    private readonly grid: number,
    mix: LaneMix = {},
  ) {
    this.mix = { ...DEFAULT_LANE_MIX, ...mix };
  }

  private readonly fitting = new Map<number, Lane[][] | null>();

  /** The day's places per room long enough for a fraction of `fm` minutes, or null without a template. */
  holding(day: DayNum, fm: number): Lane[][] | null {
    const key = day * 1024 + fm;
    let hit = this.fitting.get(key);
    if (hit === undefined) {
      const all = this.of(day);
      hit = all && all.map((room) => room.filter((l) => l.minutes >= fm));
      this.fitting.set(key, hit);
    }
    return hit;
  }

  /** The day's places per room (absolute minutes), or null when the day has no template. */
  of(day: DayNum): Lane[][] | null {
    let hit = this.days.get(day);
    if (hit !== undefined) return hit;
    hit = this.build(day);
    this.days.set(day, hit);
    return hit;
  }

  private build(day: DayNum): Lane[][] | null {
    const mid = localMidnight(this.cal.timeZone, day);
    const rooms = this.cal.roomDaysOf(day).map((rd) => rd.scheduled.map(([s, e]) => [s - mid, e - mid] as Interval));
    if (rooms.every((r) => r.length === 0)) return null;
    const teams = this.cal.center.anesthesia.teams;
    const window = teams > 0 ? this.cal.anesthesiaWindow(day).map(([s, e]) => [s - mid, e - mid] as Interval) : [];
    const windowPlaces = window.reduce((n, [s, e]) => n + Math.floor((e - s) / ANESTHESIA_MINUTES), 0) * teams;
    const anesthesiaPlaces = this.mix.anesthesiaPlaces >= 0 ? this.mix.anesthesiaPlaces : windowPlaces;
    const standardPlaces = rooms.reduce((n, r) => n + Math.floor(total(r) / STANDARD_MINUTES), 0);
    const childPlaces = Math.round(standardPlaces * this.mix.childShare);
    const lanes = laneTemplate({ rooms, window, teams, anesthesiaPlaces, childPlaces, grid: this.grid });
    return lanes && lanes.map((room) => room.map((l) => ({ ...l, start: l.start + mid })));
  }
}
