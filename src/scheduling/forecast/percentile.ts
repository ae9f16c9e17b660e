import type { Band } from './types';

/** Linear-interpolated percentile (q in 0..1) of an unsorted sample; 0 for an empty one. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function band(values: number[], digits = 3): Band {
  const round = (x: number) => Number(x.toFixed(digits));
  return { p10: round(percentile(values, 0.1)), p50: round(percentile(values, 0.5)), p90: round(percentile(values, 0.9)) };
}
