/** p50, p95 and max of timing samples (ms), rounded to `decimals`: how the service benches report latency. */
export function latencyStats(samples: number[], decimals = 1): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const round = (v: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]) };
}
