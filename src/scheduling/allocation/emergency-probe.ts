/**
 * Keeps each day able to start an EMERGENCY course: a few concrete free slots (a standard adult
 * fraction, a child's 40-minute one, and a child's fraction under anesthesia inside the window)
 * that are free in the room, on the shared beam and for the anesthesia team at once. A share of free room minutes cannot
 * promise that: minutes left in gaps the beam blocks, or in 30-minute pieces, fit no emergency.
 * Another course may take a start only if the day keeps as many such slots as it had, up to
 * the number wanted; a start that destroys none is always allowed, so a day already short of
 * slots does not shut out everybody else.
 */
import { DayNum } from '../time/civil-day';
import { CenterCalendar } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking } from './booking-index';
import { FractionShape, SlotFinder } from './slot-finder';

interface DayState extends Counts {
  version: number;
  /** The day's template the count was made on (a new layout is counted again from scratch). */
  layout: unknown;
  options: Option[];
  /** Answers already given for this state of the day (walks from many start days ask again). */
  answers: Map<number, boolean>;
}

interface Option {
  kind: EmergencyKind;
  roomIdx: number;
  s: number;
  e: number;
  bs: number;
  be: number;
  anesthesia: boolean;
}

export interface EmergencyKeep {
  /** Standard fractions (30 min) to keep startable per day. */
  adult: number;
  /** Children's fractions without anesthesia (40 min) to keep startable per day. */
  child?: number;
  /** Fractions of a child under anesthesia (50 min, in the window, a team free) to keep startable per day. */
  anesthesia?: number;
}

export type EmergencyKind = keyof EmergencyKeep;
type Counts = Record<EmergencyKind, number>;

/** A day's emergency slots at one moment (EmergencyProbe.snapshot). */
export type EmergencySnapshot = Readonly<Counts> & { readonly options: readonly Option[] };

const SHAPES: Record<EmergencyKind, FractionShape> = {
  adult: { minutes: 30, beamOffset: 10, beamMinutes: 8, anesthesia: false },
  // Kept for children: inside the pediatric hours (rule 9).
  child: { minutes: 40, beamOffset: 10, beamMinutes: 8, anesthesia: false, adultFrom: Infinity },
  anesthesia: { minutes: 50, beamOffset: 10, beamMinutes: 8, anesthesia: true, adultFrom: Infinity },
};
/** Scarcest first: the greedy count takes their places before a standard slot can. */
const KINDS: EmergencyKind[] = ['anesthesia', 'child', 'adult'];

/** Which kind of emergency slot a course of this shape needs. */
export function emergencyKindOf(f: { fractionMinutes: number; requiresAnesthesia: boolean }): EmergencyKind {
  return f.requiresAnesthesia ? 'anesthesia' : f.fractionMinutes > SHAPES.adult.minutes ? 'child' : 'adult';
}

/**
 * Counts on one slot finder, so on one placement mode: free placement finds slots the lane
 * template has no place for, so a planner keeps one probe per mode.
 */
export class EmergencyProbe {
  private readonly cache = new Map<DayNum, DayState>();

  constructor(
    private readonly cal: CenterCalendar,
    private readonly index: BookingIndex,
    private readonly slots: SlotFinder,
    private readonly keep: EmergencyKeep,
  ) {}

