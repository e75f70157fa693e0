/**
 * arrow: applies a column's null rate through the Arrow validity bitmap.
 * (data, column, rows) → the same data with a bitmap; null(row) = u(nullKey, row) < rate, drawn
 * from its own key so it never shifts the column's values.
 */
import { type Data, makeData } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import { type Rows, rowAt } from "../kernels/kernel.js";
import { uniform53 } from "../rng/hash.js";

/** Returns `data` with nulls where the column's null draw falls under its rate. */
export function withNulls(data: Data, col: CompiledColumn, rows: Rows): Data {
  if (col.nullRate <= 0) return data;
  const { k0, k1 } = col.nullKey;
  const bitmap = new Uint8Array((rows.count + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < rows.count; i++) {
    if (uniform53(k0, k1, rowAt(rows, i), 0) < col.nullRate) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  if (nulls === 0) return data;
  return makeData({
    type: data.type,
    length: data.length,
    nullCount: nulls,
    nullBitmap: bitmap,
    data: data.values,
    valueOffsets: data.valueOffsets,
    dictionary: data.dictionary,
  } as Parameters<typeof makeData>[0]);
}
