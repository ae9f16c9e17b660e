/**
 * npx ts-node --transpile-only bench/alternatives.ts — what GET /appointments/:id/alternatives costs
 * on a booked year: the generated 800-course year on the demo center (the demo seed's center) is
 * planned, then
 * - core: suggestAlternatives runs for --samples random booked fractions, "now" the day before
 *   each, with what the service passes (other courses' BOOKED fractions within ±15 days plus the
 *   course's own) and with the whole year passed (the function's own day filter);
 * - service: the year is written to a scratch database (patients, courses, 21k appointments, the
 *   demo center's rooms and settings) and AlternativesService.alternatives — its SQL, the center
 *   load and the core, everything but HTTP — runs for the same number of random fractions
 *   (now = the real clock; the year is 2027, so every fraction lies ahead). Skip with --no-db.
 * Prints JSON with p50/p95/max in ms. Goal: p95 < 150 ms.
 * Options: --courses N (800) --samples S (200) --seed X (1) --limit L (10) --no-db.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AlternativesService } from '../src/appointments/alternatives.service';
import { CenterConfigService } from '../src/center/center-config.service';
import { demoCenter, suggestAlternatives } from '../src/scheduling';
import { createPlanner } from '../src/scheduling/allocation/planner';
import { generateScenario } from '../src/scheduling/scenario/generate-scenario';
import { mulberry32 } from '../src/scheduling/scenario/prng';
import { scenarioCourses, scenarioToCenter } from '../src/scheduling/scenario/scenario-center';
import { Booking, CourseRequest } from '../src/scheduling/types';
import { numberArg } from './cli-args';
import { latencyStats } from './latency-stats';
import { withScratchDatabase } from './scratch-database';

const DAY_MS = 86_400_000;

/** The planned year in a scratch database, then the service timed on random booked fractions. */
async function serviceTimes(bookings: Booking[], requests: CourseRequest[], samples: number, limit: number, seed: number) {
  return withScratchDatabase('alternatives', async (ds) => {
    const demo = demoCenter();
    await ds.query(
      `INSERT INTO center_settings (id, time_zone, hours, qa_minutes, anesthesia_windows, anesthesia_teams, shared_beam, holidays)
       VALUES (1, $1, $2, $3, $4, $5, $6, 'KZ')
       ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, hours = EXCLUDED.hours, qa_minutes = EXCLUDED.qa_minutes,
         anesthesia_windows = EXCLUDED.anesthesia_windows, anesthesia_teams = EXCLUDED.anesthesia_teams, shared_beam = EXCLUDED.shared_beam`,
      [demo.timeZone, JSON.stringify(demo.hours), demo.qaMinutes, JSON.stringify(demo.anesthesia.windows), demo.anesthesia.teams, demo.sharedBeam],
    );
    const roomIds = new Map<string, string>();
    for (const r of demo.rooms) {
      const [row] = await ds.query(`INSERT INTO rooms (name, kind) VALUES ($1, $2) RETURNING id`, [r.id, r.kind]);
      roomIds.set(r.id, row.id);
    }
    const courseIds = new Map(requests.map((c) => [c.id, randomUUID()]));
    const patientIds = requests.map(() => randomUUID());
    await ds.query(
      `INSERT INTO patients (id, first_name, last_name, birth_date, sex, country_code)
       SELECT id, 'Bench', 'Patient ' || n, CASE WHEN p THEN DATE '2015-01-01' ELSE DATE '1970-01-01' END, 'female', 'KZ'
         FROM unnest($1::uuid[], $2::boolean[]) WITH ORDINALITY AS t(id, p, n)`,
      [patientIds, requests.map((c) => c.patientCategory === 'PEDIATRIC')],
    );
    await ds.query(
      `INSERT INTO courses (id, patient_id, diagnosis_group, urgency, fractions, fractions_per_week, fraction_minutes, beam_minutes, beam_offset_minutes,
                            requires_anesthesia, room_kinds, earliest_start, due_start, status, submission_no, submitted_at)
       SELECT id, pid, 'CNS', u, f, fpw, fm, bm, bo, an, '{}', es, ds, 'SCHEDULED', 1, arr
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::boolean[], $10::date[], $11::date[], $12::timestamptz[])
              AS t(id, pid, u, f, fpw, fm, bm, bo, an, es, ds, arr)`,
      [
        requests.map((c) => courseIds.get(c.id)),
        patientIds,
        requests.map((c) => c.urgency),
        requests.map((c) => c.fractions),
        requests.map((c) => c.fractionsPerWeek),
        requests.map((c) => c.fractionMinutes),
        requests.map((c) => c.beamMinutes),
        requests.map((c) => c.beamOffsetMinutes),
        requests.map((c) => c.requiresAnesthesia),
        requests.map((c) => c.earliestStart),
        requests.map((c) => c.dueStart),
        requests.map((c) => c.arrival),
      ],
    );
    for (let i = 0; i < bookings.length; i += 5000) {
      const chunk = bookings.slice(i, i + 5000);
      await ds.query(
        `INSERT INTO appointments (course_id, fraction, room_id, start, "end", beam_start, beam_end, beam_line, anesthesia, status)
         SELECT c, f, r, s, e, bs, be, 'main', a, 'BOOKED'
           FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::boolean[])
                AS t(c, f, r, s, e, bs, be, a)`,
        [
          chunk.map((b) => courseIds.get(b.courseId)),
          chunk.map((b) => b.fraction),
          chunk.map((b) => roomIds.get(b.roomId)),
          chunk.map((b) => b.start),
          chunk.map((b) => b.end),
          chunk.map((b) => b.beamStart),
          chunk.map((b) => b.beamEnd),
          chunk.map((b) => b.anesthesia),
        ],
      );
    }
    await ds.query('ANALYZE');
    const ids: string[] = (await ds.query(`SELECT id FROM appointments ORDER BY id`)).map((r: { id: string }) => r.id);
    const service = new AlternativesService(ds, new CenterConfigService(ds));
    const rng = mulberry32(seed + 1);
    const times: number[] = [];
    const found: number[] = [];
    await service.alternatives(ids[0], limit);
    for (let i = 0; i < samples; i++) {
      const id = ids[Math.floor(rng() * ids.length)];
      const t0 = performance.now();
      const out = await service.alternatives(id, limit);
      times.push(performance.now() - t0);
      found.push(out.length);
    }
    return { appointments: ids.length, ms: latencyStats(times, 2), suggestionsPerRequest: mean(found) };
  });
}

