import { dropDatabase, ensureDatabase, runMigrations } from '../../src/database/database-admin';
import { TEST_PG_BASE, templateDatabaseName } from './test-env';

/**
 * Builds one migrated template database per jest run; every test file clones it (CREATE DATABASE
 * ... TEMPLATE) so files run in parallel on databases of their own without re-running migrations.
 */
export default async function globalSetup(): Promise<void> {
  const template = `beamtime_tpl_${process.pid}`;
  process.env.BEAMTIME_TEST_TEMPLATE = template;
  const url = `${TEST_PG_BASE}/${template}`;
  await dropDatabase(url);
  await ensureDatabase(url);
  await runMigrations(url);
  if (templateDatabaseName() !== template) throw new Error('template name did not propagate');
}
