/**
 * npm run bench:anesthesia-teams — what a second anesthesia team does to the demo center, and why
 * (docs/forecasting.md): the forecast's own arrivals (default mix at 800 a year, the anesthesia
 * categories' rate times --scale) allocated by the live planner over --weeks, with one team, two
 * teams, and two teams on a lane template that keeps one team's number of anesthesia places.
 * Prints JSON: courses started in the weeks, median wait (all courses, and children under
 * anesthesia), late starts and unschedulable courses per run.
 * Options: --runs 2 --weeks 26 --seed 5 --scale 1
 */
import { createPlanner, defaultArrivals, demoCenter, drawArrivals, prepareForecast, quantile, runRng, toCourseRequest } from '../src/scheduling';
import { numberArg } from './cli-args';

const runs = numberArg('runs', 2);
const weeks = numberArg('weeks', 26);
const seed = numberArg('seed', 5);
const scale = numberArg('scale', 1);
const arrivals = defaultArrivals(800).map((a) => ({ ...a, ratePerWeek: a.requiresAnesthesia ? a.ratePerWeek * scale : a.ratePerWeek }));
// One team's window (08:00-13:00) holds six 50-minute places; the default template fills it per team.
const variants = [
  { name: 'one team', teams: 1, anesthesiaPlaces: undefined },
  { name: 'two teams', teams: 2, anesthesiaPlaces: undefined },
  { name: 'two teams, one team’s places', teams: 2, anesthesiaPlaces: 6 },
];
const round = (x: number) => Math.round(x * 10) / 10;
const out = variants.map((v) => {
  let started = 0;
  let late = 0;
  let unschedulable = 0;
  const waits: number[] = [];
  const anesthesiaWaits: number[] = [];
  for (let run = 0; run < runs; run++) {
    const p = prepareForecast({
      center: demoCenter(),
      existing: [],
      now: '2027-01-11T00:00:00+05:00',
      horizonWeeks: weeks,
      runs,
      seed,
      arrivals,
      changes: { anesthesiaTeams: v.teams },
    });
    const planner = createPlanner(p.center, [], { lanes: v.anesthesiaPlaces === undefined ? {} : { anesthesiaPlaces: v.anesthesiaPlaces } });
    const drawn = drawArrivals(p, runRng(seed, run), run);
    for (const a of drawn) {
      const course = toCourseRequest(p, a);
      const r = planner.allocate(course, { now: course.arrival, horizonWeeks: 26 });
      if (r.status !== 'SCHEDULED') unschedulable++;
      else if (r.lateStart) late++;
    }
    // Read back at the end: early starts and emergencies move courses placed before them.
    const first = new Map<string, number>();
    const anesthesia = new Set<string>();
    for (const b of planner.bookings()) {
      if (b.fraction === 1) first.set(b.courseId, Date.parse(b.start) / 60_000);
      if (b.anesthesia) anesthesia.add(b.courseId);
    }
    for (const a of drawn) {
      const s = first.get(a.id);
      if (s === undefined) continue;
      const wait = (s - a.at) / 1440;
      waits.push(wait);
      if (anesthesia.has(a.id)) anesthesiaWaits.push(wait);
      if (s < p.grid.bounds[weeks]) started++;
    }
  }
  return {
    variant: v.name,
    startedPerRun: round(started / runs),
    medianWaitDays: round(quantile(waits, 0.5)),
    anesthesiaMedianWaitDays: anesthesiaWaits.length ? round(quantile(anesthesiaWaits, 0.5)) : null,
    lateStartsPerRun: round(late / runs),
    unschedulablePerRun: round(unschedulable / runs),
  };
});
process.stdout.write(JSON.stringify({ bench: 'anesthesia-teams', runs, weeks, seed, anesthesiaDemandScale: scale, results: out }, null, 2) + '\n');
