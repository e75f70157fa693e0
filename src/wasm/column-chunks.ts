/**
 * wasm: runs a kernel over a column's consecutive rows an L1-sized chunk at a time, copying each
 * chunk's values out of WASM memory into the column. The one loop behind the column draws
 * (kernels/row-draws-wasm.ts) and the categorical picks (kernels/number-wasm.ts).
 */
import type { NumbersWasm } from "./numbers.js";

/** Rows per chunk: 16 KiB of inputs and up to 16 KiB of values, inside L1. */
export const CHUNK = 2048;

const TWO_32 = 4294967296;

/** One chunk of rows: its first row (mod 2^32), its place in `out`, its size and the WASM regions. */
export interface Chunk {
  lo: number;
  done: number;
  m: number;
  /** m rounded up to the SIMD width: what the kernels run over. */
  padded: number;
  /** 8 bytes per row of scratch for the kernel's inputs. */
  readonly samples: number;
  /** Where the kernel leaves the chunk's values (up to 8 bytes per row). */
  readonly layout: number;
}

/** A typed-array view over WASM memory. */
export type View<T> = (bytes: ArrayBuffer, at: number, m: number) => T;

export const int32s: View<Int32Array> = (bytes, at, m) => new Int32Array(bytes, at, m);
export const float64s: View<Float64Array> = (bytes, at, m) => new Float64Array(bytes, at, m);

/**
 * Runs `kernel` over rows start .. start+out.length, chunk by chunk, in `region` (from
 * `wasm.reserve(CHUNK, …)`), and copies each chunk's values at `layout` into `out`.
 */
export function columnChunks<T extends Int32Array | Float64Array>(
  wasm: NumbersWasm,
  region: { readonly samples: number; readonly layout: number },
  start: number,
  out: T,
  view: View<T>,
  kernel: (c: Chunk) => void,
): void {
  const c: Chunk = { lo: 0, done: 0, m: 0, padded: 0, samples: region.samples, layout: region.layout };
  for (let done = 0; done < out.length; done += CHUNK) {
    c.done = done;
    c.m = Math.min(CHUNK, out.length - done);
    c.padded = (c.m + 3) & ~3;
    c.lo = (start + done) % TWO_32;
    kernel(c);
    out.set(view(wasm.bytes(), c.layout, c.m), done);
  }
}
