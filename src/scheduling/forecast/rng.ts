/**
 * Seeded randomness for the forecast. Math.random cannot be seeded, and the forecast must give the
 * same numbers for the same seed, so every draw comes from a mulberry32 stream.
 */
export type Rng = () => number;

/** mulberry32: 32-bit state, period 2^32, good enough statistically for Monte Carlo demand draws. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Independent stream per run, derived by hashing (seed, run) — so run k's draws do not depend on
 * how many runs there are or on which worker thread computes it.
 */
export function runRng(seed: number, run: number): Rng {
  let h = (seed ^ Math.imul(run + 1, 0x9e3779b9)) >>> 0;
  // splitmix-style finaliser so neighbouring (seed, run) pairs give unrelated states.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return mulberry32(h);
}

/** Poisson draw; Knuth's product method for small means, a rounded normal for large ones. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 60) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** Index drawn with probability proportional to its weight. */
export function weightedIndex(rng: Rng, weights: number[]): number {
  let total = 0;
  for (const w of weights) total += Math.max(0, w);
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= Math.max(0, weights[i]);
    if (r < 0) return i;
  }
  return weights.length - 1;
}