  /**
   * True when booking `b` leaves the day as many emergency slots as it had (up to `keep`); with
   * `spends`, those kinds may be used up (an emergency taking its own kind's slot), the others not;
   * with `floor`, slots above that many may be used (URGENT courses may take the extra ones).
   */
  admits(b: Omit<IndexedBooking, 'courseId' | 'fraction'>, spends?: EmergencyKind | readonly EmergencyKind[], floor?: EmergencyKeep): boolean {
    const before = this.counted(b.day);
    const hit = before.options.some((o) => this.conflicts(o, b));
    if (!hit) return true;
    const spent = spends === undefined ? [] : typeof spends === 'string' ? [spends] : spends;
    const mode = spent.reduce((m, k) => m | (1 << KINDS.indexOf(k)), 0) + (floor ? 8 : 0);
    const key = (((b.start * 64 + b.roomIdx) * 2 + (b.anesthesia ? 1 : 0)) * 1024 + (b.end - b.start)) * 16 + mode;
    const known = before.answers.get(key);
    if (known !== undefined) return known;
    // The booking only removes candidates, so the greedy count makes the same picks up to the
    // first pick the booking could take away: it resumes there (see scan).
    const first = before.options.findIndex((o) => this.mayTake(o, b));
    const after = this.index.withTemporary(b, () => this.scan(b.day, before, first));
    const ok = KINDS.every((k) => spent.includes(k) || after[k] >= Math.min(before[k], floor?.[k] ?? before[k]));
    before.answers.set(key, ok);
    return ok;
  }

  /**
   * The day's emergency slots as it is booked now, for `keeps`: a shift moves several bookings, and
   * the day must keep what it had before the first one moved (a slot that only a shifted fraction's
   * own removal opened is not the reserve's).
   */
  snapshot(day: DayNum): EmergencySnapshot {
    return this.counted(day);
  }

  /**
   * True when booking `b`, added to its day as booked now, leaves the day as many emergency slots as
   * `before` had (up to `floor`, as in admits). A booking clear of every slot `before` counted keeps them all.
   */
  keeps(before: EmergencySnapshot, b: Omit<IndexedBooking, 'courseId' | 'fraction'>, floor?: EmergencyKeep): boolean {
    if (!before.options.some((o) => this.conflicts(o, b))) return true;
    const after = this.index.withTemporary(b, () => this.scan(b.day));
    return KINDS.every((k) => after[k] >= Math.min(before[k], floor?.[k] ?? before[k]));
  }

  /** The slots the day keeps startable for emergencies as it is booked now: room minutes and count per kind. */
  held(day: DayNum): Counts & { minutes: number } {
    const st = this.counted(day);
    return { adult: st.adult, child: st.child, anesthesia: st.anesthesia, minutes: st.options.reduce((m, o) => m + o.e - o.s, 0) };
  }

  private counted(day: DayNum) {
    const hit = this.cache.get(day);
    const version = this.index.version(day);
    if (hit && hit.version === version) return hit;
    const layout = this.slots.places(day);
    const counts = this.recount(day, hit, layout);
    const v: DayState = {
      options: counts.options,
      adult: counts.adult,
      child: counts.child,
      anesthesia: counts.anesthesia,
      version,
      layout,
      answers: new Map(),
    };
    this.cache.set(day, v);
    return v;
  }

