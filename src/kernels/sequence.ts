/**
 * kernels/sequence: start, start + step, ... — the classic surrogate key.
 * value(row) = start + step · row. Exact below 2^53.
 */

import { elementsOf, layoutData, numericData } from "../arrow/values.js";
import { isNumeric } from "../plan/logical-type.js";
import { numbersWasm } from "../wasm/numbers.js";
import type { BatchContext, Kernel, Rows } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { num, plainCompile } from "./params.js";

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * The common key column (int64, contiguous rows) with every value inside int32: its words are
 * written directly (low word, sign word), with no double array and no conversion pass.
 * Integers in int32 are exact in both forms, so the bytes equal numericData's.
 */
function int32RangeWords(rows: Rows, start: number, step: number, ctx: BatchContext): Int32Array | undefined {
  const first = start + step * rows.start;
  const last = first + step * (rows.count - 1);
  const integral = Number.isInteger(first) && Number.isInteger(step);
  if (!integral || Math.min(first, last) < INT32_MIN || Math.max(first, last) > INT32_MAX) return undefined;
  const bytes = ctx.valuesBuffer(8 * rows.count); // every word is written below
  const words = elementsOf(Int32Array, bytes, 2 * rows.count);
  let v = first | 0;
  for (let i = 0; i < rows.count; i++, v = (v + step) | 0) {
    words[2 * i] = v;
    words[2 * i + 1] = v >> 31;
  }
  return words;
}

/** Rows per WASM call: 16 KiB of words, written in L1 and copied out once. */
const WASM_CHUNK = 2048;

/**
 * An int64 sequence (contiguous rows) whose values are all safe integers, built in WASM (two
 * values per SIMD store, then one copy per chunk into the column's place): the bytes equal
 * numericData's, because the reference's doubles are exact there. Undefined when it does not apply.
 */
function wasmWords(rows: Rows, start: number, step: number, ctx: BatchContext) {
  const lastRow = rows.start + rows.count - 1;
  const first = start + step * rows.start;
  const exact = [start, step, step * lastRow, first, first + step * (rows.count - 1)].every(
    Number.isSafeInteger,
  );
  if (!exact) return undefined;
  const wasm = numbersWasm();
  if (wasm === undefined) return undefined;
  const { layout } = wasm.reserve(WASM_CHUNK);
  const words = elementsOf(Int32Array, ctx.valuesBuffer(8 * rows.count), 2 * rows.count);
  for (let done = 0; done < rows.count; done += WASM_CHUNK) {
    const n = Math.min(WASM_CHUNK, rows.count - done);
    wasm.fn.sequenceInt64s(first + step * done, step, (n + 1) & ~1, layout);
    words.set(new Int32Array(wasm.bytes(), layout, 2 * n), 2 * done);
  }
  return words;
}

export const sequenceKernel: Kernel = {
  naturalType: () => ({ name: "int64" }),
  accepts: (t) => isNumeric(t) || t.name === "string",
  compile: ({ gen }) => plainCompile(gen),
  build(col, rows, ctx) {
    const start = num(col.params, "start", 1);
    const step = num(col.params, "step", 1);
    // int64 keys over contiguous rows write their words directly; anything else goes through doubles.
    const direct = col.type.name === "int64" && rows.index === undefined && rows.count > 0;
    const words = direct
      ? (wasmWords(rows, start, step, ctx) ?? int32RangeWords(rows, start, step, ctx))
      : undefined;
    if (words !== undefined) return layoutData(col.type, words);
    const out = new Float64Array(rows.count);
    for (let i = 0; i < rows.count; i++) out[i] = start + step * rowAt(rows, i);
    return numericData(col.type, out);
  },
};
