import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHttpApp, exitOnStartupError, listen } from '../bootstrap';
import { AppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/env.validation';
import { ensureDatabase, runMigrations } from '../database/database-admin';
import { demoBanner } from '../demo/demo-banner';
import { DemoSeedService } from '../demo/demo-seed.service';

const PROGRESS_EVERY_MS = 5000;

/**
 * `npm run demo`: database (created if missing) -> migrations -> API + workers -> demo seed
 * (idempotent) -> listen. The seed runs before the port opens, so whoever can reach the API
 * also finds the demo data; the workers are already allocating while it runs.
 */
async function main(): Promise<void> {
  process.env.NODE_ENV ??= 'demo';
  // The app's JSON logs at info would bury the seed's progress and the banner; LOG_LEVEL=info brings them back.
  process.env.LOG_LEVEL ??= 'warn';
  const env = validateEnvironment(process.env);
  if (await ensureDatabase(env.DATABASE_URL)) console.log(`created database ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
  const ran = await runMigrations(env.DATABASE_URL);
  console.log(ran.length ? `applied ${ran.length} migration(s)` : 'schema is up to date');

  const app = await createHttpApp('all');
  const password = app.get(AppConfig).get('DEMO_PASSWORD');
  await DemoSeedService.fromApp(app).run({ password, log: (line) => console.log(`seed: ${line}`) });
  const port = await listen(app, 'all');
  console.log(demoBanner(port, password));
  void reportAllocation(app);
}

/** Logs how many submitted courses still wait for the workers, until none do. */
async function reportAllocation(app: INestApplication): Promise<void> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  for (;;) {
    const [row]: Array<{ queued: number; scheduled: number; unschedulable: number }> = await dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'QUEUED')::int AS queued,
              count(*) FILTER (WHERE status IN ('SCHEDULED', 'IN_TREATMENT'))::int AS scheduled,
              count(*) FILTER (WHERE status = 'UNSCHEDULABLE')::int AS unschedulable
         FROM courses`,
    );
    if (!row) return;
    console.log(`allocation: ${row.scheduled} scheduled, ${row.unschedulable} unschedulable, ${row.queued} waiting for a worker`);
    if (row.queued === 0) return;
    await new Promise((resolve) => setTimeout(resolve, PROGRESS_EVERY_MS));
  }
}

main().catch(exitOnStartupError);
