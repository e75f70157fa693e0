/**
 * kernels: a batch's draws, column by column. RowDraws serves the multi-draw composite strings: the
 * row stems once, then one tight loop per draw, stemBelow(rowStem(k0, row), k1, row, draw, n) per
 * row. belowRows and uniform53Rows are the one-draw forms (word-list indices, temporal uniforms).
 * Consecutive rows run in WASM SIMD where it applies (row-draws-wasm.ts), else in the column forms
 * of rng/hash.ts (no calls in the loop); scattered rows (lookups) draw per row. Values equal the
 * per-row functions exactly.
 */
import {
  below,
  belowColumn,
  type ColumnKey,
  rowStem,
  stemBelow,
  stemBelowColumn,
  stemColumn,
  uniform53,
  uniform53Column,
} from "../rng/hash.js";
import type { Rows } from "./kernel.js";
import { wasmBelows, wasmStemBelows, wasmStems, wasmUniforms53 } from "./row-draws-wasm.js";

/** out[i] = below(k0, k1, row i, draw, size) for the batch's rows: one word per row. */
export function belowRows(key: ColumnKey, rows: Rows, draw: number, size: number, out: Int32Array): void {
  const { k0, k1 } = key;
  const index = rows.index;
  if (index !== undefined) for (let i = 0; i < rows.count; i++) out[i] = below(k0, k1, index[i]!, draw, size);
  else if (!wasmBelows(key, rows.start, draw, size, out)) belowColumn(k0, k1, rows.start, draw, size, out);
}

/** out[i] = uniform53(k0, k1, row i, 0) for the batch's rows. */
export function uniform53Rows(key: ColumnKey, rows: Rows, out: Float64Array): void {
  const { k0, k1 } = key;
  const index = rows.index;
  if (index !== undefined) for (let i = 0; i < rows.count; i++) out[i] = uniform53(k0, k1, index[i]!, 0);
  else if (!wasmUniforms53(key, rows.start, out)) uniform53Column(k0, k1, rows.start, out);
}

/**
 * Draw arrays of earlier batches on this thread, for reuse. A batch's draws are a few MB that
 * never leave the builder; fresh buffers would cost their zeroing and page faults every batch.
 */
const spare: Int32Array[] = [];
const MAX_SPARE = 32;

function take(n: number): Int32Array {
  for (let k = spare.length - 1; k >= 0; k--) {
    if (spare[k]!.length === n) {
      const a = spare[k]!;
      spare[k] = spare[spare.length - 1]!;
      spare.pop();
      return a;
    }
  }
  return new Int32Array(n);
}

/** The draws of one batch under one key. */
export class RowDraws {
  /** Number of rows. */
  readonly n: number;
  private readonly stems: Int32Array;
  private readonly start: number;
  private readonly index: Float64Array | undefined;
  private readonly k1: number;
  private readonly owned: Int32Array[] = [];

  constructor(k0: number, k1: number, rows: Rows) {
    const n = rows.count;
    this.n = n;
    this.k1 = k1;
    this.start = rows.start;
    this.index = rows.index;
    const stems = this.scratch();
    const index = rows.index;
    if (index === undefined) {
      if (!wasmStems(k0, rows.start, stems)) stemColumn(k0, rows.start, stems);
    } else for (let i = 0; i < n; i++) stems[i] = rowStem(k0, index[i]!);
    this.stems = stems;
  }

  /**
   * A per-row Int32Array for the builder's own use, valid until `release`; its contents are
   * whatever an earlier batch left, so the caller writes every element before reading it.
   */
  scratch(): Int32Array {
    const a = take(this.n);
    this.owned.push(a);
    return a;
  }

  /** Per row: a uniform integer in [0, size) from draw `draw` (valid until `release`). */
  below(draw: number, size: number): Int32Array {
    const { n, stems, k1, index } = this;
    const out = this.scratch();
    if (index === undefined) {
      if (!wasmStemBelows(stems, k1, this.start, draw, size, out))
        stemBelowColumn(stems, k1, this.start, draw, size, out);
    } else for (let i = 0; i < n; i++) out[i] = stemBelow(stems[i]!, k1, index[i]!, draw, size);
    return out;
  }

  /** Per row: a uniform integer in [0, sizes[i]); rows with size 0 get 0 (valid until `release`). */
  belowEach(draw: number, sizes: Int32Array): Int32Array {
    const { n, stems, k1, index } = this;
    const out = this.scratch();
    if (index === undefined) {
      if (!wasmStemBelows(stems, k1, this.start, draw, sizes, out))
        stemBelowColumn(stems, k1, this.start, draw, 0, out, sizes);
    } else
      for (let i = 0; i < n; i++) {
        const size = sizes[i]!;
        out[i] = size === 0 ? 0 : stemBelow(stems[i]!, k1, index[i]!, draw, size);
      }
    return out;
  }

  /** Hands every array of this batch back for reuse; the draws must not be read afterwards. */
  release(): void {
    for (const a of this.owned) if (spare.length < MAX_SPARE) spare.push(a);
    this.owned.length = 0;
  }
}
