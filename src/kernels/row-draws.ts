/**
 * kernels: a batch's draws, column by column — the row stems once, then one tight loop per draw.
 * (key, rows) → Int32Array of stemBelow(rowStem(k0, row), k1, row, draw, n) per row. Consecutive
 * rows use the column forms in rng/hash.ts (no calls in the loop); scattered rows (lookups) draw
 * per row. Values equal per-row stemBelow() exactly: same stem, same draw index.
 */
import { rowStem, stemBelow, stemBelowColumn, stemColumn } from "../rng/hash.js";
import type { Rows } from "./kernel.js";

/** The draws of one batch under one key. */
export class RowDraws {
  /** Number of rows. */
  readonly n: number;
  private readonly stems: Int32Array;
  private readonly start: number;
  private readonly index: Float64Array | undefined;
  private readonly k1: number;

  constructor(k0: number, k1: number, rows: Rows) {
    const n = rows.count;
    this.n = n;
    this.k1 = k1;
    this.start = rows.start;
    this.index = rows.index;
    const stems = new Int32Array(n);
    const index = rows.index;
    if (index === undefined) stemColumn(k0, rows.start, stems);
    else for (let i = 0; i < n; i++) stems[i] = rowStem(k0, index[i]!);
    this.stems = stems;
  }

  /** Per row: a uniform integer in [0, size) from draw `draw`. */
  below(draw: number, size: number): Int32Array {
    const { n, stems, k1, index } = this;
    const out = new Int32Array(n);
    if (index === undefined) stemBelowColumn(stems, k1, this.start, draw, size, out);
    else for (let i = 0; i < n; i++) out[i] = stemBelow(stems[i]!, k1, index[i]!, draw, size);
    return out;
  }

  /** Per row: a uniform integer in [0, sizes[i]); rows with size 0 skip the draw and get 0. */
  belowEach(draw: number, sizes: Int32Array): Int32Array {
    const { n, stems, k1, index } = this;
    const out = new Int32Array(n);
    if (index === undefined) stemBelowColumn(stems, k1, this.start, draw, 0, out, sizes);
    else
      for (let i = 0; i < n; i++) {
        const size = sizes[i]!;
        if (size !== 0) out[i] = stemBelow(stems[i]!, k1, index[i]!, draw, size);
      }
    return out;
  }
}
