export interface RetryPolicy {
  baseMs: number;
  maxDelayMs: number;
  /** Give up once this long has passed since the first attempt. */
  retryForMs: number;
}

/**
 * When a failed attempt is tried again: base × 2^(attempt−1), capped, or null once the next try would
 * fall after the retry window (then the notice is FAILED). `attempt` is the one that just failed (1-based).
 */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, firstAttemptAt: Date, now: Date): Date | null {
  const delay = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(attempt - 1, 40));
  const next = new Date(now.getTime() + delay);
  return next.getTime() - firstAttemptAt.getTime() > policy.retryForMs ? null : next;
}
