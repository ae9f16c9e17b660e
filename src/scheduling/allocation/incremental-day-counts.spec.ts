import fc from 'fast-check';
import { demoCenter } from '../defaults/demo-center';
import { busyStretch } from '../testing/busy-stretch';
import { parseDate } from '../time/civil-day';
import { BookingIndex } from './booking-index';
import { DayLanes, OFF_LAYOUT_MINUTES, OFF_LAYOUT_SHARE } from './day-lanes';
import { Lane } from './lane-template';
import { CorePlanner } from './planner';
import { FractionShape, placedAt, SlotFinder } from './slot-finder';

/**
 * Three counts of a day are kept up to date with what was added to or removed from it since they
 * were made, instead of being made again after every change: the template places still free for a
 * shape (the urgent reserve), the usable free minutes, and the minutes booked off the day's layout
 * (which decide when the layout is completed around its bookings). Each is checked here against a
 * count from scratch after every step of random sequences of bookings added, removed and put back,
 * on days the allocator booked full and days it booked little.
 */
describe('day counts kept up to date equal counts made from scratch', () => {
  const center = demoCenter();
  const planner = new CorePlanner(center, []);
  for (const course of busyStretch(center, { seed: 5, weeks: 8, perYear: 820 })) planner.allocate(course, { now: course.arrival });
  const { calendar: cal, index } = planner;
  const grid = 10;
  const dayLanes = new DayLanes(cal, grid, {}, index);
  const slots = new SlotFinder(cal, index, grid, dayLanes);
  const shapes: FractionShape[] = [
    { minutes: 30, beamOffset: 10, beamMinutes: 8, anesthesia: false },
    { minutes: 40, beamOffset: 10, beamMinutes: 8, anesthesia: false, adultFrom: Infinity },
    { minutes: 50, beamOffset: 10, beamMinutes: 8, anesthesia: true, adultFrom: Infinity },
    { minutes: 45, beamOffset: 15, beamMinutes: 10, anesthesia: true },
    // Same length as the first, another beam interval: counted apart.
    { minutes: 30, beamOffset: 20, beamMinutes: 8, anesthesia: false },
  ];
  const days: number[] = [];
  // Full weeks, and weeks after the arrivals stop where a few off-layout bookings tip a day.
  for (let day = parseDate('2027-04-05'); day < parseDate('2027-07-03'); day += 3) if (cal.isOpenDay(day)) days.push(day);

  const liveRefs = (day: number) => {
    const refs: number[] = [];
    for (let r = 0; r < cal.rooms.length; r++) for (const sp of index.roomSpans(r, day) ?? []) if (sp.ref >= 0) refs.push(sp.ref);
    return refs;
  };
  const freePlacesFromScratch = (day: number, f: FractionShape) => {
    let free = 0;
    for (let r = 0; r < cal.rooms.length; r++) free += slots.freeLanes(r, day, f)?.length ?? 0;
    return free;
  };
  const usableFromScratch = (day: number, unit: number) => {
    const fresh = new BookingIndex(cal);
    for (const ref of liveRefs(day)) fresh.add({ ...index.all[ref] });
    return fresh.usableFreeMinutes(day, unit);
  };
  /** The rule DayLanes applies, from scratch: some room booked off `layout` by enough minutes. */
  const offLayout = (day: number, layout: Lane[][]) =>
    layout.some((places, r) => {
      let booked = 0;
      let off = 0;
      for (const sp of index.roomSpans(r, day) ?? []) {
        if (sp.ref < 0) continue;
        booked += sp.e - sp.s;
        if (!places.some((l) => l.start === sp.s && l.start + l.minutes >= sp.e)) off += sp.e - sp.s;
      }
      return off >= OFF_LAYOUT_MINUTES && off > OFF_LAYOUT_SHARE * booked;
    });

  const step = fc.record({
    op: fc.constantFrom('addOnPlace', 'addOffPlace', 'addOffPlace', 'remove', 'restore'),
    pick: fc.nat(1000),
    shape: fc.nat(shapes.length - 1),
    minute: fc.nat(16 * 60),
  });
  let layoutsCompleted = 0;
  let changesCounted = 0;

  it('after every step of random changes to busy days', () => {
    fc.assert(
      fc.property(fc.nat(days.length - 1), fc.array(step, { minLength: 1, maxLength: 20 }), (dayAt, steps) => {
        const day = days[dayAt];
        const removed: number[] = [];
        // Counts made before the changes, so that the changes are brought into them.
        for (const f of shapes) slots.laneCount(day, f);
        index.usableFreeMinutes(day, 30);
        for (const s of steps) {
          const layout = dayLanes.of(day)!;
          const f = shapes[s.shape];
          if (s.op === 'addOnPlace') {
            const free = cal.rooms.flatMap((_, r) => (slots.freeLanes(r, day, f) ?? []).map((l) => ({ r, l })));
            if (!free.length) continue;
            const { r, l } = free[s.pick % free.length];
            index.add({ courseId: 'prop', fraction: 1, ...placedAt(r, day, l.start, f) });
          } else if (s.op === 'addOffPlace') {
            const r = s.pick % cal.rooms.length;
            const open = cal.roomDaysOf(day)[r].open;
            if (!open.length) continue;
            const at = slots.earliestFit(r, day, open[0][0] + s.minute, open[open.length - 1][1], f);
            if (at === null) continue;
            index.add({ courseId: 'prop', fraction: 1, ...placedAt(r, day, at, f) });
          } else if (s.op === 'remove') {
            const refs = liveRefs(day);
            if (!refs.length) continue;
            const ref = refs[s.pick % refs.length];
            index.remove(ref);
            removed.push(ref);
          } else {
            if (!removed.length) continue;
            index.restore(removed.splice(s.pick % removed.length, 1)[0]);
          }
          changesCounted++;
          // The layout is completed exactly when the from-scratch rule holds for the one before.
          const expectCompleted = offLayout(day, layout);
          const after = dayLanes.of(day)!;
          expect(after !== layout).toBe(expectCompleted);
          if (expectCompleted) layoutsCompleted++;
          for (const g of shapes) expect(slots.laneCount(day, g)![0]).toBe(freePlacesFromScratch(day, g));
          expect(index.usableFreeMinutes(day, 30)).toBe(usableFromScratch(day, 30));
        }
      }),
      { numRuns: 200, seed: 20261207 },
    );
    // The sequences did change days, and some changes were enough to lay a day out again.
    expect(changesCounted).toBeGreaterThan(300);
    expect(layoutsCompleted).toBeGreaterThan(0);
  });
});
