/**
 * Keeps each day able to start an EMERGENCY course: a few concrete free slots (a standard adult
 * fraction, and a child's fraction under anesthesia inside the window) that are free in the room,
 * on the shared beam and for the anesthesia team at once. A share of free room minutes cannot
 * promise that: minutes left in gaps the beam blocks, or in 30-minute pieces, fit no emergency.
 * Another course may take a start only if the day keeps as many such slots as it had, up to
 * the number wanted; a start that destroys none is always allowed, so a day already short of
 * slots does not shut out everybody else.
 */
import { DayNum } from '../time/civil-day';
import { CenterCalendar } from '../calendar/center-calendar';
import { BookingIndex, IndexedBooking } from './booking-index';
import { FractionShape, SlotFinder } from './slot-finder';

interface DayState {
  version: number;
  options: Option[];
  adult: number;
  child: number;
  /** Answers already given for this state of the day (walks from many start days ask again). */
  answers: Map<number, boolean>;
}

interface Option {
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
  /** Fractions of a child under anesthesia (50 min, in the window) to keep startable per day. */
  child: number;
}

const ADULT: FractionShape = { fm: 30, off: 10, bm: 8, anesthesia: false };
const CHILD: FractionShape = { fm: 50, off: 10, bm: 8, anesthesia: true };

export class EmergencyProbe {
  private readonly cache = new Map<DayNum, DayState>();

  constructor(
    private readonly cal: CenterCalendar,
    private readonly index: BookingIndex,
    private readonly slots: () => SlotFinder,
    private readonly keep: EmergencyKeep,
  ) {}

  /**
   * True when booking `b` leaves the day as many emergency slots as it had (up to `keep`); with
   * `spends`, that kind may be used up (an emergency taking its own kind's slot), the other not;
   * with `floor`, slots above that many may be used (URGENT courses may take the extra ones).
   */
  admits(b: Omit<IndexedBooking, 'courseId' | 'fraction'>, spends?: 'adult' | 'child', floor?: EmergencyKeep): boolean {
    const before = this.counted(b.day);
    const hit = before.options.some((o) => this.conflicts(o, b));
    if (!hit) return true;
    const mode = (spends === 'adult' ? 1 : spends === 'child' ? 2 : 0) + (floor ? 3 : 0);
    const key = (((b.start * 64 + b.roomIdx) * 2 + (b.anesthesia ? 1 : 0)) * 1024 + (b.end - b.start)) * 6 + mode;
    const known = before.answers.get(key);
    if (known !== undefined) return known;
    const after = this.index.withTemporary(b, () => this.scan(b.day));
    const keepAdult = Math.min(before.adult, floor?.adult ?? before.adult);
    const keepChild = Math.min(before.child, floor?.child ?? before.child);
    const ok = (spends === 'adult' || after.adult >= keepAdult) && (spends === 'child' || after.child >= keepChild);
    before.answers.set(key, ok);
    return ok;
  }

  private counted(day: DayNum) {
    const hit = this.cache.get(day);
    const version = this.index.version(day);
    if (hit && hit.version === version) return hit;
    const v: DayState = { version, ...this.scan(day), answers: new Map() };
    this.cache.set(day, v);
    return v;
  }

  private conflicts(o: Option, b: { roomIdx: number; start: number; end: number; beamStart: number; beamEnd: number; anesthesia: boolean }): boolean {
    if (o.roomIdx === b.roomIdx && o.s < b.end && b.start < o.e) return true;
    if (this.cal.center.sharedBeam && b.beamEnd > b.beamStart && o.bs < b.beamEnd && b.beamStart < o.be) return true;
    if (o.anesthesia && b.anesthesia && this.cal.center.anesthesia.teams <= 1 && o.s < b.end && b.start < o.e) return true;
    return false;
  }

  /** Greedy set of mutually compatible emergency slots: children's first (they are scarcer). */
  private scan(day: DayNum): { options: Option[]; adult: number; child: number } {
    const options: Option[] = [];
    const child = this.keep.child > 0 && this.cal.center.anesthesia.teams > 0 ? this.collect(day, CHILD, this.keep.child, options) : 0;
    const adult = this.keep.adult > 0 ? this.collect(day, ADULT, this.keep.adult, options) : 0;
    return { options, adult, child };
  }

  private collect(day: DayNum, f: FractionShape, want: number, options: Option[]): number {
    const slots = this.slots();
    let n = 0;
    const rds = this.cal.roomDaysOf(day);
    for (let r = 0; r < rds.length && n < want; r++) {
      if (!rds[r].open.length) continue;
      const first = rds[r].open[0][0];
      const last = rds[r].open[rds[r].open.length - 1][1] - f.fm;
      let from = first;
      for (let i = 0; i < 200 && n < want; i++) {
        const s = slots.earliestFit(r, day, from, last, f);
        if (s === null) break;
        const o: Option = { roomIdx: r, s, e: s + f.fm, bs: s + f.off, be: s + f.off + f.bm, anesthesia: f.anesthesia };
        const clash = options.some((x) => this.conflicts(x, { roomIdx: o.roomIdx, start: o.s, end: o.e, beamStart: o.bs, beamEnd: o.be, anesthesia: o.anesthesia }));
        if (!clash) {
          options.push(o);
          n++;
          from = o.e;
        } else from = s + 1;
      }
    }
    return n;
  }
}
