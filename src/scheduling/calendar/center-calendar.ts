/**
 * The center's calendar compiled for fast questions: "is day D open", "which intervals of room R
 * are open on day D" (hours minus QA, closures and downtime), the anesthesia window of a day and
 * whether a day counts as open for a given kind of course (rule 6). Everything is computed per
 * civil day on first use and cached, in epoch minutes.
 */
import { CenterConfig, CourseRequest, RoomKind, RoomSpec, WeeklyHours } from '../types';
import { DayNum, parseDate, weekdayKey, ymd } from '../time/civil-day';
import { EpochMin, localToEpochMin, parseHhmm, parseInstant } from '../time/zone';
import { kzHolidayDays } from './kz-holidays';
import { Interval, intersect, subtract, total } from './intervals';
import { adultFromDay, DEFAULT_PEDIATRIC_HOURS, unavailableDaysOf } from './patient-days';

export interface RoomDay {
  /** Bookable intervals: hours minus QA minus downtime. */
  open: Interval[];
  /** Hours minus QA only (what open would be without downtime). */
  scheduled: Interval[];
  openMinutes: number;
  /** A downtime overlaps this room's hours today. */
  downtimeTouched: boolean;
}

/**
 * Rule 6's notion of a day "open for that course": closed; open (the course must use it unless its
 * week has its count); or skippable, open by hours but a downtime touches one of its rooms, so the
 * course may use it but need not.
 */
export type CourseDay = 'closed' | 'open' | 'skippable';

export interface CourseProfile {
  roomKinds?: RoomKind[];
  requiresAnesthesia: boolean;
  fractionMinutes: number;
  /** Rule 9: the patient is a child on days before this one (Infinity: always, -Infinity or omitted: never). */
  adultFrom?: DayNum;
  /** Rule 10: days the patient cannot come; closed for the course, so skipping them is no interruption. */
  unavailable?: ReadonlySet<DayNum>;
}

export function profileOf(course: CourseRequest): CourseProfile {
  return {
    roomKinds: course.roomKinds,
    requiresAnesthesia: course.requiresAnesthesia,
    fractionMinutes: course.fractionMinutes,
    adultFrom: adultFromDay(course),
    unavailable: unavailableDaysOf(course),
  };
}

/** What decides a fraction's hard daily window: anesthesia (rule 7) and the patient's age (rule 9). */
export interface WindowNeeds {
  anesthesia: boolean;
  /** See CourseProfile.adultFrom. */
  adultFrom?: DayNum;
}

interface ParsedDowntime {
  roomId: string | null;
  start: EpochMin;
  end: EpochMin;
}

export class CenterCalendar {
  readonly timeZone: string;
  readonly rooms: RoomSpec[];
  readonly roomIndex = new Map<string, number>();
  private readonly closures: Set<DayNum>;
  private readonly workingDays: Set<DayNum>;
  private readonly holidayYears = new Map<number, Set<DayNum>>();
  private readonly downtimes: ParsedDowntime[];
  private readonly roomDays = new Map<DayNum, RoomDay[]>();
  private readonly anesthesiaDays = new Map<DayNum, Interval[]>();
  private readonly pediatricDays = new Map<DayNum, Interval[]>();
  private readonly childAnesthesiaDays = new Map<DayNum, Interval[]>();
  private readonly openForCourseCache = new Map<string, Map<DayNum, CourseDay>>();
  private readonly openForCourseByProfile = new WeakMap<CourseProfile, [Map<DayNum, CourseDay> | undefined, Map<DayNum, CourseDay> | undefined]>();

  constructor(readonly center: CenterConfig) {
    this.timeZone = center.timeZone;
    this.rooms = center.rooms;
    center.rooms.forEach((r, i) => this.roomIndex.set(r.id, i));
    this.closures = new Set(center.closures.map(parseDate));
    this.workingDays = new Set((center.workingDays ?? []).map(parseDate));
    this.downtimes = center.downtimes.map((d) => ({
      roomId: d.roomId,
      start: parseInstant(d.start),
      end: parseInstant(d.end),
    }));
  }

  private isHoliday(day: DayNum): boolean {
    if (this.center.holidays !== 'KZ') return false;
    const year = ymd(day).year;
    let set = this.holidayYears.get(year);
    if (!set) {
      set = kzHolidayDays(year);
      this.holidayYears.set(year, set);
    }
    return set.has(day);
  }

  /** Closed by a holiday or an administrator closure (a decree working day overrides both). */
  isClosedDay(day: DayNum): boolean {
    if (this.workingDays.has(day)) return false;
    return this.closures.has(day) || this.isHoliday(day);
  }

  /** Weekly hours for a day; a decree working day on a closed weekday works Monday's hours. */
  private hoursFor(hours: WeeklyHours, day: DayNum): Array<[string, string]> | null {
    const h = hours[weekdayKey(day)];
    if ((!h || h.length === 0) && this.workingDays.has(day)) return hours.mon;
    return h && h.length ? h : null;
  }

  private wallIntervals(hours: Array<[string, string]> | null, day: DayNum): Interval[] {
    if (!hours) return [];
    const out: Interval[] = hours.map(([a, b]) => [localToEpochMin(this.timeZone, day, parseHhmm(a)), localToEpochMin(this.timeZone, day, parseHhmm(b))]);
    return out.filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  }

  isOpenDay(day: DayNum): boolean {
    return this.roomDaysOf(day).some((rd) => rd.scheduled.length > 0);
  }

