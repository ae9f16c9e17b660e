/**
 * npx ts-node --transpile-only bench/center-config.ts — what CenterConfigService.load costs the
 * allocation worker. On a scratch database with the demo center plus --closures closures and
 * --downtimes downtimes, times load() on a cache hit (version unchanged) and on a miss (a write
 * bumped the version), with and without a 26-week range, and the core's first calendar query on a
 * fresh config object versus the cached one (the core compiles a calendar per config object).
 * Prints JSON. Options: --iterations N (500) --closures C (40) --downtimes D (300).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { CenterConfigService } from '../src/center/center-config.service';
import { openIntervals } from '../src/scheduling';
import { numberArg } from './cli-args';
import { withScratchDatabase } from './scratch-database';

function stats(samples: number[]): { p50: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

async function timed(n: number, before: () => Promise<unknown>, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await before();
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const iterations = numberArg('iterations', 500);
  const closures = numberArg('closures', 40);
  const downtimes = numberArg('downtimes', 300);
  return withScratchDatabase('center', async (ds) => {
    const rooms: Array<{ id: string }> = await ds.query(
      `INSERT INTO rooms (name, kind) VALUES ('G1', 'GANTRY'), ('G2', 'GANTRY'), ('G3', 'GANTRY') RETURNING id`,
    );
    await ds.query(`INSERT INTO closures (date, reason, created_by) SELECT DATE '2026-01-05' + i * 7, 'bench', 'bench' FROM generate_series(0, $1 - 1) i`, [
      closures,
    ]);
    await ds.query(
      `INSERT INTO downtimes (room_id, start_at, end_at, kind, created_by)
       SELECT (ARRAY[$2::uuid, $3::uuid, $4::uuid, NULL])[1 + i % 4], TIMESTAMPTZ '2026-01-05 03:00Z' + i * interval '1 day',
              TIMESTAMPTZ '2026-01-05 05:00Z' + i * interval '1 day', 'PLANNED', 'bench'
       FROM generate_series(0, $1 - 1) i`,
      [downtimes, rooms[0].id, rooms[1].id, rooms[2].id],
    );
    const service = new CenterConfigService(ds);
    const bump = () => ds.query('UPDATE center_settings SET updated_at = now()');
    const none = () => Promise.resolve();
    const range = { from: '2026-03-02', to: '2026-08-31' };

    await service.load();
    const hit = await timed(iterations, none, () => service.load());
    const miss = await timed(iterations, bump, () => service.load());
    const missRange = await timed(iterations, bump, () => service.load(undefined, range));

    // The core keys its compiled calendar by config object: a cache hit skips that compile too.
    const days = Array.from({ length: 26 * 7 }, (_, i) => new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10));
    const sweep = (center: Awaited<ReturnType<CenterConfigService['load']>>) => {
      for (const d of days) for (const r of rooms) openIntervals(center, r.id, d);
    };
    const fresh: number[] = [];
    const cached: number[] = [];
    const shared = await service.load();
    sweep(shared);
    for (let i = 0; i < Math.min(iterations, 100); i++) {
      await bump();
      const c = await service.load();
      let t0 = performance.now();
      sweep(c);
      fresh.push(performance.now() - t0);
      t0 = performance.now();
      sweep(shared);
      cached.push(performance.now() - t0);
    }

    console.log(
      JSON.stringify(
        {
          bench: 'center-config',
          setup: { rooms: 3, closures, downtimes, iterations },
          loadMs: { cacheHit: stats(hit), cacheMiss: stats(miss), cacheMissRange26Weeks: stats(missRange) },
          openIntervals26WeeksX3RoomsMs: { freshConfigObject: stats(fresh), cachedConfigObject: stats(cached) },
        },
        null,
        2,
      ),
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
