import type { EntityManager } from 'typeorm';

/** Arbitrary but fixed advisory-lock key for "the set of BOOKED appointments". */
export const BOOKINGS_LOCK_KEY = 7_364_300_001;

/**
 * Every transaction that writes appointments takes this transaction-level lock first, so
 * (1) writers that check rules the database cannot express (anesthesia team count, no
 * interruption) see each other's commits, and (2) appointment versions commit in order,
 * which keeps the allocators' incremental booking cache exact. Released at commit/rollback.
 */
export async function lockBookings(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOKINGS_LOCK_KEY]);
}
