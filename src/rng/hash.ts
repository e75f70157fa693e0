/**
 * rng: the counter-based generator behind every value.
 * (columnKey, row, draw) → 32 uniform bits, or a 53-bit uniform double in [0, 1).
 * Invariant: no state crosses rows, so any row can be computed alone, in any order, on any thread.
 */

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/** A column's key: two 32-bit words derived from (seed, table, column). */
export interface ColumnKey {
  readonly k0: number;
  readonly k1: number;
}

/** lowbias32 (Wellons): a full-avalanche 32-bit finalizer built from Math.imul. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/** 32 uniform bits for (key, row, draw). Rows are exact up to 2^53. */
export function hash32(k0: number, k1: number, row: number, draw: number): number {
  const lo = row >>> 0;
  const hi = (row / TWO_32) >>> 0;
  let h = mix32(k0 ^ Math.imul(lo, 0x9e3779b1));
  h = mix32(h ^ k1 ^ Math.imul(hi, 0x85ebca77) ^ Math.imul(draw + 1, 0xc2b2ae3d));
  return h;
}

/** A uniform double in [0, 1) with 53 random bits: two independent 32-bit draws. */
export function uniform53(k0: number, k1: number, row: number, draw: number): number {
  const a = hash32(k0, k1, row, draw * 2) >>> 5;
  const b = hash32(k0, k1, row, draw * 2 + 1) >>> 6;
  return (a * 67108864 + b) / TWO_53;
}

/** A uniform double in (0, 1): never 0, so log() and inverse CDFs stay finite. */
export function uniformOpen(k0: number, k1: number, row: number, draw: number): number {
  return (uniform53(k0, k1, row, draw) * TWO_53 + 0.5) / TWO_53;
}

/** A uniform integer in [0, n) for n ≤ 2^32, by multiply-shift (bias below 2^-32 · n). */
export function below(k0: number, k1: number, row: number, draw: number, n: number): number {
  return Math.floor((hash32(k0, k1, row, draw) / TWO_32) * n);
}
