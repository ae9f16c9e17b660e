import fc from 'fast-check';
import { Interval } from '../calendar/intervals';
import { buildLaneTemplate, Lane, LANE_GRID, laneTemplate, LaneTemplateInput, MAX_TEMPLATE_ROOMS } from './lane-template';

const h = (hh: number, mm = 0) => hh * 60 + mm;
// The demo center's day: three gantries bookable 07:30-23:00 (07:00 open, 30 min QA), one
// anesthesia team 08:00-13:00.
const demoDay: LaneTemplateInput = {
  rooms: [[[h(7, 30), h(23)]], [[h(7, 30), h(23)]], [[h(7, 30), h(23)]]],
  window: [[h(8), h(13)]],
  teams: 1,
  anesthesiaPlaces: 6,
  childPlaces: 14,
  grid: LANE_GRID,
};

/** Every rule a template must keep, whatever the day looks like. */
function expectValid(input: LaneTemplateInput, lanes: Lane[][]): void {
  const starts = new Set<number>();
  lanes.forEach((room, r) => {
    let previousEnd = -Infinity;
    for (const l of room) {
      // Inside the room's hours, one after another, on the grid.
      expect(input.rooms[r].some(([s, e]) => s <= l.start && l.start + l.minutes <= e)).toBe(true);
      expect(l.start).toBeGreaterThanOrEqual(previousEnd);
      expect(l.start % input.grid).toBe(0);
      previousEnd = l.start + l.minutes;
      // No two places anywhere start together: their beams would collide.
      expect(starts.has(l.start)).toBe(false);
      starts.add(l.start);
      if (l.anesthesia) expect(input.window.some(([s, e]) => s <= l.start && l.start + l.minutes <= e)).toBe(true);
    }
  });
  // Never more anesthesia places at once than there are teams.
  const anesthesia = lanes.flat().filter((l) => l.anesthesia);
  for (const a of anesthesia) {
    // The most at once is reached at some place's start.
    const running = anesthesia.filter((b) => b.start <= a.start && a.start < b.start + b.minutes).length;
    expect(running).toBeLessThanOrEqual(input.teams);
  }
}

