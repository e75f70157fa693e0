/**
 * rng: the counter-based generator behind every value.
 * (columnKey, row, draw) → 32 uniform bits, or a 53-bit uniform double in [0, 1).
 * Cost model (engine v2): a 32-bit draw is one lowbias32 round, a 53-bit double two.
 * Invariant: no state crosses rows, so any row can be computed alone, in any order, on any thread.
 */

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/** A column's key: two 32-bit words derived from (seed, table, column). */
export interface ColumnKey {
  readonly k0: number;
  readonly k1: number;
}

/**
 * lowbias32 (Wellons) as a signed int32. Internal rounds stay int32 so V8 keeps them in registers
 * (small integers); an unsigned result ≥ 2^31 would be a heap number on every call boundary.
 */
function mixi(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  return x ^ (x >>> 15);
}

/** lowbias32 (Wellons): a full-avalanche 32-bit finalizer built from Math.imul; unsigned result. */
export function mix32(x: number): number {
  return mixi(x) >>> 0;
}

/** The high word of a row index; rows below 2^32 (nearly all) skip the division. */
function rowHigh(row: number): number {
  return row < TWO_32 ? 0 : (row / TWO_32) >>> 0;
}

/**
 * The draw-independent first round for values that take many draws of one row (composite strings):
 * stemHash(rowStem(k0, row), k1, row, d) is draw d, two rounds in all, with the first shared.
 */
export function rowStem(k0: number, row: number): number {
  return mixi(k0 ^ Math.imul(row >>> 0, 0x9e3779b1));
}

/** hash32 from a row stem (see rowStem): many draws of one row, one shared first round. */
export function stemHash(stem: number, k1: number, row: number, draw: number): number {
  return mixi(stem ^ stemDrawConstant(k1, row, draw)) >>> 0;
}

/** below() from a row stem: a uniform integer in [0, n). */
export function stemBelow(stem: number, k1: number, row: number, draw: number, n: number): number {
  return Math.floor((stemHash(stem, k1, row, draw) / TWO_32) * n);
}

/**
 * The keyed, row-dependent input of the single-value hashes: whitened by k0 (xor) and k1 (add)
 * before the one mixing round, so neighbouring keys and rows still avalanche.
 */
function rowInput(k0: number, k1: number, row: number): number {
  return ((Math.imul(row >>> 0, 0x9e3779b1) ^ k0 ^ Math.imul(rowHigh(row), 0x85ebca77)) + k1) | 0;
}

/** Draw d > 0 of a row: one more round over draw 0, so draws never alias shifted rows. */
function redraw(h0: number, draw: number): number {
  return mixi(h0 ^ Math.imul(draw, 0xc2b2ae3d));
}

/**
 * 32 uniform bits for (key, row, draw). Rows are exact up to 2^53. Draw 0, the common case, costs
 * one mixing round; draw d > 0 costs two.
 */
export function hash32(k0: number, k1: number, row: number, draw: number): number {
  const h = mixi(rowInput(k0, k1, row));
  return (draw === 0 ? h : redraw(h, draw)) >>> 0;
}

/** A uniform double in [0, 1) with 53 random bits: words hash32(2·draw) and hash32(2·draw + 1). */
export function uniform53(k0: number, k1: number, row: number, draw: number): number {
  const h = mixi(rowInput(k0, k1, row));
  const a = (draw === 0 ? h : redraw(h, 2 * draw)) >>> 5;
  const b = redraw(h, 2 * draw + 1) >>> 6;
  return (a * 67108864 + b) / TWO_53;
}

/** A uniform double in (0, 1): never 0 or 1, so log() and inverse CDFs stay finite. */
export function uniformOpen(k0: number, k1: number, row: number, draw: number): number {
  // 52 bits plus a half step: (m + 0.5) / 2^52 is exact in a double and strictly inside (0, 1).
  const h = mixi(rowInput(k0, k1, row));
  const a = (draw === 0 ? h : redraw(h, 2 * draw)) >>> 6;
  const b = redraw(h, 2 * draw + 1) >>> 6;
  return (a * 67108864 + b + 0.5) / 4503599627370496;
}

/** A uniform integer in [0, n) for n ≤ 2^32, by multiply-shift (bias below 2^-32 · n). */
export function below(k0: number, k1: number, row: number, draw: number, n: number): number {
  return Math.floor((hash32(k0, k1, row, draw) / TWO_32) * n);
}