function mean(xs: number[]): number {
  return Math.round((xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length)) * 10) / 10;
}

async function main(): Promise<void> {
  const courses = numberArg('courses', 800);
  const samples = numberArg('samples', 200);
  const seed = numberArg('seed', 1);
  const limit = numberArg('limit', 10);
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
    const passed = bookings.filter((b) => b.courseId === target.courseId || (Date.parse(b.start) < t + 15 * DAY_MS && Date.parse(b.end) > t - 15 * DAY_MS));
    let a = performance.now();
    const out = suggestAlternatives(center, passed, course, target.id!, { now, limit });
    windowed.push(performance.now() - a);
    found.push(out.length);
    a = performance.now();
    suggestAlternatives(center, bookings, course, target.id!, { now, limit });
    whole.push(performance.now() - a);
  }
  const service = process.argv.includes('--no-db') ? null : await serviceTimes(bookings, requests, samples, limit, seed);
  console.log(
    JSON.stringify(
      {
        bench: 'alternatives',
        courses,
        bookedFractions: bookings.length,
        planSeconds: Math.round(planMs) / 1000,
        samples,
        limit,
        suggestionsPerRequest: { mean: mean(found), none: found.filter((n) => n === 0).length },
        coreServiceWindowMs: latencyStats(windowed, 2),
        coreWholeYearMs: latencyStats(whole, 2),
        service,
        goalP95Ms: 150,
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
