/**
 * A day's lane template: fixed places (room, start, length) that fill every room end to end
 * while no two places, in whatever rooms, start at the same grid point, so no two beams collide.
 *
 * Why: with one beam for all rooms the rooms must be staggered, and a child's 40- or 50-minute
 * fraction shifts its room's phase. Placed one course at a time wherever they fit, such
 * fractions leave 10- and 20-minute slivers and beam-blocked gaps around them (11 % of room
 * time at the demo load). Laid out for the whole day at once, the children's places rotate the
 * rooms' phases instead, and the template wastes only the minutes the stagger itself costs.
 *
 * The layout is an exact search over the grid points of the day (memoised dynamic programme):
 * at each point at most one room starts a place of 30, 40 (child) or 50 minutes (child under
 * anesthesia: inside the window, at most `teams` at once), minimising idle room minutes while
 * laying out the wanted number of children's places. Around fixed bookings the same search fills
 * the free time, keeping clear of their rooms, beams and anesthesia teams.
 */
import { Interval } from '../calendar/intervals';

export interface Lane {
  start: number;
  minutes: number;
  /** A place for a child under anesthesia: inside the window, on the anesthesia team's rota. */
  anesthesia: boolean;
}

/** A booking the template must be laid out around (minutes from local midnight). */
export interface FixedPlace {
  room: number;
  start: number;
  end: number;
  beamStart: number;
  beamEnd: number;
  anesthesia: boolean;
}

export interface LaneTemplateInput {
  /** Each room's bookable intervals, minutes from local midnight. */
  rooms: Interval[][];
  /** Bookings already there: the layout is completed around them, and they come back as places. */
  fixed?: FixedPlace[];
  /** Anesthesia window(s), minutes from local midnight. */
  window: Interval[];
  teams: number;
  /** Places for a child under anesthesia wanted per day. */
  anesthesiaPlaces: number;
  /** 40-minute places for children without anesthesia wanted per day. */
  childPlaces: number;
  /**
   * Rule 9: the pediatric hours (minutes from local midnight); children's 40-minute places lie
   * inside them. Omitted: anywhere.
   */
  childWindow?: Interval[];
  grid: number;
}

export const STANDARD_MINUTES = 30;
const CHILD_MINUTES = 40;
export const ANESTHESIA_MINUTES = 50;
/** A wanted child's place left out costs this many idle minutes in the search. */
const MISSING_PLACE_COST = 1000;
/** Well under one idle minute: only breaks ties between equally tight layouts. */
const LATE_CHILD_COST = 0.01;
/**
 * The template's grid. Places are 30, 40 and 50 minutes, and with the default 10-minute beam
 * offset and 8-minute beam two places starting on different 10-minute points never share it.
 */
export const LANE_GRID = 10;
/** Above this many rooms the search grows too large; such centers place without a template. */
export const MAX_TEMPLATE_ROOMS = 4;

const cache = new Map<string, Lane[][] | null>();

/** Forgets every template: benches time a whole plan as a fresh process would run it. */
export function clearLaneTemplateCache(): void {
  cache.clear();
}

