/**
 * arrow: applies a column's null rate through the Arrow validity bitmap.
 * (data, column, rows) → the same data with a bitmap; null(row) = hash32(nullKey, row) < rate·2^32,
 * drawn from its own key so nulls never shift the column's values and values never move nulls.
 */
import { type Data, makeData } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import { type Rows, rowAt } from "../kernels/kernel.js";
import { hash32 } from "../rng/hash.js";

const TWO_32 = 4294967296;

/**
 * Returns `data` with nulls where the column's null draw falls under its rate. Nulls the kernel
 * already produced (e.g. a lookup of a null parent value) stay null.
 */
export function withNulls(data: Data, col: CompiledColumn, rows: Rows): Data {
  if (col.nullRate <= 0) return data;
  const { k0, k1 } = col.nullKey;
  // One 32-bit draw per row: the rate resolves to 2^-32, far below any observable frequency.
  const threshold = col.nullRate * TWO_32;
  const n = rows.count;
  // Validity bits are indexed from the buffers' start, so a sliced input keeps its offset.
  const off = data.offset;
  const bitmap = new Uint8Array((off + n + 7) >> 3);
  const inherited = data.nullCount > 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (hash32(k0, k1, rowAt(rows, i), 0) < threshold || (inherited && !data.getValid(i))) nulls++;
    else bitmap[(off + i) >> 3]! |= 1 << ((off + i) & 7);
  }
  if (nulls === 0) return data;
  return makeData({
    type: data.type,
    offset: off,
    length: data.length,
    nullCount: nulls,
    nullBitmap: bitmap,
    data: data.values,
    valueOffsets: data.valueOffsets,
    dictionary: data.dictionary,
    children: data.children,
  } as Parameters<typeof makeData>[0]);
}
