/**
 * Test helpers: the statistics behind the distribution tests.
 * Every statistical test runs on a fixed seed, so it is deterministic; its bound is chosen so a
 * correct sampler passes with overwhelming probability (p = 0.001 or 4–5σ) while a biased one fails.
 */

/** Upper-tail standard normal quantile for p = 0.001. */
export const Z_001 = 3.090232306167813;

/** Pearson's χ² statistic of observed counts against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    const d = observed[i]! - e;
    x += (d * d) / e;
  }
  return x;
}

/**
 * The χ² critical value at upper-tail p = 0.001 for `dof` degrees of freedom, by Wilson–Hilferty:
 * χ²_k ≈ k(1 − 2/(9k) + z·√(2/(9k)))³. Slightly high (conservative) against the exact table:
 * k = 1: 11.16 vs 10.83, k = 3: 16.55 vs 16.27, k = 6: 22.68 vs 22.46, k = 23: 49.85 vs 49.73,
 * k = 255: 330.55 vs 330.52 — under 3% everywhere, under 0.3% for k ≥ 20.
 */
export function chiSquareCritical(dof: number, z = Z_001): number {
  const a = 2 / (9 * dof);
  return dof * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** χ² of counts against probabilities (scaled to the total count). */
export function chiSquareVsProbabilities(counts: ArrayLike<number>, probs: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  return chiSquare(
    counts,
    Array.from(probs, (p) => p * total),
  );
}

/** Sample mean and (unbiased) variance. */
export function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { mean, variance: ss / (n - 1) };
}

/** Counts of integer values 0..k-1 (others are ignored). */
export function histogram(
  xs: ArrayLike<number>,
  k: number,
  bucket: (x: number) => number = (x) => x,
): Float64Array {
  const h = new Float64Array(k);
  for (let i = 0; i < xs.length; i++) {
    const b = bucket(xs[i]!);
    if (b >= 0 && b < k) h[b]!++;
  }
  return h;
}

/** Weights → probabilities. */
export function normalize(w: readonly number[]): number[] {
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}
