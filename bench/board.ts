/**
 * npx ts-node --transpile-only bench/board.ts — what GET /board costs the server for a fully booked
 * week: on a scratch database, --rooms rooms (no shared beam, so each room's day is packed) open
 * Mon–Fri 07:00–23:00 are filled with 30-minute fractions (14 rooms: 2,240 fractions a week), one
 * patient and course per daily slot. Times BoardService.uncached (what a cache miss costs) for the week (days=7) and for one
 * day (service call, no HTTP or JSON serialisation). Prints JSON (ms).
 * Options: --rooms R (14) --iterations N (30).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { ReadModelCache } from '../src/read-model/read-model-cache';
import { BoardService } from '../src/board/board.service';
import { CenterConfigService } from '../src/center/center-config.service';
import { BOOKED_WEEK_MONDAY, fillBookedWeek } from './booked-week';
import { numberArg } from './cli-args';
import { latencyStats } from './latency-stats';
import { withScratchDatabase } from './scratch-database';

const MONDAY = BOOKED_WEEK_MONDAY;

async function main(): Promise<void> {
  const roomCount = numberArg('rooms', 14);
  const iterations = numberArg('iterations', 30);
  return withScratchDatabase('board', async (ds) => {
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
          week: { appointments: weekItems, jsonBytes: bytes, ms: latencyStats(week) },
          day: { ms: latencyStats(day) },
        },
        null,
        2,
      ),
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
