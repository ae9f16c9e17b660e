import 'reflect-metadata';
import { createAppContext, exitOnStartupError } from '../bootstrap';
import { AppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/env.validation';
import { ensureDatabase, runMigrations } from '../database/database-admin';
import { DemoSeedService } from '../demo/demo-seed.service';

/**
 * `npm run seed:demo`: the demo data without serving. Courses are submitted (QUEUED, jobs in
 * Redis); whichever worker runs next (`npm start`, `npm run start:worker`) allocates them.
 * Boots the API role only, so this process never picks up jobs itself and exits when done.
 */
async function main(): Promise<void> {
  process.env.NODE_ENV ??= 'demo';
  process.env.LOG_LEVEL ??= 'warn';
  const env = validateEnvironment(process.env);
  if (await ensureDatabase(env.DATABASE_URL)) console.log(`created database ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
  await runMigrations(env.DATABASE_URL);
  const context = await createAppContext('api');
  try {
    const report = await DemoSeedService.fromApp(context).run({
      password: context.get(AppConfig).get('DEMO_PASSWORD'),
      log: (line) => console.log(`seed: ${line}`),
    });
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await context.close();
  }
}

main().catch(exitOnStartupError);
