/**
 * kernels/number: the row loops that draw raw samples, one small function per distribution.
 * (params, key, rows) → out[i] for each requested row. Each loop is short on purpose: V8 inlines the
 * hash into it only when the caller is small, and an inlined hash is most of the speed. Each loop
 * reads rows.start/rows.index once and picks the row inline (kernel.ts rowAt's rule), so the row
 * lookup costs no property load per value.
 */
import { hash32, uniform53, uniformOpen } from "../rng/hash.js";
import { type AliasTable, aliasMemo, pickAlias } from "./alias-table.js";
import { createPoisson, inverseNormal, samplePoisson } from "./distributions.js";
import type { Rows } from "./kernel.js";
import { tableExp } from "./table-exp.js";
import { exponentialSlow, ZIGGURAT_INNER, ZIGGURAT_STEP } from "./ziggurat.js";

const TWO_NEG_32 = 1 / 4294967296;

/** Spans up to 2^20 take one 32-bit draw (multiply-shift bias < 2^-12 of a value's share). */
export const SHORT_SPAN = 1 << 20;

/** Integers base .. base + span - 1, each equally likely (span ≥ 1). */
export function uniformInts(
  out: Float64Array,
  base: number,
  span: number,
  k0: number,
  k1: number,
  rows: Rows,
): void {
  const { start, index } = rows;
  const short = span <= SHORT_SPAN;
  for (let i = 0; i < out.length; i++) {
    const row = index === undefined ? start + i : index[i]!;
    const u = short ? hash32(k0, k1, row, 0) * TWO_NEG_32 : uniform53(k0, k1, row, 0);
    out[i] = base + Math.floor(u * span);
  }
}

/**
 * Doubles in [lo, lo + span). A float32 column keeps 24 bits of mantissa, so one 32-bit draw
 * (`bits32`) already exceeds what it can hold; float64 columns take the full 53 bits.
 */
export function uniformFloats(
  out: Float64Array,
  lo: number,
  span: number,
  bits32: boolean,
  k0: number,
  k1: number,
  rows: Rows,
): void {
  const { start, index } = rows;
  for (let i = 0; i < out.length; i++) {
    const row = index === undefined ? start + i : index[i]!;
    const u = bits32 ? hash32(k0, k1, row, 0) * TWO_NEG_32 : uniform53(k0, k1, row, 0);
    out[i] = lo + u * span;
  }
}

/** Normal(mean, sd) by inverse CDF; with `exp`, its exponential (lognormal). */
export function normals(
  out: Float64Array,
  mean: number,
  sd: number,
  exp: boolean,
  k0: number,
  k1: number,
  rows: Rows,
): void {
  const { start, index } = rows;
  for (let i = 0; i < out.length; i++)
    out[i] = normalAt(mean, sd, exp, k0, k1, index === undefined ? start + i : index[i]!);
}

/** One Normal(mean, sd) sample for (key, row); with `exp`, its exponential (lognormal). */
export function normalAt(
  mean: number,
  sd: number,
  exp: boolean,
  k0: number,
  k1: number,
  row: number,
): number {
  const z = mean + sd * inverseNormal(uniformOpen(k0, k1, row, 0));
  return exp ? tableExp(z) : z;
}

/**
 * Exponential with mean `scale`, by the ziggurat: the one-draw shortcut inline here, the rare rest
 * (about 1.1% of rows) in exponentialSlow.
 */
export function exponentials(out: Float64Array, scale: number, k0: number, k1: number, rows: Rows): void {
  const { start, index } = rows;
  for (let i = 0; i < out.length; i++) {
    const row = index === undefined ? start + i : index[i]!;
    const h = hash32(k0, k1, row, 0);
    const layer = h & 255;
    const pos = h >>> 8;
    out[i] =
      (pos < ZIGGURAT_INNER[layer]! ? (pos + 0.5) * ZIGGURAT_STEP[layer]! : exponentialSlow(h, k0, k1, row)) *
      scale;
  }
}

/**
 * Poisson(λ) for λ ≤ POISSON_ALIAS_MAX_LAMBDA: an alias table over 0..kmax, where the mass left
 * beyond kmax is below the 2^-53 resolution of the uniform, so the table is exact to that
 * resolution (as sequential inversion is). One uniform per value; larger λ uses PTRS.
 */
export const POISSON_ALIAS_MAX_LAMBDA = 4096;

const poissonTables = aliasMemo<number>(8);

/** The alias table of Poisson(λ ≤ POISSON_ALIAS_MAX_LAMBDA) over 0..kmax (memoized per thread). */
export function poissonAlias(lambda: number): AliasTable {
  return poissonTables(lambda, () => {
    // 14 standard deviations past the mean leave a tail far below 2^-53 for every λ in range.
    const kmax = Math.ceil(lambda + 14 * Math.sqrt(lambda) + 30);
    const pmf = new Float64Array(kmax + 1);
    // Weights relative to the mode (1), walked both ways: no overflow, and far tails underflow to 0
    // harmlessly. The alias table normalises them.
    const mode = Math.floor(lambda);
    pmf[mode] = 1;
    for (let k = mode + 1; k <= kmax; k++) pmf[k] = (pmf[k - 1]! * lambda) / k;
    for (let k = mode - 1; k >= 0; k--) pmf[k] = (pmf[k + 1]! * (k + 1)) / lambda;
    return pmf;
  });
}

/** Poisson(λ) counts. */
export function poissons(out: Float64Array, lambda: number, k0: number, k1: number, rows: Rows): void {
  const { start, index } = rows;
  if (lambda <= POISSON_ALIAS_MAX_LAMBDA) {
    const table = poissonAlias(lambda);
    for (let i = 0; i < out.length; i++) {
      const row = index === undefined ? start + i : index[i]!;
      out[i] = pickAlias(table, uniform53(k0, k1, row, 0));
    }
    return;
  }
  const plan = createPoisson(lambda);
  for (let i = 0; i < out.length; i++) {
    const row = index === undefined ? start + i : index[i]!;
    out[i] = samplePoisson(plan, k0, k1, row);
  }
}
