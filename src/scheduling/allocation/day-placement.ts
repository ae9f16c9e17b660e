/**
 * Placing one fraction on a given day near a given time: the search walks a course's series
 * through it day by day, and the reschedulers move single fractions with it.
 */
import { DayNum } from '../time/civil-day';
import { FractionShape, SlotFinder } from './slot-finder';

/** How far (minutes) a fraction may move off its course's time of day and still count as on time. */
export const TIME_TOLERANCE = 30;

/** May a fraction start at `start` in room `roomIdx` (on the day the test was made for)? */
export type Admit = (roomIdx: number, start: number) => boolean;
export const REFUSE: Admit = () => false;

export interface Placement {
  roomIdx: number;
  day: DayNum;
  start: number;
}

/**
 * Within ±30 min of the course's time: the packing-best start in its room (exact time, or flush
 * against a neighbour, whichever wastes fewer sliver minutes), then the same in another room;
 * failing both, the nearest slot anywhere.
 */
export function placeOnDay(
  slots: SlotFinder,
  d: DayNum,
  r0: number,
  target: number,
  rooms: number[],
  shape: FractionShape,
  floor = -Infinity,
  admit: Admit | null = null,
): Placement | null {
  const inRoom = bestNear(slots, r0, d, target, shape, floor, admit);
  if (inRoom !== null) return { roomIdx: r0, day: d, start: inRoom };
  let best: Placement | null = null;
  let bestCost = Infinity;
  for (const r of rooms) {
    if (r === r0) continue;
    const s = bestNear(slots, r, d, target, shape, floor, admit);
    if (s === null) continue;
    const cost = slots.waste(r, d, s, shape) * 4 + Math.abs(s - target);
    if (cost < bestCost) {
      best = { roomIdx: r, day: d, start: s };
      bestCost = cost;
    }
  }
  if (best) return best;
  for (const r of rooms) {
    for (const s of slots.gapCandidates(r, d, floor, shape)) {
      // Staying in the same room is worth half an hour of time-of-day drift.
      const dev = Math.abs(s - target) + (r === r0 ? 0 : TIME_TOLERANCE);
      if (dev < bestCost && (!admit || admit(r, s))) {
        best = { roomIdx: r, day: d, start: s };
        bestCost = dev;
      }
    }
  }
  return best;
}

/** Best start in one room within ±30 min of target: least waste, then least drift. */
function bestNear(slots: SlotFinder, r: number, d: DayNum, target: number, shape: FractionShape, floor: number, admit: Admit | null): number | null {
  const lo = Math.max(target - TIME_TOLERANCE, floor);
  const hi = target + TIME_TOLERANCE;
  let best: number | null = null;
  let bestCost = Infinity;
  const lanes = slots.freeLanes(r, d, shape, lo, hi);
  if (lanes) {
    for (const l of lanes) {
      const cost = slots.laneCost(l, shape) * 4 + Math.abs(l.start - target);
      if (cost < bestCost && (!admit || admit(r, l.start))) {
        best = l.start;
        bestCost = cost;
      }
    }
    return best;
  }
  const consider = (s: number | null) => {
    if (s === null) return;
    const cost = slots.waste(r, d, s, shape) * 4 + Math.abs(s - target);
    // The reserve test is the expensive part: only for a start that would win.
    if (cost < bestCost && (!admit || admit(r, s))) {
      best = s;
      bestCost = cost;
    }
  };
  if (target >= floor && slots.fits(r, d, target, shape) && (!admit || admit(r, target))) {
    // Keeping the exact time keeps lanes aligned day after day, which packs better overall
    // than hugging a neighbour (measured with bench/core.ts).
    return target;
  }
  let from = lo;
  for (let i = 0; i < 6 && from <= hi; i++) {
    const a = slots.earliestFit(r, d, from, hi, shape);
    if (a === null) break;
    consider(a);
    from = a + 1;
    // Skip to the end of this free run: the next flush-left start follows a booking.
    const spans = slots.idx.roomSpans(r, d);
    const nextBooking = spans?.find((x) => x.s >= a + shape.minutes);
    if (!nextBooking) break;
    from = Math.max(from, nextBooking.e);
  }
  let to = hi;
  for (let i = 0; i < 6 && to >= lo; i++) {
    const b = slots.latestFit(r, d, lo, to, shape);
    if (b === null) break;
    consider(b);
    const spans = slots.idx.roomSpans(r, d);
    let prev: number | null = null;
    if (spans) for (const x of spans) if (x.e <= b) prev = x.s;
    if (prev === null) break;
    to = prev - shape.minutes;
  }
  return best;
}
