/**
 * npx ts-node --transpile-only bench/alternatives.ts — what GET /appointments/:id/alternatives costs
 * the core on a booked year: the generated 800-course year on the demo center (the demo seed's
 * center) is planned, then suggestAlternatives runs for --samples random booked fractions, "now"
 * the day before each. Timed twice: with what the service passes (other courses' BOOKED fractions
 * within ±15 days plus the course's own, as its SQL selects them) and with the whole year passed
 * (the function's own day filter). Prints JSON with p50/p95/max in ms. Goal: p95 < 150 ms.
 * Options: --courses N (800) --samples S (200) --seed X (1) --limit L (10).
 */
import { performance } from 'node:perf_hooks';
import { createPlanner } from '../src/scheduling/allocation/planner';
import { suggestAlternatives } from '../src/scheduling';
import { generateScenario } from '../src/scheduling/scenario/generate-scenario';
import { mulberry32 } from '../src/scheduling/scenario/prng';
import { scenarioCourses, scenarioToCenter } from '../src/scheduling/scenario/scenario-center';
import { Booking } from '../src/scheduling/types';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const round = (v: number) => Math.round(v * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]) };
}

const DAY_MS = 86_400_000;

function main(): void {
  const courses = arg('courses', 800);
  const samples = arg('samples', 200);
  const seed = arg('seed', 1);
  const limit = arg('limit', 10);
  const scenario = generateScenario({ courses, year: 2027, seed });
  const center = scenarioToCenter(scenario);
  const requests = scenarioCourses(scenario, center);
  const planner = createPlanner(center, []);
  const t0 = performance.now();
  for (const c of requests) planner.allocate(c, { now: c.arrival });
  const planMs = performance.now() - t0;
  const bookings: Booking[] = planner.bookings().map((b) => ({ ...b, id: b.id ?? `${b.courseId}#${b.fraction}` }));
  const byId = new Map(requests.map((c) => [c.id, c]));
  const rng = mulberry32(seed);

  const windowed: number[] = [];
  const whole: number[] = [];
  const found: number[] = [];
  for (let i = 0; i < samples; i++) {
    const target = bookings[Math.floor(rng() * bookings.length)];
    const course = byId.get(target.courseId)!;
    const now = new Date(Date.parse(target.start) - DAY_MS).toISOString();
    const t = Date.parse(target.start);
    const passed = bookings.filter(
      (b) => b.courseId === target.courseId || (Date.parse(b.start) < t + 15 * DAY_MS && Date.parse(b.end) > t - 15 * DAY_MS),
    );
    let a = performance.now();
    const out = suggestAlternatives(center, passed, course, target.id!, { now, limit });
    windowed.push(performance.now() - a);
    found.push(out.length);
    a = performance.now();
    suggestAlternatives(center, bookings, course, target.id!, { now, limit });
    whole.push(performance.now() - a);
  }
  console.log(
    JSON.stringify(
      {
        bench: 'alternatives',
        courses,
        bookedFractions: bookings.length,
        planSeconds: Math.round(planMs) / 1000,
        samples,
        limit,
        suggestionsPerRequest: { mean: Math.round((found.reduce((x, y) => x + y, 0) / found.length) * 10) / 10, none: found.filter((n) => n === 0).length },
        serviceWindowMs: stats(windowed),
        wholeYearMs: stats(whole),
        goalP95Ms: 150,
      },
      null,
      2,
    ),
  );
}

main();