  /**
   * The day's count now. Bookings added since an earlier count on the same template only removed
   * candidates, as the probe's temporary one does: the count resumes at the first slot any of them
   * could take (or stands, when none can). A removal or a new layout counts from scratch.
   */
  private recount(day: DayNum, before: DayState | undefined, layout: unknown): Counts & { options: Option[] } {
    const added = before && before.layout === layout ? this.index.additionsSince(day, before.version) : null;
    if (!before || !added) return this.scan(day);
    let first = -1;
    for (const b of added) {
      const i = before.options.findIndex((o) => this.mayTake(o, b));
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    return first < 0 ? before : this.scan(day, before, first);
  }

  private conflicts(o: Option, b: { roomIdx: number; start: number; end: number; beamStart: number; beamEnd: number; anesthesia: boolean }): boolean {
    return this.overlaps(o, b.roomIdx, b.start, b.end, b.beamStart, b.beamEnd, b.anesthesia);
  }

  /** conflicts() for a booking given field by field (the greedy count tries many and keeps few). */
  private overlaps(o: Option, roomIdx: number, start: number, end: number, beamStart: number, beamEnd: number, anesthesia: boolean): boolean {
    if (o.roomIdx === roomIdx && o.s < end && start < o.e) return true;
    if (this.cal.center.sharedBeam && beamEnd > beamStart && o.bs < beamEnd && beamStart < o.be) return true;
    if (o.anesthesia && anesthesia && this.cal.center.anesthesia.teams <= 1 && o.s < end && start < o.e) return true;
    return false;
  }

  /** Could booking `b` make slot `o` unusable (room, beam, or the anesthesia team whatever its size)? */
  private mayTake(o: Option, b: { roomIdx: number; start: number; end: number; beamStart: number; beamEnd: number; anesthesia: boolean }): boolean {
    return this.conflicts(o, b) || (o.anesthesia && b.anesthesia && o.s < b.end && b.start < o.e);
  }

  /**
   * Greedy set of mutually compatible emergency slots, the scarcest kind first. With `kept`, its
   * picks before kept.options[resume] are taken as they are and the count goes on from that pick:
   * a booking added since only removed candidates, so every candidate before that pick met the
   * same picks and was taken or left as before. On free placement (no template) the rooms are
   * searched with a bounded number of steps that a removed candidate changes, so there the kind
   * is counted again from its start.
   */
  private scan(day: DayNum, kept?: Counts & { options: Option[] }, resume = 0): Counts & { options: Option[] } {
    const counts: Counts = { adult: 0, child: 0, anesthesia: 0 };
    const options: Option[] = [];
    let from = 0;
    let at: Option | undefined;
    if (kept && resume > 0) {
      const pick = kept.options[resume];
      from = KINDS.indexOf(pick.kind);
      const rds = this.cal.roomDaysOf(day);
      const onLanes = (r: number) => !rds[r].open.length || this.slots.lanes(r, day, SHAPES[pick.kind]) !== null;
      let lanesOnly = true;
      for (let r = 0; r <= pick.roomIdx; r++) if (!onLanes(r)) lanesOnly = false;
      if (lanesOnly) at = pick;
      for (const o of kept.options.slice(0, resume)) {
        if (!at && o.kind === KINDS[from]) continue;
        options.push(o);
        counts[o.kind]++;
      }
    }
    for (const k of KINDS.slice(from)) {
      const want = this.keep[k] ?? 0;
      if (want <= 0 || (k === 'anesthesia' && this.cal.center.anesthesia.teams <= 0)) continue;
      counts[k] = this.collect(day, k, want, options, k === at?.kind ? at : undefined, counts[k]);
    }
    return { options, ...counts };
  }

  /** Adds the kind's picks to `options`; with `at`, from that pick's place on (`n` picks of the kind before it). */
  private collect(day: DayNum, kind: EmergencyKind, want: number, options: Option[], at?: Option, n = 0): number {
    const f = SHAPES[kind];
    const slots = this.slots;
    /** Takes the slot unless it clashes with one already counted. */
    const take = (roomIdx: number, s: number): boolean => {
      const e = s + f.minutes;
      const bs = s + f.beamOffset;
      const be = bs + f.beamMinutes;
      for (const x of options) if (this.overlaps(x, roomIdx, s, e, bs, be, f.anesthesia)) return false;
      options.push({ kind, roomIdx, s, e, bs, be, anesthesia: f.anesthesia });
      n++;
      return true;
    };
    const rds = this.cal.roomDaysOf(day);
    for (let r = at?.roomIdx ?? 0; r < rds.length && n < want; r++) {
      if (!rds[r].open.length) continue;
      // On a lane template an emergency gets a free place of it, like everybody else.
      const resumeAt = at && r === at.roomIdx ? at.s : -Infinity;
      if (slots.visitFreeLanes(r, day, f, resumeAt, Infinity, (l) => (take(r, l.start), n < want))) continue;
      const last = rds[r].open[rds[r].open.length - 1][1] - f.minutes;
      let from = rds[r].open[0][0];
      for (let i = 0; i < 200 && n < want; i++) {
        const s = slots.earliestFit(r, day, from, last, f);
        if (s === null) break;
        from = take(r, s) ? s + f.minutes : s + 1;
      }
    }
    return n;
  }
}
