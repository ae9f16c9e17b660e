import type { EntityManager } from 'typeorm';
import { requestContext, SYSTEM_ACTOR } from '../common/request-context';
import type { LedgerKind } from './quota-ledger-entry.entity';

export interface LedgerChange {
  quotaId: string;
  kind: LedgerKind;
  deltaGranted?: number;
  deltaReserved?: number;
  deltaUsed?: number;
  reservationId?: string | null;
  referralId?: string | null;
}

/**
 * The only way quota counters change: the insert's trigger applies the deltas to the quota row,
 * whose CHECK fails the statement (and the caller's transaction) if the quota would be overdrawn.
 * Callers lock the quota row first so concurrent changes queue instead of racing.
 */
export async function appendLedger(m: EntityManager, change: LedgerChange): Promise<void> {
  const actor = requestContext.actor() ?? SYSTEM_ACTOR;
  await m.query(
    `INSERT INTO quota_ledger (quota_id, kind, delta_granted, delta_reserved, delta_used, reservation_id, referral_id,
                               actor_user_id, actor_username, actor_role, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      change.quotaId,
      change.kind,
      change.deltaGranted ?? 0,
      change.deltaReserved ?? 0,
      change.deltaUsed ?? 0,
      change.reservationId ?? null,
      change.referralId ?? null,
      actor.userId,
      actor.username,
      actor.role,
      requestContext.requestId() ?? null,
    ],
  );
}