/*
 * Column forms, for kernels that fill a whole batch of consecutive rows: out[i] equals the scalar
 * function at row start + i, bit for bit. Inside one 2^32-row block the row-high word is constant
 * and the row's multiply is a running int32 sum, so a value costs its mixing rounds and no calls.
 * A range that crosses a block boundary (rows near 2^32·k) takes the scalar path per row.
 */

const ROW_MUL = 0x9e3779b1 | 0;

/** True when rows start .. start+n-1 share one row-high word (n ≥ 1). */
export function oneBlock(start: number, n: number): boolean {
  return rowHigh(start) === rowHigh(start + n - 1);
}

/**
 * What stemBelow folds into a stem for draw `draw` of rows inside the 2^32-row block of `start`:
 * the column forms (here and the WASM kernel) hash `stem ^ constant` per row.
 */
export function stemDrawConstant(k1: number, start: number, draw: number): number {
  return k1 ^ Math.imul(rowHigh(start), 0x85ebca77) ^ Math.imul(draw + 1, 0xc2b2ae3d);
}

/** out[i] = below(k0, k1, start + i, draw, size). */
export function belowColumn(
  k0: number,
  k1: number,
  start: number,
  draw: number,
  size: number,
  out: Int32Array,
): void {
  const n = out.length;
  if (n === 0) return;
  if (!oneBlock(start, n)) {
    for (let i = 0; i < n; i++) out[i] = below(k0, k1, start + i, draw, size);
    return;
  }
  const base = k0 ^ Math.imul(rowHigh(start), 0x85ebca77);
  const dm = Math.imul(draw, 0xc2b2ae3d);
  let m = Math.imul(start >>> 0, ROW_MUL);
  if (draw === 0) {
    for (let i = 0; i < n; i++, m = (m + ROW_MUL) | 0)
      out[i] = Math.floor(((mixi(((m ^ base) + k1) | 0) >>> 0) / TWO_32) * size);
  } else {
    for (let i = 0; i < n; i++, m = (m + ROW_MUL) | 0)
      out[i] = Math.floor(((mixi(mixi(((m ^ base) + k1) | 0) ^ dm) >>> 0) / TWO_32) * size);
  }
}

/** out[i] = uniform53(k0, k1, start + i, 0). */
export function uniform53Column(k0: number, k1: number, start: number, out: Float64Array): void {
  const n = out.length;
  if (n === 0) return;
  if (!oneBlock(start, n)) {
    for (let i = 0; i < n; i++) out[i] = uniform53(k0, k1, start + i, 0);
    return;
  }
  const base = k0 ^ Math.imul(rowHigh(start), 0x85ebca77);
  const d1 = Math.imul(1, 0xc2b2ae3d);
  let m = Math.imul(start >>> 0, ROW_MUL);
  for (let i = 0; i < n; i++, m = (m + ROW_MUL) | 0) {
    const h = mixi(((m ^ base) + k1) | 0);
    out[i] = ((h >>> 5) * 67108864 + (mixi(h ^ d1) >>> 6)) / TWO_53;
  }
}

/** out[i] = rowStem(k0, start + i). */
export function stemColumn(k0: number, start: number, out: Int32Array): void {
  let m = Math.imul(start >>> 0, ROW_MUL);
  for (let i = 0; i < out.length; i++, m = (m + ROW_MUL) | 0) out[i] = mixi(k0 ^ m);
}

/**
 * out[i] = stemBelow(stems[i], k1, start + i, draw, size), or with sizes given, of size sizes[i]
 * (a row of size 0 gets 0: drawing anyway is cheaper than a mispredicted skip).
 */
export function stemBelowColumn(
  stems: Int32Array,
  k1: number,
  start: number,
  draw: number,
  size: number,
  out: Int32Array,
  sizes?: Int32Array,
): void {
  const n = out.length;
  if (n === 0) return;
  if (!oneBlock(start, n)) {
    for (let i = 0; i < n; i++) {
      const s = sizes === undefined ? size : sizes[i]!;
      out[i] = s === 0 ? 0 : stemBelow(stems[i]!, k1, start + i, draw, s);
    }
    return;
  }
  const c = stemDrawConstant(k1, start, draw);
  if (sizes === undefined) {
    for (let i = 0; i < n; i++) out[i] = Math.floor(((mixi(stems[i]! ^ c) >>> 0) / TWO_32) * size);
  } else {
    for (let i = 0; i < n; i++) out[i] = Math.floor(((mixi(stems[i]! ^ c) >>> 0) / TWO_32) * sizes[i]!);
  }
}
