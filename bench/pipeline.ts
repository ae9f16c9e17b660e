/**
 * End-to-end pipeline benchmark: the 800-course demo year through the real HTTP API, real
 * PostgreSQL, real Redis/BullMQ workers. Prints one JSON object.
 *
 *   npm run bench:pipeline -- [--courses=800] [--seed=1] [--clients=16] [--workers=0] [--api-only] [--keep-db]
 *
 * --workers=N additionally starts N worker child processes; --api-only (with --workers) keeps the
 * API process free of workers, otherwise it runs them too (role "all").
 * Own database (created, migrated, dropped afterwards) and own queue prefix; random port.
 * `hardRules` is what the core's checkSchedule finds in the booked rows, per rule (1–10): the exclusion
 * constraints already guarantee `overlaps` is 0, so that number alone proves nothing about the allocator.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { checkBookedRules } from '../src/bookings/booked-rules-check';
import { CenterConfigService } from '../src/center/center-config.service';
import { CenterSeedService } from '../src/center/center-seed.service';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { dropQueueKeys } from '../src/queue/drop-queue-keys';
import { configureHttpApp } from '../src/http-app';
import { generateScenario } from '../src/scheduling';
import { UsersService } from '../src/users/users.service';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const COURSES = Number(args.courses ?? 800);
const SEED = Number(args.seed ?? 1);
const CLIENTS = Number(args.clients ?? 16);
const EXTRA_WORKERS = Number(args.workers ?? 0);
const API_ONLY = args['api-only'] === 'true' && EXTRA_WORKERS > 0;
const PG_BASE = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'bench-password-long-enough';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latencySummary(ms: number[]): { n: number; p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(percentile(s, 50)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? 0) };
}

/** Runs `items` through `fn` with at most `limit` in flight, in order of start. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

async function main(): Promise<void> {
  const dbName = `beamtime_bench_pipeline_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${PG_BASE}/${dbName}`;
  const queuePrefix = `bt-bench-${randomBytes(4).toString('hex')}`;
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    RECONCILER_ENABLED: 'false',
    JWT_SECRET: 'bench-secret-which-is-long-enough',
    LOGIN_RATE_LIMIT: '1000',
  });
  const app = await NestFactory.create(AppModule.forRole(API_ONLY ? 'api' : 'all'), { bufferLogs: true, logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `${await app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1');
  const children: ChildProcess[] = [];
  try {
    await app.get(CenterSeedService).ensureDemoCenter();
    await app.get(UsersService).ensureDemoUsers(PASSWORD);
    const dataSource = app.get(DataSource);
    const year = new Date().getUTCFullYear() + 1;
    // Everything is submitted today for next year, so the horizon must reach the year's end.
    await dataSource.query(`UPDATE center_settings SET horizon_weeks = 104`);
    for (let i = 0; i < EXTRA_WORKERS; i++) {
      children.push(
        spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts'), '--role=worker'], {
          stdio: 'ignore',
          env: { ...process.env },
        }),
      );
    }

    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coordinator', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any; ms: number }> => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = await res.json();
      return { status: res.status, json, ms: performance.now() - t0 };
    };

    const scenario = generateScenario({ courses: COURSES, year, seed: SEED });
    const setupStart = performance.now();
    const courseIds = await pool(scenario.courses, CLIENTS, async (c, i) => {
      const pediatric = c.patientCategory === 'PEDIATRIC';
      const birthYear = year - (pediatric ? 8 : 55);
      const patient = await call('POST', '/patients', {
        firstName: `Bench${i}`,
        lastName: `Patient${i}`,
        birthDate: `${birthYear}-06-15`,
        sex: i % 2 ? 'female' : 'male',
        countryCode: c.tags?.countryCode ?? 'KZ',
      });
      if (patient.status !== 201) throw new Error(`patient ${i}: ${patient.status} ${JSON.stringify(patient.json)}`);
      const course = await call('POST', '/courses', {
        patientId: patient.json.id,
        diagnosisGroup: c.tags?.diagnosisGroup ?? 'OTHER',
        urgency: c.urgency,
        fractions: c.fractions,
        fractionsPerWeek: c.fractionsPerWeek,
        fractionMinutes: c.fractionMinutes,
        requiresAnesthesia: c.requiresAnesthesia,
        earliestStart: c.earliestStart,
        ...(c.dueStart ? { dueStart: c.dueStart } : {}),
      });
      if (course.status !== 201) throw new Error(`course ${i}: ${course.status} ${JSON.stringify(course.json)}`);
      return course.json.id as string;
    });
    const setupMs = performance.now() - setupStart;

    // The measured pipeline: submit every course (arrival order), until every one is settled.
    const start = performance.now();
    const submitMs = await pool(courseIds, CLIENTS, async (id) => {
      const r = await call('POST', `/courses/${id}/submit`);
      if (r.status !== 202) throw new Error(`submit ${id}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.ms;
    });
    const submittedAt = performance.now();
    let counts: Record<string, number> = {};
    for (;;) {
      const rows: Array<{ status: string; n: number }> = await dataSource.query(`SELECT status, count(*)::int AS n FROM courses GROUP BY status`);
      counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      if ((counts.QUEUED ?? 0) === 0 && (counts.DRAFT ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallMs = performance.now() - start;

    // Reads while the calendar is full: one room-week at a time across the year.
    const rooms: Array<{ id: string }> = await dataSource.query(`SELECT id FROM rooms ORDER BY name`);
    const weekStarts = Array.from({ length: 52 }, (_, w) => new Date(Date.UTC(year, 0, 5 + w * 7) - 5 * 3600_000));
    const reads = weekStarts.flatMap((from) => rooms.map((room) => ({ room: room.id, from })));
    let appointmentsRead = 0;
    const readMs = await pool(reads, 4, async ({ room, from }) => {
      const to = new Date(from.getTime() + 7 * 86_400_000);
      const r = await call('GET', `/appointments?roomId=${room}&from=${from.toISOString()}&to=${to.toISOString()}`);
      if (r.status !== 200) throw new Error(`GET /appointments: ${r.status}`);
      appointmentsRead += r.json.length;
      return r.ms;
    });

    const [{ booked, late }] = await dataSource.query(
      `SELECT (SELECT count(*) FROM appointments WHERE status = 'BOOKED')::int AS booked, (SELECT count(*) FROM courses WHERE late_start)::int AS late`,
    );
    // Booked fractions that start before an earlier one in their room (or on their beam line) ended.
    // A window per room/beam line instead of a self-join: the join took ~80 s on 21,000 rows.
    const [{ overlaps }] = await dataSource.query(`
      SELECT ((SELECT count(*) FROM (
                SELECT start, max("end") OVER (PARTITION BY room_id ORDER BY start, id
                                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                  FROM appointments WHERE status = 'BOOKED') r WHERE start < prev_end)
           + (SELECT count(*) FROM (
                SELECT beam_start, max(beam_end) OVER (PARTITION BY beam_line ORDER BY beam_start, id
                                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                  FROM appointments WHERE status = 'BOOKED') b WHERE beam_start < prev_end))::int
             AS overlaps`);
    // The constraints above make "0 overlaps" certain; the core's checker judges every hard rule (1–10).
    const rules = await checkBookedRules(dataSource.manager, app.get(CenterConfigService));
    console.log(
      JSON.stringify(
        {
          bench: 'pipeline',
          courses: COURSES,
          seed: SEED,
          year,
          httpClients: CLIENTS,
          workerProcesses: (API_ONLY ? 0 : 1) + EXTRA_WORKERS,
          apiProcessRunsWorkers: !API_ONLY,
          workerConcurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
          setupSeconds: Math.round(setupMs) / 1000,
          wallSeconds: Math.round(wallMs) / 1000,
          submitPhaseSeconds: Math.round(submittedAt - start) / 1000,
          jobsPerSecond: Math.round((COURSES / (wallMs / 1000)) * 10) / 10,
          outcome: { ...counts, lateStart: late, bookedAppointments: booked, overlaps },
          hardRules: rules,
          latencyMs: {
            submit: latencySummary(submitMs),
            getAppointmentsRoomWeek: { ...latencySummary(readMs), meanRows: Math.round(appointmentsRead / reads.length) },
          },
          goal: { wallSecondsBelow: 30, noHardRuleViolated: rules.violations === 0, met: wallMs < 30_000 && rules.violations === 0 },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await app.close();
    if (!args['keep-db']) await dropDatabase(databaseUrl);
    await dropQueueKeys(REDIS_URL, queuePrefix);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
