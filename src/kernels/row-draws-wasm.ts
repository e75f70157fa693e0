/**
 * kernels: the column draws of rng/hash.ts in WASM SIMD, four rows per instruction, for consecutive
 * rows (inside one 2^32-row block where the hash needs it): belowColumn, uniform53Column,
 * stemColumn and stemBelowColumn. Inputs are copied into WASM memory and results out an L1-sized
 * chunk at a time: same values as the TypeScript column forms (test/kernels/row-draws.test.ts
 * compares them). Each returns false, `out` untouched, when the WASM path does not apply.
 */
import { type ColumnKey, oneBlock, stemDrawConstant } from "../rng/hash.js";
import { CHUNK, columnChunks, float64s, int32s } from "../wasm/column-chunks.js";
import { blockKey, numbersWasm } from "../wasm/numbers.js";

/** Sizes from here on would not fit the int32 the kernel truncates to (the Int32Array wraps them). */
const MAX_SIZE = 2 ** 31;

/** out[i] = below(k0, k1, start + i, draw, size) (rng/hash.ts belowColumn). */
export function wasmBelows(
  key: ColumnKey,
  start: number,
  draw: number,
  size: number,
  out: Int32Array,
): boolean {
  const k0x = size < MAX_SIZE ? blockKey(key.k0, { start, count: out.length }) : undefined;
  const wasm = k0x === undefined ? undefined : numbersWasm();
  if (wasm === undefined) return false;
  columnChunks(wasm, wasm.reserve(CHUNK), start, out, int32s, (c) =>
    wasm.fn.belows(k0x!, key.k1, c.lo, draw, size, c.padded, c.layout),
  );
  return true;
}

/** out[i] = uniform53(k0, k1, start + i, 0) (rng/hash.ts uniform53Column). */
export function wasmUniforms53(key: ColumnKey, start: number, out: Float64Array): boolean {
  const k0x = blockKey(key.k0, { start, count: out.length });
  const wasm = k0x === undefined ? undefined : numbersWasm();
  if (wasm === undefined) return false;
  columnChunks(wasm, wasm.reserve(CHUNK), start, out, float64s, (c) =>
    wasm.fn.uniforms53(k0x!, key.k1, c.lo, c.padded, c.layout),
  );
  return true;
}

/** out[i] = rowStem(k0, start + i) (rng/hash.ts stemColumn: the stem takes the row mod 2^32). */
export function wasmStems(k0: number, start: number, out: Int32Array): boolean {
  const wasm = out.length === 0 || !Number.isSafeInteger(start) ? undefined : numbersWasm();
  if (wasm === undefined) return false;
  columnChunks(wasm, wasm.reserve(CHUNK), start, out, int32s, (c) =>
    wasm.fn.stems(k0, c.lo, c.padded, c.layout),
  );
  return true;
}

/** out[i] = stemBelow(stems[i], k1, start + i, draw, size or sizes[i]) (rng/hash.ts stemBelowColumn). */
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
  const k = stemDrawConstant(k1, start, draw);
  columnChunks(wasm, wasm.reserve(CHUNK), start, out, int32s, (c) => {
    // samples holds the chunk's stems, then its sizes.
    const bytes = wasm.bytes();
    const sizesAt = c.samples + 4 * CHUNK;
    new Int32Array(bytes, c.samples, c.m).set(stems.subarray(c.done, c.done + c.m));
    if (typeof size === "number") wasm.fn.stemBelows(c.samples, k, size, c.padded, c.layout);
    else {
      new Int32Array(bytes, sizesAt, c.m).set(size.subarray(c.done, c.done + c.m));
      wasm.fn.stemBelowsEach(c.samples, k, sizesAt, c.padded, c.layout);
    }
  });
  return true;
}