  roomDaysOf(day: DayNum): RoomDay[] {
    let v = this.roomDays.get(day);
    if (v) return v;
    const closed = this.isClosedDay(day);
    v = this.rooms.map((room) => {
      if (closed || !room.active) return { open: [], scheduled: [], openMinutes: 0, downtimeTouched: false };
      let scheduled = this.wallIntervals(this.hoursFor(room.hours ?? this.center.hours, day), day);
      if (scheduled.length && this.center.qaMinutes > 0) {
        const first = scheduled[0][0];
        scheduled = subtract(scheduled, [first, first + this.center.qaMinutes]);
      }
      let open = scheduled;
      let touched = false;
      for (const d of this.downtimes) {
        if (d.roomId !== null && d.roomId !== room.id) continue;
        const before = total(open);
        open = subtract(open, [d.start, d.end]);
        if (total(open) !== before) touched = true;
      }
      return { open, scheduled, openMinutes: total(open), downtimeTouched: touched };
    });
    this.roomDays.set(day, v);
    return v;
  }

  openIntervals(roomId: string, day: DayNum): Interval[] {
    const i = this.roomIndex.get(roomId);
    if (i === undefined) return [];
    return this.roomDaysOf(day)[i].open;
  }

  anesthesiaWindow(day: DayNum): Interval[] {
    let v = this.anesthesiaDays.get(day);
    if (!v) {
      v = this.isClosedDay(day) ? [] : this.wallIntervals(this.hoursFor(this.center.anesthesia.windows, day), day);
      this.anesthesiaDays.set(day, v);
    }
    return v;
  }

  /** Rule 9: the day's pediatric hours (every day has them; closed days have no open room time anyway). */
  pediatricWindow(day: DayNum): Interval[] {
    let v = this.pediatricDays.get(day);
    if (!v) {
      v = this.wallIntervals([this.center.pediatricHours ?? DEFAULT_PEDIATRIC_HOURS], day);
      this.pediatricDays.set(day, v);
    }
    return v;
  }

  /**
   * The window a fraction must lie in on a day: the anesthesia window (rule 7), the pediatric hours
   * for a child (rule 9), both for a child under anesthesia; null when the fraction has none.
   */
  hardWindow(needs: WindowNeeds, day: DayNum): Interval[] | null {
    const child = needs.adultFrom !== undefined && day < needs.adultFrom;
    if (!child) return needs.anesthesia ? this.anesthesiaWindow(day) : null;
    if (!needs.anesthesia) return this.pediatricWindow(day);
    let v = this.childAnesthesiaDays.get(day);
    if (!v) {
      v = intersect(this.anesthesiaWindow(day), this.pediatricWindow(day));
      this.childAnesthesiaDays.set(day, v);
    }
    return v;
  }

  roomAllowed(roomIdx: number, kinds?: RoomKind[]): boolean {
    const room = this.rooms[roomIdx];
    return room.active && (!kinds || kinds.length === 0 || kinds.includes(room.kind));
  }

  /** Indexes of the active rooms of the kinds a course allows (rule 2). */
  allowedRooms(kinds?: RoomKind[]): number[] {
    return this.rooms.map((_, i) => i).filter((i) => this.roomAllowed(i, kinds));
  }

  /**
   * The memo of openForCourse shared by every profile of the same shape; found once per profile
   * object, since a search asks for every day of every candidate walk (the key cost more than the answer).
   */
  private openForCourseDays(profile: CourseProfile, child: boolean): Map<DayNum, CourseDay> {
    let byAge = this.openForCourseByProfile.get(profile);
    if (!byAge) this.openForCourseByProfile.set(profile, (byAge = [undefined, undefined]));
    const at = child ? 1 : 0;
    let m = byAge[at];
    if (!m) {
      const key = `${profile.roomKinds?.slice().sort().join(',') ?? ''}|${profile.requiresAnesthesia ? 1 : 0}|${profile.fractionMinutes}|${at}`;
      m = this.openForCourseCache.get(key);
      if (!m) this.openForCourseCache.set(key, (m = new Map()));
      byAge[at] = m;
    }
    return m;
  }

  /** What the day is for the course under rule 6 (see CourseDay). */
  openForCourse(profile: CourseProfile, day: DayNum): CourseDay {
    if (profile.unavailable?.has(day)) return 'closed';
    const child = profile.adultFrom !== undefined && day < profile.adultFrom;
    const m = this.openForCourseDays(profile, child);
    let v = m.get(day);
    if (v !== undefined) return v;
    const rds = this.roomDaysOf(day);
    // No anesthesia team: no day is open for a course that needs one.
    const window =
      profile.requiresAnesthesia && this.center.anesthesia.teams <= 0
        ? []
        : this.hardWindow({ anesthesia: profile.requiresAnesthesia, adultFrom: child ? Infinity : -Infinity }, day);
    let fitsScheduled = false;
    let touched = false;
    for (let i = 0; i < rds.length; i++) {
      if (!this.roomAllowed(i, profile.roomKinds)) continue;
      const sched = window ? intersect(rds[i].scheduled, window) : rds[i].scheduled;
      if (sched.some(([s, e]) => e - s >= profile.fractionMinutes)) fitsScheduled = true;
      if (rds[i].downtimeTouched) touched = true;
    }
    v = !fitsScheduled ? 'closed' : touched ? 'skippable' : 'open';
    m.set(day, v);
    return v;
  }
}

const calendars = new WeakMap<CenterConfig, CenterCalendar>();

/** One compiled calendar per CenterConfig object (config objects are treated as immutable). */
export function calendarFor(center: CenterConfig): CenterCalendar {
  let c = calendars.get(center);
  if (!c) {
    c = new CenterCalendar(center);
    calendars.set(center, c);
  }
  return c;
}
