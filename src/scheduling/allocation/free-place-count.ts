/**
 * How many of a day's template places can still take a fraction of one shape: the urgent reserve's
 * count, asked for every day of every candidate walk while each commit changes a day. A booking
 * added or removed can only change the places it overlaps in time (its room, the shared beam, the
 * anesthesia team), so after a change only those few are looked at again.
 */
import { DayNum } from '../time/civil-day';
import { firstReached } from './bisect';
import { BookingIndex } from './booking-index';
import { Lane } from './lane-template';
import type { FractionShape } from './fraction-shape';

/** What the count needs of a slot finder. */
export interface PlaceSource {
  places(day: DayNum): Lane[][] | null;
  lanes(roomIdx: number, day: DayNum, f: FractionShape): Lane[] | null;
  visitFreeLanes(roomIdx: number, day: DayNum, f: FractionShape, from: number, to: number, visit: (l: Lane) => boolean): boolean;
}

/** Past this many changes since the last count, counting every place again is cheaper. */
const RECOUNT_AFTER_CHANGES = 16;

interface ShapeCount {
  version: number;
  layout: Lane[][];
  /** Every place of the layout that can hold the shape, all rooms, ordered by start. */
  starts: number[];
  rooms: number[];
  lanes: Lane[];
  free: Uint8Array;
  /** [free, all]: the answer handed out. */
  counts: [number, number];
}

export class FreePlaceCounts {
  private readonly days = new Map<DayNum, Map<number, ShapeCount>>();

  constructor(
    private readonly index: BookingIndex,
    private readonly source: PlaceSource,
  ) {}

  /** [free, all] places of the day's template that can hold the fraction ([0, 0] on a day without one). */
  count(day: DayNum, f: FractionShape): [number, number] {
    const version = this.index.version(day);
    const layout = this.source.places(day);
    if (!layout) return [0, 0];
    const child = f.adultFrom !== undefined && day < f.adultFrom;
    // Everything a place's test reads of the shape: its length, its beam interval, anesthesia and age.
    const key = (((f.minutes * 1024 + f.beamOffset) * 1024 + f.beamMinutes) * 2 + (f.anesthesia ? 1 : 0)) * 2 + (child ? 1 : 0);
    let byShape = this.days.get(day);
    if (!byShape) this.days.set(day, (byShape = new Map()));
    let c = byShape.get(key);
    if (!c || c.layout !== layout) {
      byShape.set(key, (c = this.placesOf(day, f, layout, version)));
      this.recountAll(c, day, f);
    } else if (c.version !== version) {
      const changes = this.index.changesSince(day, c.version);
      if (changes.length > RECOUNT_AFTER_CHANGES) this.recountAll(c, day, f);
      // Only a place starting in (b.start - f.minutes, b.end) overlaps booking b.
      else for (const { booking: b } of changes) this.recheck(c, day, f, b.start - f.minutes + 1, b.end);
      c.version = version;
    }
    return c.counts;
  }

  private placesOf(day: DayNum, f: FractionShape, layout: Lane[][], version: number): ShapeCount {
    const all: Array<{ room: number; lane: Lane }> = [];
    for (let r = 0; r < layout.length; r++) for (const lane of this.source.lanes(r, day, f) ?? []) all.push({ room: r, lane });
    all.sort((a, b) => a.lane.start - b.lane.start);
    return {
      version,
      layout,
      starts: all.map((p) => p.lane.start),
      rooms: all.map((p) => p.room),
      lanes: all.map((p) => p.lane),
      free: new Uint8Array(all.length),
      counts: [0, all.length],
    };
  }

  private recountAll(c: ShapeCount, day: DayNum, f: FractionShape): void {
    const at = new Map(c.lanes.map((lane, i) => [lane, i]));
    c.free.fill(0);
    c.counts[0] = 0;
    for (let r = 0; r < c.layout.length; r++) {
      this.source.visitFreeLanes(r, day, f, -Infinity, Infinity, (lane) => {
        c.free[at.get(lane)!] = 1;
        c.counts[0]++;
        return true;
      });
    }
  }

  /** Looks again at the places starting in [from, to). */
  private recheck(c: ShapeCount, day: DayNum, f: FractionShape, from: number, to: number): void {
    for (let i = firstReached(c.starts.length, (n) => c.starts[n] >= from); i < c.starts.length && c.starts[i] < to; i++) {
      let free = 0;
      // A room has one place at a start: the walk from there to there visits it, or nothing.
      this.source.visitFreeLanes(c.rooms[i], day, f, c.starts[i], c.starts[i], () => {
        free = 1;
        return false;
      });
      c.counts[0] += free - c.free[i];
      c.free[i] = free;
    }
  }
}
