/**
 * kernels: Zipf ranks 1..n with P(k) ∝ k^-s, exact on both paths.
 * (n, s, key, row) → a rank. n ≤ ZIPF_ALIAS_MAX_N: an alias table built lazily in the worker and
 * memoized by (n, s) — posting a 1M-entry table with every task would cost more than building it.
 * Larger n: Hörmann–Derflinger rejection-inversion, O(1) memory, a bounded number of draws.
 */
import { uniform53 } from "../rng/hash.js";
import { type AliasTable, aliasMemo, pickAlias } from "./alias-table.js";

/** Largest n served by an alias table (12 MiB of typed arrays at the limit). */
export const ZIPF_ALIAS_MAX_N = 1 << 20;

/** A prepared sampler: an alias table, or the rejection-inversion constants. */
export type ZipfPlan =
  | { readonly kind: "alias"; readonly table: AliasTable }
  | {
      readonly kind: "rejection";
      readonly n: number;
      readonly s: number;
      readonly hX1: number;
      readonly hN: number;
      readonly squeeze: number;
    };

const zipfTables = aliasMemo<string>(4);

function zipfAlias(n: number, s: number): AliasTable {
  return zipfTables(`${n}:${s}`, () => {
    const w = new Float64Array(n);
    for (let k = 0; k < n; k++) w[k] = (k + 1) ** -s;
    return w;
  });
}

/** log1p(x)/x, accurate near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, accurate near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

/** H(x) = ∫₁ˣ t^-s dt = (x^(1-s) − 1)/(1 − s), continuous through s = 1 (log x). */
function bigH(x: number, s: number): number {
  const lx = Math.log(x);
  return helper2((1 - s) * lx) * lx;
}

/** H⁻¹(y). */
function bigHInv(y: number, s: number): number {
  const t = Math.max(-1, y * (1 - s));
  return Math.exp(helper1(t) * y);
}

/** Prepares the sampler for (n, s): n ≥ 1, s > 0 (validated earlier). */
export function createZipf(n: number, s: number): ZipfPlan {
  const size = Math.max(1, Math.floor(n));
  return size <= ZIPF_ALIAS_MAX_N
    ? { kind: "alias", table: zipfAlias(size, s) }
    : createZipfRejection(size, s);
}

/** The rejection-inversion constants for any n ≥ 1 (exported so tests can check it on a small n). */
export function createZipfRejection(n: number, s: number): ZipfPlan {
  return {
    kind: "rejection",
    n,
    s,
    hX1: bigH(1.5, s) - 1,
    hN: bigH(n + 0.5, s),
    squeeze: 2 - bigHInv(bigH(2.5, s) - 2 ** -s, s),
  };
}

/** Acceptance is ≥ ~0.8 for every s > 0, so 64 rounds fail with p < 1e-40. */
const ROUNDS = 64;

/** One rank for (key, row). */
export function sampleZipf(p: ZipfPlan, k0: number, k1: number, row: number): number {
  if (p.kind === "alias") return pickAlias(p.table, uniform53(k0, k1, row, 0)) + 1;
  const { n, s, hX1, hN } = p;
  let k = 1;
  for (let round = 0; round < ROUNDS; round++) {
    // u uniform on (hX1, hN]: the hat's integral, inverted to x, rounded to the nearest rank.
    const u = hN + uniform53(k0, k1, row, round) * (hX1 - hN);
    const x = bigHInv(u, s);
    k = Math.floor(x + 0.5);
    if (k < 1) k = 1;
    else if (k > n) k = n;
    // Accept when u lands in the part of cell k whose area is exactly k^-s.
    if (k - x <= p.squeeze || u >= bigH(k + 0.5, s) - k ** -s) return k;
  }
  return k;
}
