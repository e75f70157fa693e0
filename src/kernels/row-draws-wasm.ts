/**
 * kernels: RowDraws' column draws (stemBelow over consecutive rows) in WASM SIMD, four rows per
 * instruction, for batches inside one 2^32-row block. Stems (and per-row sizes) are copied into
 * WASM memory an L1-sized chunk at a time and the draws copied back: same integers as
 * rng/hash.ts stemBelowColumn (test/kernels/row-draws.test.ts compares them).
 */
import { oneBlock, stemDrawConstant } from "../rng/hash.js";
import { numbersWasm } from "../wasm/numbers.js";

/** Rows per call: stems, sizes and draws, 24 KiB together. */
const CHUNK = 2048;
/** Sizes from here on would not fit the int32 the kernel truncates to (the Int32Array wraps them). */
const MAX_SIZE = 2 ** 31;

/**
 * out[i] = stemBelow(stems[i], k1, start + i, draw, size or sizes[i]); false (out untouched) when
 * the WASM path does not apply.
 */
export function wasmStemBelows(
  stems: Int32Array,
  k1: number,
  start: number,
  draw: number,
  size: number | Int32Array,
  out: Int32Array,
): boolean {
  const n = out.length;
  if (n === 0 || (typeof size === "number" && size >= MAX_SIZE) || !oneBlock(start, n)) return false;
  const wasm = numbersWasm();
  if (wasm === undefined) return false;
  const { samples, layout } = wasm.reserve(CHUNK);
  const c = stemDrawConstant(k1, start, draw);
  // samples holds 8 bytes per row: the stems, then the sizes; layout takes the draws.
  const sizesAt = samples + 4 * CHUNK;
  const bytes = wasm.bytes();
  for (let done = 0; done < n; done += CHUNK) {
    const m = Math.min(CHUNK, n - done);
    const padded = (m + 3) & ~3;
    new Int32Array(bytes, samples, m).set(stems.subarray(done, done + m));
    if (typeof size === "number") wasm.fn.stemBelows(samples, c, size, padded, layout);
    else {
      new Int32Array(bytes, sizesAt, m).set(size.subarray(done, done + m));
      wasm.fn.stemBelowsEach(samples, c, sizesAt, padded, layout);
    }
    out.set(new Int32Array(bytes, layout, m), done);
  }
  return true;
}
