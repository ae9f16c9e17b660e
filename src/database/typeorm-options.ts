import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { QueryErrorLogger } from './query-error-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface PoolTimeouts {
  /** How long taking a connection may wait (a new one connecting, or a free one from a busy pool). */
  connectTimeoutMs: number;
  /** PostgreSQL cancels any statement running longer (0: no limit, for migrations and the CLIs). */
  statementTimeoutMs: number;
}

/**
 * One definition of how we reach PostgreSQL, shared by the app, the migration CLI and the tests.
 * Entities and migrations are found by file name so a new module needs no registration here.
 * synchronize stays false everywhere: the schema only ever changes through migrations.
 * With `timeouts` (the app's pool), a database that is down or stuck fails a request within
 * seconds instead of leaving it hanging on the pool (issue #24 item 8).
 */
export function typeOrmOptions(databaseUrl: string, timeouts?: PoolTimeouts): DataSourceOptions {
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
    extra: {
      max: 10,
      application_name: 'beamtime',
      ...(timeouts && {
        connectionTimeoutMillis: timeouts.connectTimeoutMs,
        statement_timeout: timeouts.statementTimeoutMs,
        // Dead peers (a host gone without closing its sockets) are noticed by the kernel, not only on the next write.
        keepAlive: true,
      }),
    },
  };
}
