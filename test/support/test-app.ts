import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AppRole } from '../../src/app-role';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/http-app';
import { dropQueueKeys } from '../../src/queue/drop-queue-keys';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueQueuePrefix } from './test-env';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  queuePrefix: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  role?: AppRole;
  env?: Record<string, string>;
  /** Reuse a database (e.g. a second process role against the same data). */
  db?: TestDatabase;
  queuePrefix?: string;
}

/**
 * Boots the real application (real PostgreSQL, real Redis) on a private database and queue prefix.
 * Settings go through process.env because that is the one door the app reads configuration from.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const queuePrefix = options.queuePrefix ?? uniqueQueuePrefix();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-which-is-long-enough',
    RECONCILER_ENABLED: 'false',
    EARLY_STARTS_ENABLED: 'false',
    COMPACTION_ENABLED: 'false',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRole(options.role ?? 'all')] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    db,
    queuePrefix,
    close: async () => {
      await app.close();
      if (!options.db) await db.drop();
      if (!options.queuePrefix) await dropQueueKeys(TEST_REDIS_URL, queuePrefix); // no pile-up in the shared Redis
    },
  };
}
