import type { EntityManager } from 'typeorm';

/**
 * Whether every named table exists. Migrations come in ranges, and code that reads a table from a
 * later range (appointments, quotas) must also run on a database migrated only up to its own.
 */
export async function tablesExist(m: EntityManager, ...tables: string[]): Promise<boolean> {
  const [{ present }] = (await m.query(`SELECT bool_and(to_regclass('public.' || t) IS NOT NULL) AS present FROM unnest($1::text[]) AS t`, [tables])) as Array<{
    present: boolean;
  }>;
  return present;
}
