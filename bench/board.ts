/**
 * npx ts-node --transpile-only bench/board.ts — what GET /board costs the server for a fully booked
 * week: on a scratch database, --rooms rooms (no shared beam, so each room's day is packed) open
 * Mon–Fri 07:00–23:00 are filled with 30-minute fractions (14 rooms: 2,240 fractions a week), one
 * patient and course per daily slot. Times BoardService.uncached (what a cache miss costs) for the week (days=7) and for one
 * day (service call, no HTTP or JSON serialisation). Prints JSON (ms).
 * Options: --rooms R (14) --iterations N (30).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { ReadModelCache } from '../src/read-model/read-model-cache';
import { BoardService } from '../src/board/board.service';
import { CenterConfigService } from '../src/center/center-config.service';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { typeOrmOptions } from '../src/database/typeorm-options';
import { BOOKED_WEEK_MONDAY, fillBookedWeek } from './booked-week';
import { numberArg } from './cli-args';

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]) };
}

const MONDAY = BOOKED_WEEK_MONDAY;

async function main(): Promise<void> {
  const roomCount = numberArg('rooms', 14);
  const iterations = numberArg('iterations', 30);
  const base = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  const url = `${base}/beamtime_bench_board_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  const ds = new DataSource(typeOrmOptions(url));
  try {
    await runMigrations(url);
    await ds.initialize();
    const fractions = await fillBookedWeek(ds, roomCount);

    const board = new BoardService(ds, new CenterConfigService(ds), new ReadModelCache(ds));
    await board.uncached({ date: MONDAY, days: 7 });
    const week: number[] = [];
    const day: number[] = [];
    let weekItems = 0;
    let bytes = 0;
    for (let i = 0; i < iterations; i++) {
      let t0 = performance.now();
      const w = await board.uncached({ date: MONDAY, days: 7 });
      week.push(performance.now() - t0);
      weekItems = w.appointments.length;
      bytes = JSON.stringify(w).length;
      t0 = performance.now();
      await board.uncached({ date: '2027-03-03', days: 1 });
      day.push(performance.now() - t0);
    }
    console.log(
      JSON.stringify(
        {
          bench: 'board',
          setup: { rooms: roomCount, fractions, iterations },
          week: { appointments: weekItems, jsonBytes: bytes, ms: stats(week) },
          day: { ms: stats(day) },
        },
        null,
        2,
      ),
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(url);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
