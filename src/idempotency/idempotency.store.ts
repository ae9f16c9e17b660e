import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A PENDING row this old belongs to a request that died (process crash) and may be taken over. */
export const STALE_PENDING_MINUTES = 5;
const PURGE_EVERY_MS = 60_000;

/** A response exactly as it went out: the bytes of the body (as text) and their Content-Type. */
export interface ResponseText {
  text: string;
  contentType: string;
}

export interface StoredResponse {
  state: 'PENDING' | 'DONE';
  requestHash: string;
  status: number | null;
  /** The body to replay; null when the response had none. */
  body: ResponseText | null;
  location: string | null;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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
             response_body = NULL, response_text = NULL, response_content_type = NULL, location = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.state = 'PENDING' AND idempotency_keys.created_at < now() - make_interval(mins => $5))
       RETURNING 1`,
      [userId, key, hash, IDEMPOTENCY_TTL_HOURS, STALE_PENDING_MINUTES],
    );
    if (inserted.length > 0) return { claimed: true };
    const rows: Array<{
      state: 'PENDING' | 'DONE';
      request_hash: string;
      response_status: number | null;
      response_body: unknown;
      response_text: string | null;
      response_content_type: string | null;
      location: string | null;
    }> = await this.dataSource.query(
      `SELECT state, request_hash, response_status, response_body, response_text, response_content_type, location
       FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    // Vanishes only if the holder failed and released it between our two statements: try once more.
    if (rows.length === 0) return this.claim(userId, key, hash);
    const row = rows[0];
    return {
      claimed: false,
      existing: { state: row.state, requestHash: row.request_hash, status: row.response_status, body: storedBody(row), location: row.location },
    };
  }

  async complete(userId: string, key: string, status: number, body: ResponseText | null, location: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'DONE', response_status = $3, response_text = $4, response_content_type = $5, location = $6
       WHERE user_id = $1 AND key = $2`,
      [userId, key, status, body?.text ?? null, body?.contentType ?? null, location],
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

/**
 * The stored text when there is one; a row written before response_text existed has only the jsonb
 * value (keys already reordered by PostgreSQL), replayed as compact JSON.
 */
function storedBody(row: { response_body: unknown; response_text: string | null; response_content_type: string | null }): ResponseText | null {
  if (row.response_text !== null) return { text: row.response_text, contentType: row.response_content_type ?? JSON_CONTENT_TYPE };
  if (row.response_body === null || row.response_body === undefined) return null;
  return { text: JSON.stringify(row.response_body), contentType: JSON_CONTENT_TYPE };
}
