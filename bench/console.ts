/**
 * npm run bench:console — the web console's costs as a person feels them, in headless Chromium
 * (Debian's, as the browser tests): the first load's JavaScript (gzipped), the time until the board of
 * a fully booked day is interactive, and the time to render a booked week of ≥ 2,000 fractions.
 * The data is real: a scratch database whose --rooms rooms (no shared beam) are filled Mon–Fri
 * 07:00–23:00 with 30-minute fractions (14 rooms: 448 a day, 2,240 a week; the same fill as
 * bench/board.ts), served by the real app on a free port with the built console (npm run build:web).
 * "Interactive": every fraction block is in the page, the next frame has been painted and the main
 * thread has run a task after it, timed from navigation start. Prints JSON (ms, bytes).
 * Options: --rooms R (14) --runs N (5); BENCH_DEBUG=1 prints each load's resource timings to stderr.
 */
/// <reference lib="dom" />
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import { chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { configureHttpApp } from '../src/http-app';
import { dropQueueKeys } from '../src/queue/drop-queue-keys';
import { UsersService } from '../src/users/users.service';
import { BOOKED_WEEK_MONDAY, fillBookedWeek } from './booked-week';
import { numberArg } from './cli-args';

const PG_BASE = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = resolve(__dirname, '..', 'web', 'dist');
const PASSWORD = 'bench-console-password';
/** A Monday well ahead, so nothing is in the past. */
const MONDAY = BOOKED_WEEK_MONDAY;
const WEDNESDAY = '2027-03-03';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (v: number) => Math.round(v);

/** The JavaScript index.html makes the browser fetch before anything shows, gzipped (zlib level 9). */
function firstLoadJs(): { files: number; rawBytes: number; gzipBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of scripts) {
    const body = readFileSync(join(DIST, src));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: scripts.length, rawBytes, gzipBytes };
}

/** Opens a board address; ms from navigation start until `blocks` fraction blocks are in and the page is idle. */
async function timeBoard(page: Page, url: string, blocks: number): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((n) => document.querySelectorAll('a.fraction').length >= n, blocks, { timeout: 60_000, polling: 'raf' });
  const t = await page.evaluate(() => new Promise<number>((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0))));
  if (process.env.BENCH_DEBUG)
    console.error(
      url,
      Math.round(t),
      JSON.stringify(
        await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => [e.name.replace(/^.*\/\/[^/]+/, ''), Math.round(e.startTime), Math.round((e as PerformanceResourceTiming).responseEnd)]),
        ),
      ),
    );
  return t;
}

async function main(): Promise<void> {
  const rooms = numberArg('rooms', 14);
  const runs = numberArg('runs', 5);
  const js = firstLoadJs();
  const url = `${PG_BASE}/beamtime_bench_console_${randomBytes(4).toString('hex')}`;
  const queuePrefix = `bt-bench-${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  await runMigrations(url);
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    RECONCILER_ENABLED: 'false',
    EARLY_STARTS_ENABLED: 'false',
    JWT_SECRET: 'bench-secret-which-is-long-enough',
    LOGIN_RATE_LIMIT: '1000',
  });
  const app = await NestFactory.create(AppModule.forRole('api'), { bufferLogs: true, logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await app.get(UsersService).ensureDemoUsers(PASSWORD);
    const fractions = await fillBookedWeek(app.get(DataSource), rooms);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' });
    const login = await context.request.post(`${base}/api/v1/auth/login`, {
      data: { username: 'coordinator', password: PASSWORD },
      headers: { 'X-Requested-With': 'beamtime' },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await context.newPage();
    const perDay = fractions / 5;
    const day: number[] = [];
    const week: number[] = [];
    await timeBoard(page, `${base}/board?date=${WEDNESDAY}`, perDay); // warm: HTTP cache, JIT, PostgreSQL
    for (let i = 0; i < runs; i++) {
      day.push(await timeBoard(page, `${base}/board?date=${WEDNESDAY}`, perDay));
      week.push(await timeBoard(page, `${base}/board?date=${MONDAY}&days=7`, fractions));
    }
    console.log(
      JSON.stringify(
        {
          firstLoadJs: { ...js, budgetGzipBytes: 300 * 1024 },
          fullyBookedDay: {
            rooms,
            fractions: perDay,
            interactiveMs: { median: round(median(day)), max: round(Math.max(...day)), runs: day.map(round) },
            goalMs: 1000,
          },
          week: { fractions, renderedMs: { median: round(median(week)), max: round(Math.max(...week)), runs: week.map(round) }, goalMs: 1500 },
          chromium: browser.version(),
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await app.close();
    await dropDatabase(url);
    await dropQueueKeys(REDIS_URL, queuePrefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
