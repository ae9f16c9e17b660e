/**
 * A migrated scratch database for one bench run, dropped afterwards whatever happens: the benches
 * that time the service against PostgreSQL never touch a database anybody uses.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, runMigrations } from '../src/database/database-admin';
import { typeOrmOptions } from '../src/database/typeorm-options';

export async function withScratchDatabase<T>(name: string, run: (ds: DataSource, url: string) => Promise<T>): Promise<T> {
  const base = process.env.BENCH_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  const url = `${base}/beamtime_bench_${name}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  const ds = new DataSource(typeOrmOptions(url));
  try {
    await runMigrations(url);
    await ds.initialize();
    return await run(ds, url);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(url);
  }
}
