/**
 * npm run bench:api-load — HTTP load on the day board and the course list, as the console asks for
 * them, against a real API process on a seeded booked year. Prints one JSON object.
 *
 * Set-up: a scratch database (created, migrated, dropped afterwards), the demo center and users, and
 * the 800-course 2027 year of booked-year.ts (~21,000 booked fractions, demo-year.ts). The API runs
 * as its own process (`--role=api`, NODE_ENV=production, info-level logs to /dev/null), through
 * ts-node's transpile-only register by default or the compiled build with --compiled (`npm run build`
 * first). autocannon then keeps --connections clients busy on each endpoint for --duration seconds
 * after a --warmup, as the coordinator (whose reads of patients are read-audited) and as the
 * administrator (whose are not): the difference is the read audit's overhead.
 *
 * Options: --connections 100 --duration 15 --warmup 3 --rounds 1 --processes 1 --writes 0 --compiled --keep-db --database <kept name>
 * Goal (issue 24): p99 < 300 ms and no errors with 100 clients.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { CenterSeedService } from '../src/center/center-seed.service';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { dropQueueKeys } from '../src/queue/drop-queue-keys';
import { UsersService } from '../src/users/users.service';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { numberArg, stringArg } from './cli-args';
import { seedBookedYear } from './demo-year';

const CONNECTIONS = numberArg('connections', 100);
const DURATION = numberArg('duration', 15);
const WARMUP = numberArg('warmup', 3);
const COMPILED = process.argv.includes('--compiled');
/** A database an earlier run kept (--keep-db): migrated again, not seeded again, and kept. */
const REUSE_DB = stringArg('database');
const KEEP_DB = process.argv.includes('--keep-db') || REUSE_DB !== undefined;
/**
 * Committed writes per second while the clients read (a worker booking, a coordinator moving): each
 * one changes read_model_version, so the next request of each API process computes its answer again.
 */
const WRITES_PER_SECOND = numberArg('writes', 0);
/** Rounds of the four runs (the read audit's overhead is a difference of two noisy figures: take several). */
const ROUNDS = numberArg('rounds', 1);
/** API_PROCESSES of the API under load (node:cluster; one core each). */
const PROCESSES = numberArg('processes', 1);
const PG_BASE = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'bench-password-long-enough';
/** A Wednesday in the booked year's busy spring: three rooms full from 07:00 to 23:00. */
const BOARD_DATE = '2027-04-14';
/** What the console asks for: the board of one day, and the course list's first page (25, newest first). */
const ENDPOINTS = { board: `/board?date=${BOARD_DATE}`, courses: '/courses?limit=25&offset=0' };
const GOAL_P99_MS = 300;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API process did not answer /health within 150 s');
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface Run {
  /** CPU the API process spent per answered request (user + system): what the machine's load does not change much. */
  apiCpuMsPerRequest: number;
  rps: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * User + system CPU milliseconds of a process and its children so far (Linux /proc; fields 14 and
 * 15 in clock ticks of 10 ms): with API_PROCESSES > 1 the work is done by the cluster primary's children.
 */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return (Number(fields[11]) + Number(fields[12])) * 10 + children.reduce((sum, child) => sum + cpuMs(child), 0);
}

/**
 * One autocannon run, then a wait until the API has served everything it was sent: requests
 * autocannon gave up on are still served after it stops, and would otherwise slow the next run down
 * and escape the CPU count, which spans the run and that wait and is divided by every request sent.
 */
async function load(url: string, token: string, duration: number, pid: number, databaseUrl: string): Promise<Run> {
  const cpuBefore = cpuMs(pid);
  const writer = WRITES_PER_SECOND > 0 ? await startWrites(databaseUrl) : null;
  // autocannon's instance is a thenable without finally.
  const r = await Promise.resolve(autocannon({ url, connections: CONNECTIONS, duration, headers: { authorization: `Bearer ${token}` } })).finally(() =>
    writer?.stop(),
  );
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300_000) });
  await res.arrayBuffer();
  return {
    apiCpuMsPerRequest: Math.round(((cpuMs(pid) - cpuBefore) / (r.requests.sent + 1)) * 100) / 100,
    rps: Math.round(r.requests.average),
    requests: r.requests.total,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: Math.round(r.latency.mean * 10) / 10 },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** A patient's row touched WRITES_PER_SECOND times a second in its own committed transaction (the row triggers fire on any UPDATE). */
async function startWrites(databaseUrl: string): Promise<{ stop: () => Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(() =>
      client.query('UPDATE patients SET first_name = first_name WHERE id = (SELECT min(id::text)::uuid FROM patients)').then(() => undefined),
    );
  }, 1000 / WRITES_PER_SECOND);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending;
      await client.end();
    },
  };
}

async function seed(databaseUrl: string): Promise<Awaited<ReturnType<typeof seedBookedYear>>> {
  const context = await NestFactory.createApplicationContext(AppModule.forRole('api'), { logger: false });
  try {
    await context.get(CenterSeedService).ensureDemoCenter();
    await context.get(UsersService).ensureDemoUsers(PASSWORD);
    return await seedBookedYear(context.get(DataSource));
  } finally {
    await context.close();
    void databaseUrl;
  }
}

