import { dropDatabase } from '../../src/database/database-admin';
import { TEST_PG_BASE, templateDatabaseName } from './test-env';

export default async function globalTeardown(): Promise<void> {
  await dropDatabase(`${TEST_PG_BASE}/${templateDatabaseName()}`);
}
