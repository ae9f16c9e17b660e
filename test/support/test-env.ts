import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '../../src/database/database-admin';

/** Tests never touch the `beamtime` database: they clone a template into one database per file. */
export const TEST_PG_BASE = process.env.TEST_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function templateDatabaseName(): string {
  const name = process.env.BEAMTIME_TEST_TEMPLATE;
  if (!name) throw new Error('BEAMTIME_TEST_TEMPLATE is not set: run the tests through jest (globalSetup)');
  return name;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database of this test file's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `beamtime_test_${randomBytes(5).toString('hex')}`;
  const url = `${TEST_PG_BASE}/${name}`;
  await ensureDatabase(url, templateDatabaseName());
  return { url, name, drop: () => dropDatabase(url) };
}

/** A BullMQ key prefix of this test file's own, so parallel files never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `bt-test-${randomBytes(5).toString('hex')}`;
}
