import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import type { AppRole } from '../../src/app-role';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/http-app';
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
      if (!options.queuePrefix) await dropQueueKeys(queuePrefix);
    },
  };
}

/** Removes this test's BullMQ keys so repeated runs do not pile up in the shared Redis. */
async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Best effort: a test that stopped Redis on purpose must not fail its teardown here.
  } finally {
    redis.disconnect();
  }
}