/** The template for a day shape; null when the center is too large for one. Cached by input. */
export function laneTemplate(input: LaneTemplateInput): Lane[][] | null {
  const key = JSON.stringify(input);
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = input.rooms.length > MAX_TEMPLATE_ROOMS || input.grid !== LANE_GRID ? null : buildLaneTemplate(input);
    if (cache.size > 256) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

export function buildLaneTemplate(input: LaneTemplateInput): Lane[][] {
  const { rooms, window, grid } = input;
  const n = rooms.length;
  const teams = Math.max(0, Math.min(input.teams, n));
  const lanes: Lane[][] = rooms.map(() => []);
  const bounds = rooms.flat();
  if (bounds.length === 0) return lanes;
  // Starts stay on the planner's grid (multiples of `grid` from local midnight).
  const t0 = Math.ceil(Math.min(...bounds.map((iv) => iv[0])) / grid) * grid;
  const t1 = Math.max(...bounds.map((iv) => iv[1]));
  const steps = Math.ceil((t1 - t0) / grid);
  const base = ANESTHESIA_MINUTES / grid + 1;
  const fixed = input.fixed ?? [];
  const fixedChildren = fixed.filter((f) => !f.anesthesia && f.end - f.start === CHILD_MINUTES).length;
  const aMax = teams > 0 ? Math.max(0, input.anesthesiaPlaces - fixed.filter((f) => f.anesthesia).length) : 0;
  const cMax = Math.max(0, input.childPlaces - fixedChildren);
  const lengths = [STANDARD_MINUTES, CHILD_MINUTES, ANESTHESIA_MINUTES];
  /** How long a place starting at t may run in room r (interval end or next fixed booking), or -1 (closed or busy). */
  const roomRun = (r: number, t: number) => {
    let end = -1;
    for (const [s, e] of rooms[r]) if (s <= t && t < e) end = e;
    for (const f of fixed) {
      if (f.room !== r) continue;
      if (f.start <= t && t < f.end) return -1;
      if (f.start > t && f.start < end) end = f.start;
    }
    return end;
  };
  const ends: number[][] = rooms.map((_, r) => Array.from({ length: steps }, (_, i) => roomRun(r, t0 + i * grid)));
  // A place's beam runs 10-18 minutes after its start (the default fraction); fixed bookings'
  // beams and anesthesia teams are taken out of what the search may use.
  const beamFree = Array.from({ length: steps }, (_, i) => !fixed.some((f) => f.beamStart < t0 + i * grid + 18 && t0 + i * grid + 10 < f.beamEnd));
  const fixedTeams = Array.from(
    { length: steps },
    (_, i) => fixed.filter((f) => f.anesthesia && f.start < t0 + i * grid + ANESTHESIA_MINUTES && t0 + i * grid < f.end).length,
  );
  const windowAt = Array.from({ length: steps }, (_, i) => window.some(([ws, we]) => ws <= t0 + i * grid && t0 + i * grid + ANESTHESIA_MINUTES <= we));
  const childWindow = input.childWindow;
  const childAt = Array.from(
    { length: steps },
    (_, i) => !childWindow || childWindow.some(([ws, we]) => ws <= t0 + i * grid && t0 + i * grid + CHILD_MINUTES <= we),
  );
  // Rooms with the same hours and fixed bookings are interchangeable: the state keeps them in a
  // canonical order, which cuts the search by up to n! for a center of identical rooms.
  const shape = rooms.map((r, i) => JSON.stringify([r, fixed.filter((f) => f.room === i)]));
  const group = rooms.map((_, r) => shape.indexOf(shape[r]));

  // State: grid step, each room's and each team's steps until free, children's places still to
  // lay out. Value: least idle minutes from here; the choice is kept aside as (room, length).
  // One table lookup per state: the key leads to a slot of the two arrays (cost, choice).
  const slotOf = new Map<number, number>();
  const bestCost: number[] = [];
  const bestPick: number[] = [];
  const idx = rooms.map((_, r) => r);
  const encode = (i: number, off: number[], team: number[], a: number, c: number): number => {
    // Insertion sort of room indices by (group, steps until free): n is at most 4.
    for (let x = 1; x < n; x++) {
      const v = idx[x];
      let y = x - 1;
      while (y >= 0 && (group[idx[y]] > group[v] || (group[idx[y]] === group[v] && off[idx[y]] > off[v]))) {
        idx[y + 1] = idx[y];
        y--;
      }
      idx[y + 1] = v;
    }
    let k = i;
    for (let x = 0; x < n; x++) k = k * base + off[idx[x]];
    for (let x = 0; x < team.length; x++) k = k * base + team[x];
    return (k * (aMax + 1) + a) * (cMax + 1) + c;
  };
  const tick = (from: number[], to: number[]) => {
    for (let x = 0; x < from.length; x++) to[x] = from[x] > 0 ? from[x] - 1 : 0;
    return to;
  };
  // Scratch arrays per grid step: a step's arrays are only read by the steps after it, which
  // finish before the step builds its next choice.
  const scratch = Array.from({ length: steps + 1 }, () => ({
    off: new Array<number>(n).fill(0),
    team: new Array<number>(teams).fill(0),
    choiceOff: new Array<number>(n).fill(0),
    choiceTeam: new Array<number>(teams).fill(0),
  }));

  const solve = (i: number, off: number[], team: number[], a: number, c: number): number => {
    if (i >= steps) return (a + c) * MISSING_PLACE_COST;
    const key = encode(i, off, team, a, c);
    const slot = slotOf.get(key);
    if (slot !== undefined) return bestCost[slot];
    const t = t0 + i * grid;
    let idle = 0;
    for (let r = 0; r < n; r++) if (ends[r][i] >= 0 && off[r] === 0) idle += grid;
    const own = scratch[i];
    const nextOff = tick(off, own.off);
    const nextTeam = tick(team, own.team);
    let best = idle + solve(i + 1, nextOff, nextTeam, a, c);
    let pick = -1;
    let teamFree = -1;
    let teamsBusy = 0;
    for (let x = 0; x < team.length; x++) {
      if (team[x] > 0) teamsBusy++;
      else if (teamFree < 0) teamFree = x;
    }
    const anesthesiaOk = a > 0 && teamFree >= 0 && windowAt[i] && teamsBusy + fixedTeams[i] < teams;
    let tried = 0;
    for (let r = 0; r < n; r++) {
      // One room of each group is enough: the others in the same state are the same choice.
      if (!beamFree[i] || ends[r][i] < 0 || off[r] !== 0 || tried & (1 << group[r])) continue;
      tried |= 1 << group[r];
      for (const len of lengths) {
        if (t + len > ends[r][i]) continue;
        const anesthesia = len === ANESTHESIA_MINUTES;
        if (len === CHILD_MINUTES && (c === 0 || !childAt[i])) continue;
        if (anesthesia && !anesthesiaOk) continue;
        const o = tick(off, own.choiceOff);
        o[r] = len / grid - 1;
        const tm = tick(team, own.choiceTeam);
        if (anesthesia) {
          tm[teamFree] = len / grid - 1;
          sortSmall(tm);
        }
        // Among equally tight layouts, children's places as early in the day as possible.
        const lateChild = len === CHILD_MINUTES ? (i / steps) * LATE_CHILD_COST : 0;
        const cost = idle - grid + lateChild + solve(i + 1, o, tm, a - (anesthesia ? 1 : 0), c - (len === CHILD_MINUTES ? 1 : 0));
        if (cost < best) {
          best = cost;
          pick = group[r] * 64 + len;
        }
      }
    }
    slotOf.set(key, bestCost.length);
    bestCost.push(best);
    bestPick.push(pick);
    return best;
  };

  let off = rooms.map(() => 0);
  let team = Array.from({ length: teams }, () => 0);
  let a = aMax;
  let c = cMax;
  solve(0, off, team, a, c);
  for (let i = 0; i < steps; i++) {
    const slot = slotOf.get(encode(i, off, team, a, c));
    const pick = slot === undefined ? -1 : bestPick[slot];
    const nextOff = tick(off, new Array<number>(n));
    let nextTeam = tick(team, new Array<number>(teams));
    if (pick >= 0) {
      const g = Math.floor(pick / 64);
      const len = pick % 64;
      const r = off.findIndex((x, room) => x === 0 && group[room] === g && ends[room][i] >= 0);
      const anesthesia = len === ANESTHESIA_MINUTES;
      lanes[r].push({ start: t0 + i * grid, minutes: len, anesthesia });
      nextOff[r] = len / grid - 1;
      if (anesthesia) {
        nextTeam[team.indexOf(0)] = len / grid - 1;
        nextTeam = nextTeam.sort((x, y) => x - y);
        a--;
      }
      if (len === CHILD_MINUTES) c--;
    }
    off = nextOff;
    team = nextTeam;
  }
  // The fixed bookings are part of the day's layout (their places hold what is booked there).
  for (const f of fixed) lanes[f.room].push({ start: f.start, minutes: f.end - f.start, anesthesia: f.anesthesia });
  for (const room of lanes) room.sort((x, y) => x.start - y.start);
  return lanes;
}

/** Ascending, in place: the team rota has one entry per anesthesia team (one or two). */
function sortSmall(xs: number[]): void {
  for (let x = 1; x < xs.length; x++) {
    const v = xs[x];
    let y = x - 1;
    while (y >= 0 && xs[y] > v) {
      xs[y + 1] = xs[y];
      y--;
    }
    xs[y + 1] = v;
  }
}
