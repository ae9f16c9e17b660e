/**
 * The lane template of each calendar day, in absolute minutes: built from the rooms' scheduled
 * hours (downtime does not change the template; a place it hits is simply not free) and the
 * anesthesia window, so every ordinary day of the week shares one cached layout. A day booked
 * mostly off it is laid out again around its bookings.
 */
import { DayNum } from '../time/civil-day';
import { localMidnight } from '../time/zone';
import { CenterCalendar } from '../calendar/center-calendar';
import { Interval, total } from '../calendar/intervals';
import { ANESTHESIA_MINUTES, FixedPlace, Lane, laneTemplate, LaneTemplateInput, STANDARD_MINUTES } from './lane-template';
import { BookingIndex } from './booking-index';

export interface LaneMix {
  /** Places for a child under anesthesia per day (default: as many as the window and teams allow). */
  anesthesiaPlaces?: number;
  /** Children's 40-minute places as a share of the day's standard places (default 0.15). */
  childShare?: number;
}

/**
 * At the demo load about one fraction in nine is a child's 40-minute one and one in twenty a
 * child's under anesthesia. Ten children's places a day left URGENT children waiting for weeks
 * (seeds 1-3, an earlier reserve: URGENT on time 91 %). Seeds 1-6 with today's reserve, shares
 * 0.13 / 0.15 / 0.17 (12 / 14 / 16 places): utilization 88.3 / 88.4 / 87.5 %, URGENT on time
 * 95.7 / 96.0 / 95.7 %; an adult in a 40-minute place idles 10 minutes of it. The anesthesia
 * window is filled with anesthesia places: they are the scarcest.
 */
const DEFAULT_LANE_MIX: Required<LaneMix> = { anesthesiaPlaces: -1, childShare: 0.15 };

interface DayState {
  /** The index version the layout was last checked against. */
  version: number;
  input: LaneTemplateInput | null;
  /** What is in use: the template, or its completion around bookings made off it. */
  lanes: Lane[][] | null;
  /** Per room: place start -> place end, to tell whether a booking sits on a place. */
  ends: Array<Map<number, number>>;
  fitting: Map<number, Lane[][] | null>;
  /** Per room, booked minutes and those off the layout's places, at `version`; null: count again. */
  booked: number[] | null;
  off: number[];
}

/**
 * Above this share of a room's booked minutes off the day's layout, the layout is completed
 * around those bookings (bookings made before the template, or laid out for other hours or
 * rooms before a calendar change). A few off-layout fractions (an urgent course placed freely,
 * a manual move) leave the layout as it is.
 */
export const OFF_LAYOUT_SHARE = 0.25;
/** ...and at least this many minutes of them (a sparsely booked day far ahead is not redone for one). */
export const OFF_LAYOUT_MINUTES = 120;

export class DayLanes {
  private readonly days = new Map<DayNum, DayState>();
  private readonly mix: Required<LaneMix>;

  constructor(
    private readonly cal: CenterCalendar,
    private readonly grid: number,
    mix: LaneMix = {},
    /** The bookings, so that a day booked off its template gets a layout completed around them. */
    private readonly index: BookingIndex | null = null,
  ) {
    this.mix = { ...DEFAULT_LANE_MIX, ...mix };
  }

  /** The day's places per room long enough for a fraction of `fm` minutes, or null without a template. */
  holding(day: DayNum, fm: number): Lane[][] | null {
    const st = this.state(day);
    let hit = st.fitting.get(fm);
    if (hit === undefined) {
      hit = st.lanes && st.lanes.map((room) => room.filter((l) => l.minutes >= fm));
      st.fitting.set(fm, hit);
    }
    return hit;
  }

  /** The day's places per room (absolute minutes), or null when the day has no template. */
  of(day: DayNum): Lane[][] | null {
    return this.state(day).lanes;
  }

  private state(day: DayNum): DayState {
    let st = this.days.get(day);
    if (!st) {
      const { input, lanes } = this.build(day);
      st = { version: -1, input, lanes, ends: endsOf(lanes), fitting: new Map(), booked: null, off: [] };
      this.days.set(day, st);
    }
    if (this.index && st.input && st.lanes) {
      const version = this.index.version(day);
      if (st.version !== version) {
        this.countOffLayout(day, st);
        st.version = version;
        if (this.offLayout(st)) this.complete(day, st);
      }
    }
    return st;
  }

