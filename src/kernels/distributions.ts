/**
 * kernels: continuous and discrete distributions as pure functions of counter-based uniforms.
 * (params, key, row) → a sample. Every sampler uses a bounded number of draws per row, so values
 * stay a function of (key, row) alone.
 */
import { uniform53, uniformOpen } from "../rng/hash.js";
import { CELLS_PER_UNIT, CENTRAL_HALF_WIDTH, CENTRAL_TABLE, TAIL_MIN, tailQuantile } from "./normal-table.js";

/** |z| cap: the quantile of the smallest open uniform (2^-53) is about 8.21. */
const MAX_Z = 8.3;

/** SIGN[+(q < 0)]: the sign of q without a branch. */
const SIGN = new Float64Array([1, -1]);

/**
 * The inverse normal CDF; p outside (0, 1) saturates at ±8.3. Both regions are cubic Hermite
 * tables of the exact quantile: the central one (95% of draws, relative error < 1e-10), then the
 * tails by binary exponent (< 2e-10).
 */
export function inverseNormal(p: number): number {
  const q = p - 0.5;
  const a = Math.abs(q);
  // The central region first, with one well-predicted branch.
  if (a <= CENTRAL_HALF_WIDTH) {
    const x = a * CELLS_PER_UNIT;
    const j = x | 0;
    const t = x - j;
    const o = 4 * j;
    const c = CENTRAL_TABLE;
    const z = c[o]! + t * (c[o + 1]! + t * (c[o + 2]! + t * c[o + 3]!));
    // A multiply, not `q < 0 ? -z : z`: the sign is a coin flip, and a mispredicted branch costs
    // more than the whole lookup.
    return z * SIGN[+(q < 0)]!;
  }
  if (!(p > 0)) return -MAX_Z;
  if (p >= 1) return MAX_Z;
  // p′ = 1 − p is exact above ½. Below the smallest open uniform (no draw gets there) it saturates.
  const lower = q < 0;
  const pp = lower ? p : 1 - p;
  if (pp < TAIL_MIN) return lower ? -MAX_Z : MAX_Z;
  const z = tailQuantile(pp);
  return lower ? z : -z;
}

const LOG_FACT_TABLE = (() => {
  const t = new Float64Array(16);
  for (let k = 2; k < 16; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();

/** ln(k!) for integer k ≥ 0: a table below 16, Stirling's series above (error < 1e-13). */
export function logFactorial(k: number): number {
  if (k < 16) return LOG_FACT_TABLE[k]!;
  const x = k + 1;
  const ix2 = 1 / (x * x);
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + (1 / 12 - ix2 * (1 / 360 - ix2 / 1260)) / x;
}

/** Resolved constants for Poisson(λ): inversion below λ = 10, PTRS (Hörmann 1993) above. */
export interface PoissonPlan {
  readonly lambda: number;
  readonly expNeg: number;
  readonly logLambda: number;
  readonly a: number;
  readonly b: number;
  readonly logInvAlpha: number;
  readonly vr: number;
}

/** Precomputes the per-λ constants once per batch, outside the row loop. */
export function createPoisson(lambda: number): PoissonPlan {
  const b = 0.931 + 2.53 * Math.sqrt(lambda);
  return {
    lambda,
    expNeg: Math.exp(-lambda),
    logLambda: Math.log(lambda),
    a: -0.059 + 0.02483 * b,
    b,
    logInvAlpha: Math.log(1.1239 + 1.1328 / (b - 3.4)),
    vr: 0.9277 - 3.6224 / (b - 2),
  };
}

/** PTRS rejects rarely (acceptance > 0.89 for λ ≥ 10), so 32 rounds fail with p < 1e-30. */
const PTRS_ROUNDS = 32;

/** One Poisson(λ) sample for (key, row): exact for every λ > 0. */
export function samplePoisson(p: PoissonPlan, k0: number, k1: number, row: number): number {
  if (p.lambda < 10) {
    // Inversion by sequential search: expected λ + 1 steps; stops when the pmf no longer moves the CDF.
    const u = uniform53(k0, k1, row, 0);
    let k = 0;
    let pmf = p.expNeg;
    let cdf = pmf;
    while (u >= cdf) {
      k++;
      pmf *= p.lambda / k;
      if (cdf + pmf === cdf) break;
      cdf += pmf;
    }
    return k;
  }
  // Transformed rejection with squeeze: two uniforms per round.
  const { a, b, lambda } = p;
  let k = 0;
  for (let round = 0; round < PTRS_ROUNDS; round++) {
    const u = uniformOpen(k0, k1, row, 2 * round) - 0.5;
    const v = uniformOpen(k0, k1, row, 2 * round + 1);
    const us = 0.5 - Math.abs(u);
    k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= p.vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + p.logInvAlpha - Math.log(a / (us * us) + b);
    if (lhs <= -lambda + k * p.logLambda - logFactorial(k)) return k;
  }
  return Math.max(0, k);
}
