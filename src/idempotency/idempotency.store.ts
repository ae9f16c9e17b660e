import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A PENDING row this old belongs to a request that died (process crash) and may be taken over. */
export const STALE_PENDING_MINUTES = 5;
const PURGE_EVERY_MS = 60_000;

export interface StoredResponse {
  state: 'PENDING' | 'DONE';
  requestHash: string;
  status: number | null;
  body: unknown;
  location: string | null;
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: StoredResponse };

/** PostgreSQL-backed record of Idempotency-Key usage, scoped per user. */
@Injectable()
export class IdempotencyStore {
  private lastPurge = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a PENDING row for (user, key) unless one exists; an expired row or a stale PENDING
   * one is replaced in the same statement. Exactly one of concurrent callers gets `claimed`.
   */
  async claim(userId: string, key: string, hash: string): Promise<ClaimResult> {
    await this.purgeExpiredOccasionally();
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'PENDING', now() + make_interval(hours => $4))
       ON CONFLICT (user_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'PENDING', response_status = NULL,
             response_body = NULL, location = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.state = 'PENDING' AND idempotency_keys.created_at < now() - make_interval(mins => $5))
       RETURNING 1`,
      [userId, key, hash, IDEMPOTENCY_TTL_HOURS, STALE_PENDING_MINUTES],
    );
    if (inserted.length > 0) return { claimed: true };
    const rows: Array<{ state: 'PENDING' | 'DONE'; request_hash: string; response_status: number | null; response_body: unknown; location: string | null }> =
      await this.dataSource.query(
        'SELECT state, request_hash, response_status, response_body, location FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [userId, key],
      );
    // Vanishes only if the holder failed and released it between our two statements: try once more.
    if (rows.length === 0) return this.claim(userId, key, hash);
    const row = rows[0];
    return {
      claimed: false,
      existing: { state: row.state, requestHash: row.request_hash, status: row.response_status, body: row.response_body, location: row.location },
    };
  }

  async complete(userId: string, key: string, status: number, body: unknown, location: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'DONE', response_status = $3, response_body = $4::jsonb, location = $5
       WHERE user_id = $1 AND key = $2`,
      [userId, key, status, body === undefined ? null : JSON.stringify(body), location],
    );
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'PENDING'`, [userId, key]);
  }

  /** Expired keys are deleted at most once a minute per process, piggy-backing on writes. */
  async purgeExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query('DELETE FROM idempotency_keys WHERE expires_at < now()');
    return count;
  }

  private async purgeExpiredOccasionally(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.purgeExpired();
  }
}
