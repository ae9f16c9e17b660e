import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { QueryErrorLogger } from './query-error-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * One definition of how we reach PostgreSQL, shared by the app, the migration CLI and the tests.
 * Entities and migrations are found by file name so a new module needs no registration here.
 * synchronize stays false everywhere: the schema only ever changes through migrations.
 */
export function typeOrmOptions(databaseUrl: string): DataSourceOptions {
  const ext = __filename.endsWith('.ts') ? 'ts' : 'js';
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', `*.entity.${ext}`)],
    migrations: [join(__dirname, 'migrations', `*.${ext}`)],
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    logger: new QueryErrorLogger(),
    extra: { max: 10, application_name: 'beamtime' },
  };
}
