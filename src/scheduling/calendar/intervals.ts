/** Half-open integer intervals [start, end) kept as sorted, disjoint arrays of pairs. */
export type Interval = [number, number];

export function subtract(intervals: Interval[], cut: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of intervals) {
    if (cut[1] <= s || cut[0] >= e) {
      out.push([s, e]);
      continue;
    }
    if (cut[0] > s) out.push([s, cut[0]]);
    if (cut[1] < e) out.push([cut[1], e]);
  }
  return out;
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      const s = Math.max(s1, s2);
      const e = Math.min(e1, e2);
      if (s < e) out.push([s, e]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** The union of intervals in any order, as a sorted disjoint array (touching intervals join). */
export function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

export function total(intervals: Interval[]): number {
  let t = 0;
  for (const [s, e] of intervals) t += e - s;
  return t;
}

export function contains(intervals: Interval[], s: number, e: number): boolean {
  for (const iv of intervals) if (iv[0] <= s && e <= iv[1]) return true;
  return false;
}

/** The free gaps of one open interval around sorted busy spans (bookings), in order. */
export function freeGaps(open: Interval, busy: ReadonlyArray<{ s: number; e: number }>): Interval[] {
  const [os, oe] = open;
  let cursor = os;
  const gaps: Interval[] = [];
  for (const b of busy) {
    if (b.e <= os || b.s >= oe) continue;
    if (b.s > cursor) gaps.push([cursor, b.s]);
    cursor = Math.max(cursor, b.e);
  }
  if (oe > cursor) gaps.push([cursor, oe]);
  return gaps;
}

/**
 * Searching forward from `s`: `s` itself when some interval holds [s, s + length), else the start
 * of the first later interval long enough to, else null.
 */
export function nextStartInside(intervals: Interval[], s: number, length: number): number | null {
  for (const iv of intervals) {
    if (iv[1] < s + length) continue;
    return iv[0] > s ? iv[0] : s;
  }
  return null;
}

/**
 * Searching backward from `s`: `s` itself when some interval holds [s, s + length), else the
 * latest start that ends inside the last interval beginning at or before `s`, else null.
 */
export function previousStartInside(intervals: Interval[], s: number, length: number): number | null {
  for (let i = intervals.length - 1; i >= 0; i--) {
    const iv = intervals[i];
    if (iv[0] > s) continue;
    return iv[1] < s + length ? iv[1] - length : s;
  }
  return null;
}
