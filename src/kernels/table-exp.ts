/**
 * kernels: e^x for lognormal columns, by a 64-entry table of 2^(j/64) and a degree-5 polynomial,
 * with no division and no branch: e^x = 2^(k/64) · e^r, k = round(64x / ln 2), |r| ≤ ln 2 / 128.
 * Written so WASM SIMD (src/wasm/assembly/table-exp.ts) can do the same operations in the same
 * order, two lanes at a time: fdlibm's exp, which Math.exp is, needs a division and branches, and its
 * long dependency chain made it half of a lognormal column's cost. Error ≤ 2 ulp (Math.exp: < 1).
 */

/** Table entries: 2^(j/64) for j = 0..63. */
export const EXP_TABLE_SIZE = 64;

/** 1.5 · 2^52: adding it rounds a double below 2^51 to an integer (ties to even), in its low bits. */
export const ROUND_SHIFT = 6755399441055744;
/** 64 / ln 2. */
export const INV_LN2_64 = 92.33248261689366;
/**
 * ln 2 / 64 split in two: the high part has 36 significant bits, so k · LN2_64_HI is exact for every
 * |k| < 2^17 the clamp allows.
 */
export const LN2_64_HI = 0.010830424696223417;
export const LN2_64_LO = 2.572804622327669e-14;
/** Taylor coefficients 1/2, 1/6, 1/24, 1/120 (the next term is below 4e-17 relative for |r| ≤ ln 2 / 128). */
export const C2 = 0.5;
export const C3 = 1 / 6;
export const C4 = 1 / 24;
export const C5 = 1 / 120;
/** Inputs are clamped here first: e^-746 rounds to 0 and e^710 overflows, as they should. */
export const MIN_X = -746;
export const MAX_X = 710;

/** 2^(j/64), j = 0..63. */
export const EXP_TABLE = Float64Array.from({ length: EXP_TABLE_SIZE }, (_, j) => 2 ** (j / EXP_TABLE_SIZE));

/** 2^e for e in [-POW2_BIAS, POW2_BIAS]: the two halves of the final scaling, both exact. */
const POW2_BIAS = 540;
const POW2 = Float64Array.from({ length: 2 * POW2_BIAS + 1 }, (_, i) => 2 ** (i - POW2_BIAS));

/**
 * e^x. The scale 2^(k >> 6) is applied as two halves, so the product stays finite and exact until
 * the last multiply, which rounds once into the subnormals or overflows to Infinity.
 */
export function tableExp(x: number): number {
  const c = x < MIN_X ? MIN_X : Math.min(x, MAX_X);
  const k = c * INV_LN2_64 + ROUND_SHIFT - ROUND_SHIFT;
  const r = c - k * LN2_64_HI - k * LN2_64_LO;
  const r2 = r * r;
  const p = r + r2 * (C2 + r * C3 + r2 * (C4 + r * C5));
  const ki = k | 0;
  const t = EXP_TABLE[ki & (EXP_TABLE_SIZE - 1)]!;
  const e = ki >> 6;
  const e1 = e >> 1;
  return (t + t * p) * POW2[e1 + POW2_BIAS]! * POW2[e - e1 + POW2_BIAS]!;
}