async function main(): Promise<void> {
  const dbName = REUSE_DB ?? `beamtime_bench_load_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${PG_BASE}/${dbName}`;
  const queuePrefix = `bt-bench-${randomBytes(4).toString('hex')}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    RECONCILER_ENABLED: 'false',
    JWT_SECRET: randomBytes(32).toString('base64'),
    LOGIN_RATE_LIMIT: '1000',
    API_PROCESSES: String(PROCESSES),
  };
  await ensureDatabase(databaseUrl);
  let child: ChildProcess | undefined;
  try {
    await runMigrations(databaseUrl);
    Object.assign(process.env, env, { NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    const seeded = REUSE_DB ? 'reused' : await seed(databaseUrl);
    const port = await freePort();
    const root = join(__dirname, '..');
    const entry = COMPILED ? [join(root, 'dist', 'main.js')] : ['-r', 'ts-node/register/transpile-only', join(root, 'src', 'main.ts')];
    child = spawn(process.execPath, [...entry, '--role=api'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, PORT: String(port) } });
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitForHealth(base, child);
    const tokens = { coordinator: await login(base, 'coordinator'), admin: await login(base, 'admin') };

    const loadBefore = loadavg()[0];
    // Each round runs both users on each endpoint, in turns that swap every round, so a drift of the
    // machine's load falls on both; the figures below are each run's median round.
    const rounds: Record<string, Record<string, Run[]>> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, path] of Object.entries(ENDPOINTS)) {
        rounds[name] ??= {};
        const users = Object.entries(tokens);
        for (const [user, token] of round % 2 === 0 ? users : users.reverse()) {
          await load(`${base}${path}`, token, WARMUP, child.pid!, databaseUrl);
          (rounds[name][user] ??= []).push(await load(`${base}${path}`, token, DURATION, child.pid!, databaseUrl));
        }
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const cpu = (r: Run) => r.apiCpuMsPerRequest;
    const p50 = (r: Run) => r.latencyMs.p50;
    const rps = (r: Run) => r.rps;
    const runs: Record<string, Record<string, Run>> = {};
    for (const [name, byUser] of Object.entries(rounds)) {
      runs[name] = {};
      for (const [user, list] of Object.entries(byUser)) runs[name][user] = list.find((r) => cpu(r) === median(list.map(cpu)))!;
    }
    // Latencies swing with whatever else the machine runs; the API's CPU per request is the steadier
    // measure, and answers per second also count PostgreSQL's work for the audit rows.
    const overheadPct = (name: string, of: (r: Run) => number, lowerIsBetter = true) => {
      const [c, a] = [median(rounds[name].coordinator.map(of)), median(rounds[name].admin.map(of))];
      const pct = lowerIsBetter ? (c - a) / a : (a - c) / a;
      return a > 0 ? Math.round(pct * 1000) / 10 : 0;
    };
    const all = Object.values(rounds).flatMap((byUser) => Object.values(byUser).flat());
    console.log(
      JSON.stringify(
        {
          bench: 'api-load',
          server: {
            process: COMPILED ? 'node dist/main.js --role=api' : 'node -r ts-node/register/transpile-only src/main.ts --role=api',
            nodeEnv: 'production',
            apiProcesses: PROCESSES,
            writesPerSecond: WRITES_PER_SECOND,
          },
          seeded,
          ...(KEEP_DB ? { keptDatabase: dbName } : {}),
          connections: CONNECTIONS,
          durationSeconds: DURATION,
          rounds: ROUNDS,
          machine: { cpus: cpus().length, loadAverage1mBefore: Math.round(loadBefore * 100) / 100, loadAverage1mAfter: Math.round(loadavg()[0] * 100) / 100 },
          endpoints: ENDPOINTS,
          runs,
          readAuditOverheadPct: {
            apiCpuPerRequest: { board: overheadPct('board', cpu), courses: overheadPct('courses', cpu) },
            latencyP50: { board: overheadPct('board', p50), courses: overheadPct('courses', p50) },
            throughput: { board: overheadPct('board', rps, false), courses: overheadPct('courses', rps, false) },
            p99ByRound: Object.fromEntries(
              Object.entries(rounds).map(([name, byUser]) => [
                name,
                Object.fromEntries(Object.entries(byUser).map(([u, list]) => [u, list.map((r) => r.latencyMs.p99)])),
              ]),
            ),
            cpuPerRequestByRound: Object.fromEntries(
              Object.entries(rounds).map(([name, byUser]) => [name, Object.fromEntries(Object.entries(byUser).map(([u, list]) => [u, list.map(cpu)]))]),
            ),
          },
          goal: {
            p99BelowMs: GOAL_P99_MS,
            noErrors: true,
            met: all.every((r) => r.latencyMs.p99 < GOAL_P99_MS && r.errors === 0 && r.non2xx === 0 && r.timeouts === 0),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    if (!KEEP_DB) await dropDatabase(databaseUrl);
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
