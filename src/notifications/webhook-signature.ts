import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a ministry's receiver checks (docs/notifications.md). */
export const SIGNATURE_HEADER = 'Beamtime-Signature';
export const TIMESTAMP_HEADER = 'Beamtime-Timestamp';
export const DELIVERY_HEADER = 'Beamtime-Delivery';

/**
 * `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the receiver's secret. Signing the timestamp with
 * the body lets a receiver refuse a replayed request (too old) without trusting an unsigned header.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (also the tests' receiver): constant-time compare, and refuse stale timestamps. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
