/**
 * wasm: the SIMD number kernels (src/wasm/assembly/numbers.ts), instantiated once per thread.
 * The module owns one linear memory: its static constants, the read-only tables, then two scratch
 * regions (samples as doubles, and the Arrow layout they convert to). Views over that memory are
 * valid until the next call that may grow it, so callers copy results out before asking for more.
 * SYNTHSTREAM_WASM=0 turns the module off; the TypeScript kernels then do all the work (same bytes).
 */
import { WASM_BASE64 } from "../gen/wasm/numbers.js";
import type { Rows } from "../kernels/kernel.js";

const TWO_32 = 4294967296;

/**
 * The row hashes of the kernels take rows lo + i inside one 2^32-row block, with the key's k0
 * already xor-ed with the block's term (rng/hash.ts rowInput). That k0, for contiguous rows
 * (count ≥ 1, a safe non-negative start) inside one block; undefined for any other rows.
 */
export function blockKey(k0: number, rows: Rows): number | undefined {
  const { start, count, index } = rows;
  if (index !== undefined || count === 0 || !Number.isSafeInteger(start) || start < 0) return undefined;
  const high = Math.floor(start / TWO_32);
  if (Math.floor((start + count - 1) / TWO_32) !== high) return undefined;
  return k0 ^ Math.imul(high, 0x85ebca77);
}

/** The slice of the WebAssembly JS API used here (lib ES2022 has no WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
};

/** A fused uniform kernel: rows lo .. lo+n drawn, scaled by (from, span) and written in layout at dst. */
type FusedUniform = (
  k0x: number,
  k1: number,
  lo: number,
  n: number,
  from: number,
  span: number,
  dst: number,
) => void;

/** The module's exports (AssemblyScript signatures; pointers are byte offsets into memory). */
interface NumbersExports {
  readonly memory: WasmMemory;
  /** End of the module's static data (its v128 constants): tables and scratch go above. */
  heapBase(): number;
  uniforms53(k0x: number, k1: number, lo: number, n: number, out: number): void;
  uniforms32(k0x: number, k1: number, lo: number, n: number, out: number): void;
  scaleFloor(n: number, base: number, span: number, out: number): void;
  scaleShift(n: number, from: number, span: number, out: number): void;
  normals(
    k0x: number,
    k1: number,
    lo: number,
    n: number,
    mean: number,
    sd: number,
    exp: boolean,
    halfWidth: number,
    cellsPerUnit: number,
    table: number,
    tailTable: number,
    expTable: number,
    out: number,
    scratch: number,
  ): void;
  exponentials(
    k0x: number,
    k1: number,
    lo: number,
    n: number,
    scale: number,
    inner: number,
    step: number,
    fx: number,
    out: number,
    scratch: number,
  ): void;
  /** int32 column: `from` is the integer base, the value base + ⌊u · span⌋ (span ≤ 2^20). */
  uniformInt32s: FusedUniform;
  uniformFloat32s: FusedUniform;
  uniformFloat64s: FusedUniform;
  aliasPicks(n: number, size: number, prob: number, alias: number, out: number): void;
  toInt32(src: number, n: number, dst: number): void;
  toFloat32(src: number, n: number, dst: number): void;
  toInt64(src: number, n: number, dst: number): void;
  sequenceInt64s(first: number, step: number, n: number, dst: number): void;
  validityBits(k0x: number, k1: number, lo: number, n: number, threshold: number, dst: number): number;
  belows(k0x: number, k1: number, lo: number, draw: number, size: number, n: number, out: number): void;
  stems(k0: number, lo: number, n: number, out: number): void;
  stemBelows(stems: number, c: number, size: number, n: number, out: number): void;
  stemBelowsEach(stems: number, c: number, sizes: number, n: number, out: number): void;
}

/** A table copied into the module's memory once: its byte offset. */
export interface WasmTable {
  readonly ptr: number;
}

/** One thread's instance of the number kernels, with its memory layout. */
export interface NumbersWasm {
  readonly fn: NumbersExports;
  /** Copies a typed array into the table area (once per table and thread) and returns its offset. */
  table(values: Float64Array | Int32Array): WasmTable;
  /**
   * Room for `n` values (rounded up to a multiple of 4, the SIMD width): `samples` (doubles) and
   * `layout` (up to 8 bytes per value) byte offsets, then `stagedBytes` at `staged` for one call's
   * own tables (copied per call: a per-parameter table kept by `table` would never be freed). Call
   * before taking views: it may grow memory.
   */
  reserve(
    n: number,
    stagedBytes?: number,
  ): { readonly padded: number; readonly samples: number; readonly layout: number; readonly staged: number };
  /** The module's memory as bytes, fetched after reserve (growth replaces the buffer). */
  bytes(): ArrayBuffer;
}

const PAGE = 65536;

function instantiate(): NumbersWasm {
  const module = new WebAssembly.Module(Buffer.from(WASM_BASE64, "base64"));
  const fn = new WebAssembly.Instance(module, {}).exports as unknown as NumbersExports;
  const tables = new Map<Float64Array | Int32Array, WasmTable>();
  // Tables sit between the module's static data and `tableEnd`; scratch follows, re-based whenever
  // a table is added.
  let tableEnd = (fn.heapBase() + 15) & ~15;
  const grow = (bytes: number): void => {
    const have = fn.memory.buffer.byteLength;
    if (bytes > have) fn.memory.grow(Math.ceil((bytes - have) / PAGE));
  };
  return {
    fn,
    table(values) {
      const hit = tables.get(values);
      if (hit !== undefined) return hit;
      const ptr = tableEnd;
      grow(ptr + values.byteLength);
      new Uint8Array(fn.memory.buffer, ptr, values.byteLength).set(
        new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
      );
      tableEnd = (ptr + values.byteLength + 15) & ~15;
      const entry = { ptr };
      tables.set(values, entry);
      return entry;
    },
    reserve(n, stagedBytes = 0) {
      const padded = (n + 3) & ~3;
      const samples = tableEnd;
      const layout = samples + 8 * padded;
      const staged = layout + 8 * padded;
      grow(staged + stagedBytes);
      return { padded, samples, layout, staged };
    },
    bytes: () => fn.memory.buffer,
  };
}

let instance: NumbersWasm | null | undefined;

/** This thread's number kernels, or undefined when WebAssembly SIMD is unavailable or turned off. */
export function numbersWasm(): NumbersWasm | undefined {
  if (instance === undefined) {
    try {
      instance = process.env.SYNTHSTREAM_WASM === "0" ? null : instantiate();
    } catch {
      // No SIMD support (or no WebAssembly): the TypeScript kernels produce the same bytes.
      instance = null;
    }
  }
  return instance ?? undefined;
}
