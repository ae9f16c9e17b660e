import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * A read on a hot path as a named prepared statement: PostgreSQL plans it on each pooled connection
 * a few times and then reuses a generic plan. The course summaries and the board took longer to plan
 * (3–13 ms under load) than to run. Inside a transaction (the manager has a query runner) it runs as
 * a plain query on that transaction's connection. `name` must be unique per statement text.
 */
export async function preparedQuery<T>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  if (m.queryRunner) return (await m.query(text, values)) as T[];
  const pool = (m.connection.driver as unknown as { master: Pool }).master;
  return (await pool.query({ name, text, values })).rows as T[];
}
