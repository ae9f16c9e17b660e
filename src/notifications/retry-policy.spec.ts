import fc from 'fast-check';
import { nextAttemptAt } from './retry-policy';

const policy = { baseMs: 30_000, maxDelayMs: 3_600_000, retryForMs: 86_400_000 };

describe('nextAttemptAt', () => {
  it('doubles from the base delay and stops growing at the cap', () => {
    const t0 = new Date('2027-01-01T00:00:00Z');
    const delays = [1, 2, 3, 4, 10, 30].map((n) => nextAttemptAt(policy, n, t0, t0)!.getTime() - t0.getTime());
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });

  it('gives up once the next try would be more than 24 h after the first', () => {
    const t0 = new Date('2027-01-01T00:00:00Z');
    expect(nextAttemptAt(policy, 20, t0, new Date(t0.getTime() + 86_000_000))).toBeNull();
    expect(nextAttemptAt(policy, 20, t0, new Date(t0.getTime() + 80_000_000))).not.toBeNull();
  });

  it('never schedules a retry in the past or beyond the window, and delays never shrink', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 90_000_000 }), (attempt, elapsed) => {
        const first = new Date(0);
        const now = new Date(elapsed);
        const next = nextAttemptAt(policy, attempt, first, now);
        const later = nextAttemptAt(policy, attempt + 1, first, now);
        if (next) {
          expect(next.getTime()).toBeGreaterThan(now.getTime());
          expect(next.getTime()).toBeLessThanOrEqual(policy.retryForMs);
          if (later) expect(later.getTime()).toBeGreaterThanOrEqual(next.getTime());
        }
      }),
    );
  });
});