describe('lane template', () => {
  it("fills the demo center's rooms end to end: only the stagger of the second and third room is idle", () => {
    const lanes = buildLaneTemplate(demoDay);
    expectValid(demoDay, lanes);
    const used = lanes.flat().reduce((n, l) => n + l.minutes, 0);
    // 3 x 930 open minutes; the 2nd and 3rd rooms cannot start before 07:40 and 07:50 (beam).
    expect(3 * 930 - used).toBeLessThanOrEqual(40);
    expect(lanes.flat().filter((l) => l.minutes === 50 && l.anesthesia)).toHaveLength(6);
    expect(lanes.flat().filter((l) => l.minutes === 40)).toHaveLength(14);
  });

  it("puts children's places in the morning where it can", () => {
    const children = buildLaneTemplate(demoDay)
      .flat()
      .filter((l) => l.minutes === 40);
    expect(children.filter((l) => l.start < h(13)).length).toBeGreaterThanOrEqual(10);
  });

  it('keeps to each interval of a room with a break, and to two teams', () => {
    const input: LaneTemplateInput = {
      rooms: [
        [
          [h(8), h(12)],
          [h(13), h(18)],
        ],
        [[h(8), h(18)]],
      ],
      window: [[h(8), h(11)]],
      teams: 2,
      anesthesiaPlaces: 5,
      childPlaces: 4,
      grid: LANE_GRID,
    };
    const lanes = buildLaneTemplate(input);
    expectValid(input, lanes);
    expect(lanes.flat().filter((l) => l.anesthesia)).toHaveLength(5);
  });

  it('completes a day around bookings already there: no place overlaps one or shares its beam', () => {
    // Bookings laid out for other hours (off the grid, 35 minutes long) in the first room.
    const fixed = [0, 1, 2, 3].map((k) => {
      const start = h(9, 5) + k * 35;
      return { room: 0, start, end: start + 35, beamStart: start + 10, beamEnd: start + 18, anesthesia: false };
    });
    const input = { ...demoDay, fixed };
    const lanes = buildLaneTemplate(input);
    const own = lanes.flat().filter((l) => !fixed.some((f) => f.start === l.start));
    for (const f of fixed) {
      expect(lanes[0].some((l) => l.start === f.start && l.minutes === 35)).toBe(true);
      for (const l of lanes[0]) if (l.start !== f.start) expect(l.start + l.minutes <= f.start || f.end <= l.start).toBe(true);
      for (const l of own) expect(l.start + 18 <= f.beamStart || f.beamEnd <= l.start + 10).toBe(true);
    }
    expectValid(
      { ...input, rooms: input.rooms },
      lanes.map((room) => room.filter((l) => !fixed.some((f) => f.start === l.start))),
    );
  });

  it('has no template for a center too large to lay out, or off the 10-minute grid', () => {
    const room: Interval[] = [[h(8), h(16)]];
    expect(laneTemplate({ ...demoDay, rooms: Array.from({ length: MAX_TEMPLATE_ROOMS + 1 }, () => room) })).toBeNull();
    expect(laneTemplate({ ...demoDay, grid: 5 })).toBeNull();
    expect(laneTemplate(demoDay)).toEqual(buildLaneTemplate(demoDay));
  });

  it('keeps every rule on random days (fast-check)', () => {
    const interval = fc.tuple(fc.integer({ min: h(6), max: h(12) }), fc.integer({ min: 60, max: 8 * 60 })).map(([s, len]): Interval => [s, s + len]);
    fc.assert(
      fc.property(
        fc.array(fc.array(interval, { minLength: 0, maxLength: 1 }), { minLength: 1, maxLength: 3 }),
        interval,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (rooms, window, teams, anesthesiaPlaces, childPlaces) => {
          const input = { rooms, window: [window], teams, anesthesiaPlaces, childPlaces, grid: LANE_GRID };
          expectValid(input, buildLaneTemplate(input));
        },
      ),
      { numRuns: 40, seed: 20271124 },
    );
  });

  it('completes random days around random bookings without touching their rooms, beams or teams (fast-check)', () => {
    const fixedArb = fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: h(7, 30), max: h(22) }), fc.integer({ min: 20, max: 60 }), fc.boolean())
      .map(([room, start, minutes, anesthesia]) => ({ room, start, end: start + minutes, beamStart: start + 10, beamEnd: start + 18, anesthesia }));
    fc.assert(
      fc.property(fc.array(fixedArb, { maxLength: 8 }), (candidates) => {
        // Bookings that keep the rules among themselves: no overlap in a room, no shared beam, one team.
        const fixed: typeof candidates = [];
        for (const f of candidates) {
          const clash = fixed.some(
            (g) =>
              (g.room === f.room && g.start < f.end && f.start < g.end) ||
              (g.beamStart < f.beamEnd && f.beamStart < g.beamEnd) ||
              (g.anesthesia && f.anesthesia && g.start < f.end && f.start < g.end),
          );
          if (!clash) fixed.push(f);
        }
        const input = { ...demoDay, fixed };
        const own = buildLaneTemplate(input).map((room) => room.filter((l) => !fixed.some((f) => f.start === l.start && f.end === l.start + l.minutes)));
        expectValid(input, own);
        own.forEach((room, r) => {
          for (const l of room)
            for (const f of fixed) {
              if (f.room === r) expect(l.start + l.minutes <= f.start || f.end <= l.start).toBe(true);
              expect(l.start + 18 <= f.beamStart || f.beamEnd <= l.start + 10).toBe(true);
              if (l.anesthesia && f.anesthesia) expect(l.start + l.minutes <= f.start || f.end <= l.start).toBe(true);
            }
        });
      }),
      { numRuns: 15, seed: 20271127 },
    );
  });
});
