import type { EntityManager } from 'typeorm';
import { countryScope } from '../common/country-scope';
import { notFound } from '../common/problem';
import { Quota } from './quota.entity';

/**
 * Locks one quota row FOR UPDATE (main alias only, no joins) within the caller's country scope:
 * another country's quota is "not found" to a ministry. Every counter change starts here, so
 * changes to one quota run one after another.
 */
export async function lockQuota(m: EntityManager, id: string): Promise<Quota> {
  const scope = countryScope();
  const quota = await m.getRepository(Quota).findOne({
    where: scope ? { id, countryCode: scope } : { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!quota) throw notFound('Quota', id);
  return quota;
}

/** Serializes grant changes of one year, so two admins cannot both fit under the year's cap. */
export async function lockGrantYear(m: EntityManager, year: number): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('quota-grant-year'), $1)`, [year]);
}