  /**
   * Brings the per-room minutes up to the index's version: a day changes many times a run (commits,
   * and the early-start offers that take a course out and put it back), and counting only what
   * changed costs far less than walking every room's bookings again.
   */
  private countOffLayout(day: DayNum, st: DayState): void {
    const index = this.index!;
    if (st.booked) {
      for (const { booking: b, added } of index.changesSince(day, st.version)) this.addMinutes(st, b.roomIdx, b.start, b.end, added ? 1 : -1);
      return;
    }
    st.booked = st.ends.map(() => 0);
    st.off = st.ends.map(() => 0);
    for (let r = 0; r < st.ends.length; r++) {
      for (const sp of index.roomSpans(r, day) ?? []) if (sp.ref >= 0) this.addMinutes(st, r, sp.s, sp.e, 1);
    }
  }

  private addMinutes(st: DayState, room: number, s: number, e: number, sign: 1 | -1): void {
    st.booked![room] += sign * (e - s);
    if ((st.ends[room].get(s) ?? -Infinity) < e) st.off[room] += sign * (e - s);
  }

  private offLayout(st: DayState): boolean {
    return st.off.some((off, r) => off >= OFF_LAYOUT_MINUTES && off > OFF_LAYOUT_SHARE * st.booked![r]);
  }

  /** Lays the day's free time out again around what is booked. */
  private complete(day: DayNum, st: DayState): void {
    const index = this.index!;
    const mid = localMidnight(this.cal.timeZone, day);
    const fixed: FixedPlace[] = [];
    st.ends.forEach((_, r) => {
      for (const sp of index.roomSpans(r, day) ?? []) {
        if (sp.ref < 0) continue;
        const b = index.all[sp.ref];
        fixed.push({ room: r, start: b.start - mid, end: b.end - mid, beamStart: b.beamStart - mid, beamEnd: b.beamEnd - mid, anesthesia: b.anesthesia });
      }
    });
    st.lanes = shifted(laneTemplate({ ...st.input!, fixed }), mid);
    st.ends = endsOf(st.lanes);
    st.fitting.clear();
    st.booked = null;
  }

  private build(day: DayNum): { input: LaneTemplateInput | null; lanes: Lane[][] | null } {
    const mid = localMidnight(this.cal.timeZone, day);
    const rooms = this.cal.roomDaysOf(day).map((rd) => rd.scheduled.map(([s, e]) => [s - mid, e - mid] as Interval));
    if (rooms.every((r) => r.length === 0)) return { input: null, lanes: null };
    const teams = this.cal.center.anesthesia.teams;
    const window = teams > 0 ? this.cal.anesthesiaWindow(day).map(([s, e]) => [s - mid, e - mid] as Interval) : [];
    const windowPlaces = window.reduce((n, [s, e]) => n + Math.floor((e - s) / ANESTHESIA_MINUTES), 0) * teams;
    const anesthesiaPlaces = this.mix.anesthesiaPlaces >= 0 ? this.mix.anesthesiaPlaces : windowPlaces;
    const standardPlaces = rooms.reduce((n, r) => n + Math.floor(total(r) / STANDARD_MINUTES), 0);
    const childPlaces = Math.round(standardPlaces * this.mix.childShare);
    const childWindow = this.cal.pediatricWindow(day).map(([s, e]) => [s - mid, e - mid] as Interval);
    const input: LaneTemplateInput = { rooms, window, teams, anesthesiaPlaces, childPlaces, childWindow, grid: this.grid };
    return { input, lanes: shifted(laneTemplate(input), mid) };
  }
}

/** Places from minutes after local midnight to absolute minutes. */
function shifted(lanes: Lane[][] | null, midnight: number): Lane[][] | null {
  return lanes && lanes.map((room) => room.map((l) => ({ ...l, start: l.start + midnight })));
}

function endsOf(lanes: Lane[][] | null): Array<Map<number, number>> {
  return (lanes ?? []).map((room) => new Map(room.map((l) => [l.start, l.start + l.minutes])));
}
