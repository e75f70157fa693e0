/**
 * arrow: applies a column's null rate through the Arrow validity bitmap.
 * (data, column, rows) → the same data with a bitmap; null(row) = hash32(nullKey, row) < rate·2^32,
 * drawn from its own key so nulls never shift the column's values and values never move nulls.
 */
import { type Data, makeData } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import { type Rows, rowAt } from "../kernels/kernel.js";
import { hash32 } from "../rng/hash.js";
import { blockKey, numbersWasm } from "../wasm/numbers.js";

const TWO_32 = 4294967296;
/** Rows per WASM call: a multiple of 8, its 256 bitmap bytes copied out once. */
const WASM_CHUNK = 2048;

/**
 * The validity bits of contiguous rows inside one 2^32 block, drawn in WASM SIMD: same bits as
 * the loop in withNulls. Returns the null count, or undefined when the WASM path does not apply.
 */
function wasmValidity(k0: number, k1: number, threshold: number, rows: Rows, bitmap: Uint8Array) {
  const { start, count } = rows;
  // threshold ≥ 2^32 (rate 1) does not fit the kernel's uint32; every row is null, rare, left to the loop.
  const k0x = threshold < TWO_32 ? blockKey(k0, rows) : undefined;
  if (k0x === undefined) return undefined;
  const wasm = numbersWasm();
  if (wasm === undefined) return undefined;
  const { layout } = wasm.reserve(WASM_CHUNK);
  // An integer hash h is under `threshold` exactly when it is under its ceiling.
  const t = Math.ceil(threshold) | 0;
  let valid = 0;
  for (let done = 0; done < count; done += WASM_CHUNK) {
    const n = Math.min(WASM_CHUNK, count - done);
    const padded = (n + 7) & ~7;
    valid += wasm.fn.validityBits(k0x, k1, (start + done) % TWO_32, padded, t, layout);
    const bytes = new Uint8Array(wasm.bytes(), layout, padded >> 3);
    if (padded !== n) {
      // Rows past the batch stay 0, as the loop leaves them; they were counted above.
      const last = bytes[bytes.length - 1]!;
      const kept = last & ((1 << (n & 7)) - 1);
      valid -= popcount8(last) - popcount8(kept);
      bytes[bytes.length - 1] = kept;
    }
    bitmap.set(bytes, done >> 3);
  }
  return count - valid;
}

function popcount8(b: number): number {
  let c = 0;
  for (let x = b; x !== 0; x &= x - 1) c++;
  return c;
}

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
  // The WASM path fills bits from byte 0 and knows nothing of inherited nulls.
  const fast = off === 0 && !inherited ? wasmValidity(k0, k1, threshold, rows, bitmap) : undefined;
  let nulls = fast ?? 0;
  if (fast === undefined)
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
