/**
 * kernels/number: the WASM SIMD fast path for a resolved Sampler (src/wasm/numbers.ts), for rows
 * start .. start+count inside one 2^32 block. Uniform, normal, lognormal and exponential columns run
 * there; the rows the SIMD shortcut leaves as NaN (normal tails, ~5%; ziggurat misses, ~1%) are
 * recomputed by the TypeScript reference, so the bytes equal the TypeScript path's.
 * Returns undefined when the fast path does not apply: the caller runs runSampler instead.
 */
import type { Data } from "apache-arrow";
import { layoutData, numericData } from "../arrow/values.js";
import type { LogicalType } from "../plan/logical-type.js";
import { type NumbersWasm, numbersWasm } from "../wasm/numbers.js";
import type { Rows } from "./kernel.js";
import { CELLS_PER_UNIT, CENTRAL_HALF_WIDTH, CENTRAL_TABLE } from "./normal-table.js";
import { normalAt } from "./number-sample.js";
import type { Sampler } from "./number-sampler.js";
import { sampleExponential, ZIGGURAT_INNER, ZIGGURAT_STEP } from "./ziggurat.js";

const TWO_32 = 4294967296;

/** Samples in WASM memory: `values` is a view, valid until the module's next reserve. */
export interface WasmSamples {
  readonly wasm: NumbersWasm;
  readonly values: Float64Array;
  /** Byte offset of the layout scratch (room for 8 bytes per value). */
  readonly layout: number;
  readonly final: boolean;
}

/** Runs `s` in WASM for contiguous rows, or returns undefined. */
export function sampleWasm(s: Sampler, key: { k0: number; k1: number }, rows: Rows): WasmSamples | undefined {
  const { start, count, index } = rows;
  if (index !== undefined || count === 0 || !Number.isSafeInteger(start) || start < 0) return undefined;
  const high = Math.floor(start / TWO_32);
  if (Math.floor((start + count - 1) / TWO_32) !== high) return undefined;
  if (s.kind !== "uniformInt" && s.kind !== "uniformFloat" && s.kind !== "normal" && s.kind !== "exponential")
    return undefined;
  const wasm = numbersWasm();
  if (wasm === undefined) return undefined;
  const { k0, k1 } = key;
  // hash.ts rowInput xors k0 with the row's high word term: fold it in once.
  const k0x = k0 ^ Math.imul(high, 0x85ebca77);
  const lo = start - high * TWO_32;
  const { fn } = wasm;
  // Tables first: adding one moves the scratch area that reserve hands out.
  const tables =
    s.kind === "normal"
      ? wasm.table(CENTRAL_TABLE).ptr
      : s.kind === "exponential"
        ? [wasm.table(ZIGGURAT_INNER).ptr, wasm.table(ZIGGURAT_STEP).ptr]
        : 0;
  const { padded, samples, layout } = wasm.reserve(count);
  switch (s.kind) {
    case "uniformInt":
      // Spans up to 2^20 take one 32-bit draw (number-sample.ts SHORT_SPAN).
      if (s.span <= 1 << 20) fn.uniforms32(k0x, k1, lo, padded, samples);
      else fn.uniforms53(k0x, k1, lo, padded, samples);
      fn.scaleFloor(padded, s.base, s.span, samples);
      break;
    case "uniformFloat":
      if (s.bits32) fn.uniforms32(k0x, k1, lo, padded, samples);
      else fn.uniforms53(k0x, k1, lo, padded, samples);
      fn.scaleShift(padded, s.from, s.span, samples);
      break;
    case "normal":
      fn.normals(
        k0x,
        k1,
        lo,
        padded,
        s.mean,
        s.sd,
        CENTRAL_HALF_WIDTH,
        CELLS_PER_UNIT,
        tables as number,
        samples,
      );
      break;
    case "exponential": {
      const [inner, step] = tables as number[];
      fn.exponentials(k0x, k1, lo, padded, s.scale, inner!, step!, samples);
      break;
    }
  }
  const values = new Float64Array(wasm.bytes(), samples, count);
  if (s.kind === "normal") patchNormals(values, s.mean, s.sd, s.exp, k0, k1, start);
  if (s.kind === "exponential") {
    for (let i = 0; i < count; i++)
      if (Number.isNaN(values[i])) values[i] = sampleExponential(k0, k1, start + i) * s.scale;
  }
  return { wasm, values, layout, final: s.kind === "uniformInt" && s.final };
}

/** Lognormal exponentiates the SIMD values; NaN rows (the tails) take the reference path whole. */
function patchNormals(
  values: Float64Array,
  mean: number,
  sd: number,
  exp: boolean,
  k0: number,
  k1: number,
  start: number,
): void {
  if (exp) for (let i = 0; i < values.length; i++) values[i] = Math.exp(values[i]!);
  for (let i = 0; i < values.length; i++)
    if (Number.isNaN(values[i])) values[i] = normalAt(mean, sd, exp, k0, k1, start + i);
}

/**
 * The samples as Arrow Data of the column type (plan/logical-type.ts isNumeric): int32, int64 and
 * float32 convert in WASM and are copied out once, float64 is copied as is, decimal goes through
 * numericData.
 */
export function wasmNumericData(t: LogicalType, s: WasmSamples): Data {
  const { wasm, values, layout } = s;
  const n = values.length;
  const padded = (n + 3) & ~3;
  switch (t.name) {
    case "int32":
      wasm.fn.toInt32(values.byteOffset, padded, layout);
      return layoutData(t, new Int32Array(wasm.bytes(), layout, n).slice());
    case "float32":
      wasm.fn.toFloat32(values.byteOffset, padded, layout);
      return layoutData(t, new Float32Array(wasm.bytes(), layout, n).slice());
    case "int64":
      wasm.fn.toInt64(values.byteOffset, n, layout);
      return layoutData(t, new Int32Array(wasm.bytes(), layout, 2 * n).slice());
    case "float64":
      return layoutData(t, values.slice());
    default:
      return numericData(t, values);
  }
}
