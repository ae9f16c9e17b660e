/**
 * The first index in [0, n) at which `reached` holds, for a test that is false up to some index
 * and true from there on (sorted arrays: "starts at or after t", "ends after t"); n when never.
 */
export function firstReached(n: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
