/**
 * kernels/number: the WASM SIMD fast path for a resolved Sampler (src/wasm/numbers.ts), for rows
 * start .. start+count inside one 2^32 block. Uniform, normal, lognormal and exponential columns run
 * there whole: normal tails and ziggurat misses included (the ziggurat's slow path ports V8's fdlibm
 * exp and log), so the bytes equal the TypeScript reference's.
 * Work goes in chunks small enough to stay in L1 (sample → finish → convert), and each chunk is
 * copied once into the column's buffer: memory traffic, not arithmetic, bounds this path.
 */
import type { Data } from "apache-arrow";
import { elementsOf, layoutData, numericData, unfilled } from "../arrow/values.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import type { LogicalType } from "../plan/logical-type.js";
import { CHUNK, columnChunks, int32s } from "../wasm/column-chunks.js";
import { blockKey, type NumbersWasm, numbersWasm } from "../wasm/numbers.js";
import type { AliasTable } from "./alias-table.js";
import type { Rows } from "./kernel.js";
import { CELLS_PER_UNIT, CENTRAL_HALF_WIDTH, CENTRAL_TABLE, TAIL_TABLE } from "./normal-table.js";
import { finishIsNoop, finishNumbers } from "./number-finish.js";
import { POISSON_ALIAS_MAX_LAMBDA, poissonAlias, SHORT_SPAN } from "./number-sample.js";
import type { Sampler } from "./number-sampler.js";
import { EXP_TABLE } from "./table-exp.js";
import { ZIGGURAT_FX, ZIGGURAT_INNER, ZIGGURAT_STEP } from "./ziggurat.js";

const TWO_32 = 4294967296;

/** The samplers with a SIMD kernel (Poisson: its alias-table range, λ ≤ POISSON_ALIAS_MAX_LAMBDA). */
type FastSampler = Extract<
  Sampler,
  { kind: "uniformInt" | "uniformFloat" | "normal" | "exponential" | "poisson" }
>;

function isFast(s: Sampler): s is FastSampler {
  if (s.kind === "poisson") return s.lambda <= POISSON_ALIAS_MAX_LAMBDA;
  return (
    s.kind === "uniformInt" || s.kind === "uniformFloat" || s.kind === "normal" || s.kind === "exponential"
  );
}

/** One call's constants: the key with the row's high word folded in, and table offsets. */
interface Job {
  readonly wasm: NumbersWasm;
  readonly s: FastSampler;
  readonly k1: number;
  /** hash.ts rowInput xors k0 with the row's high-word term: folded in once. */
  readonly k0x: number;
  readonly tables: readonly number[];
}

/**
 * The column as Arrow Data, built in WASM for contiguous rows; undefined when the fast path does not
 * apply (scattered rows, a range crossing a 2^32 block, samplers without a SIMD kernel).
 */
export function wasmNumberData(
  s: Sampler,
  gen: GeneratorParams,
  type: LogicalType,
  key: { k0: number; k1: number },
  rows: Rows,
  memory: (byteLength: number) => Uint8Array = freshBytes,
): Data | undefined {
  const { start, count } = rows;
  if (!isFast(s)) return undefined;
  const k0x = blockKey(key.k0, rows);
  if (k0x === undefined) return undefined;
  const wasm = numbersWasm();
  if (wasm === undefined) return undefined;
  const { k1 } = key;
  const kept = tablesFor(wasm, s);
  const alias = s.kind === "poisson" ? poissonAlias(s.lambda) : undefined;
  const { samples, layout, staged } = wasm.reserve(CHUNK, alias === undefined ? 0 : stagedBytes(alias));
  const tables = alias === undefined ? kept : stageAlias(wasm, alias, staged);
  const job: Job = { wasm, s, k1, k0x, tables };
  const out = columnBuffer(type, count, memory);
  const finished = s.kind === "uniformInt" && s.final;
  const fused = fusedKernel(s, gen, type);
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    if (fused !== undefined) {
      fused(wasm.fn, job.k0x, k1, (start + done) % TWO_32, (n + 3) & ~3, layout);
      copyLayout(wasm, type, layout, n, out, done);
      continue;
    }
    const values = sampleChunk(job, start + done, n, samples, layout);
    if (!finished) finishNumbers(values, gen, type);
    copyChunk(wasm, type, values, layout, out, done);
  }
  return type.name === "decimal" ? numericData(type, out as Float64Array) : layoutData(type, out);
}

/**
 * Alias-table picks over uniform53 draw 0 of contiguous rows (alias-table.ts pickAliasColumn over
 * rng/hash.ts uniform53Column, same indices), into `out`; false when the fast path does not apply.
 * Categorical columns use it: their values are dictionary indices.
 */
export function wasmAliasPicks(
  t: AliasTable,
  key: { k0: number; k1: number },
  rows: Rows,
  out: Int32Array,
): boolean {
  const k0x = blockKey(key.k0, rows);
  const wasm = k0x === undefined ? undefined : numbersWasm();
  if (wasm === undefined) return false;
  const region = wasm.reserve(CHUNK, stagedBytes(t));
  const table = stageAlias(wasm, t, region.staged);
  columnChunks(wasm, region, rows.start, out, int32s, (c) => {
    aliasChunk(wasm.fn, k0x!, key.k1, c.lo, c.padded, table, c.samples);
    wasm.fn.toInt32(c.samples, c.padded, c.layout);
  });
  return true;
}

/** A WASM kernel that draws, scales and converts rows lo .. lo+n straight into the column's layout. */
type FusedKernel = (
  fn: NumbersWasm["fn"],
  k0x: number,
  k1: number,
  lo: number,
  n: number,
  dst: number,
) => void;

/** The fused kernel for uniform columns whose finish step is a no-op, if the column has one. */
function fusedKernel(s: FastSampler, gen: GeneratorParams, type: LogicalType): FusedKernel | undefined {
  if (s.kind === "uniformInt" && s.final && type.name === "int32" && s.span <= SHORT_SPAN)
    return (fn, k0x, k1, lo, n, dst) => fn.uniformInt32s(k0x, k1, lo, n, s.base, s.span, dst);
  if (s.kind !== "uniformFloat" || !finishIsNoop(gen, type)) return undefined;
  if (type.name === "float32")
    return (fn, k0x, k1, lo, n, dst) => fn.uniformFloat32s(k0x, k1, lo, n, s.from, s.span, dst);
  return (fn, k0x, k1, lo, n, dst) => fn.uniformFloat64s(k0x, k1, lo, n, s.from, s.span, dst);
}

/** Bytes an alias table takes staged in WASM memory: f64 probabilities, then i32 aliases. */
function stagedBytes(t: AliasTable): number {
  return 8 * t.prob.length + 16 + 4 * t.alias.length;
}

/** A staged alias table: prob and alias offsets in WASM memory, and its size. */
type StagedAlias = readonly [prob: number, alias: number, size: number];

/** Alias picks over uniform53 draw 0 of rows lo .. lo+n, written as doubles at `at`. */
function aliasChunk(
  fn: NumbersWasm["fn"],
  k0x: number,
  k1: number,
  lo: number,
  n: number,
  [prob, alias, size]: StagedAlias,
  at: number,
): void {
  fn.uniforms53(k0x, k1, lo, n, at);
  fn.aliasPicks(n, size, prob, alias, at);
}

/**
 * Copies an alias table to the staged area (per call: one table per Poisson λ kept for the thread's
 * life would grow WASM memory without bound); returns the prob and alias offsets, and the size.
 */
function stageAlias(wasm: NumbersWasm, t: AliasTable, at: number): StagedAlias {
  const size = t.prob.length;
  const aliasAt = (at + 8 * size + 15) & ~15;
  new Float64Array(wasm.bytes(), at, size).set(t.prob);
  new Int32Array(wasm.bytes(), aliasAt, size).set(t.alias);
  return [at, aliasAt, size];
}

/** Tables go into WASM memory before reserve: adding one moves the scratch area. */
function tablesFor(wasm: NumbersWasm, s: FastSampler): readonly number[] {
  if (s.kind === "normal")
    return [wasm.table(CENTRAL_TABLE).ptr, wasm.table(TAIL_TABLE).ptr, wasm.table(EXP_TABLE).ptr];
  if (s.kind === "exponential")
    return [wasm.table(ZIGGURAT_INNER).ptr, wasm.table(ZIGGURAT_STEP).ptr, wasm.table(ZIGGURAT_FX).ptr];
  return [];
}

/** Memory for a column's values that no caller placed: fresh, unzeroed (every byte is written). */
function freshBytes(byteLength: number): Uint8Array {
  return unfilled(Uint8Array, byteLength);
}

/**
 * The column's buffer in its Arrow layout, in `memory` (BatchContext.valuesBuffer: in a pool worker,
 * the column's own place in the batch's IPC message). Decimal columns hold doubles here, which
 * numericData then encodes into a buffer of its own.
 */
function columnBuffer(
  type: LogicalType,
  n: number,
  memory: (byteLength: number) => Uint8Array,
): Int32Array | Float32Array | Float64Array {
  switch (type.name) {
    case "int32":
      return elementsOf(Int32Array, memory(4 * n), n);
    case "float32":
      return elementsOf(Float32Array, memory(4 * n), n);
    case "int64":
      return elementsOf(Int32Array, memory(8 * n), 2 * n);
    case "decimal":
      return unfilled(Float64Array, n);
    default:
      return elementsOf(Float64Array, memory(8 * n), n);
  }
}

/** Raw samples of rows row .. row+n, as a view over WASM memory; `scratch` is free for the kernel. */
function sampleChunk(job: Job, row: number, n: number, at: number, scratch: number): Float64Array {
  const { wasm, s, k0x, k1, tables } = job;
  const { fn } = wasm;
  const lo = row % TWO_32;
  const padded = (n + 3) & ~3;
  switch (s.kind) {
    case "uniformInt":
      if (s.span <= SHORT_SPAN) fn.uniforms32(k0x, k1, lo, padded, at);
      else fn.uniforms53(k0x, k1, lo, padded, at);
      fn.scaleFloor(padded, s.base, s.span, at);
      break;
    case "uniformFloat":
      if (s.bits32) fn.uniforms32(k0x, k1, lo, padded, at);
      else fn.uniforms53(k0x, k1, lo, padded, at);
      fn.scaleShift(padded, s.from, s.span, at);
      break;
    case "normal":
      fn.normals(
        k0x,
        k1,
        lo,
        padded,
        s.mean,
        s.sd,
        s.exp,
        CENTRAL_HALF_WIDTH,
        CELLS_PER_UNIT,
        tables[0]!,
        tables[1]!,
        tables[2]!,
        at,
        scratch,
      );
      break;
    case "poisson":
      aliasChunk(fn, k0x, k1, lo, padded, tables as StagedAlias, at);
      break;
    case "exponential":
      fn.exponentials(k0x, k1, lo, padded, s.scale, tables[0]!, tables[1]!, tables[2]!, at, scratch);
      break;
  }
  return new Float64Array(wasm.bytes(), at, n);
}

/** Converts a chunk to the column's layout in WASM and copies it to `out` at value `done`. */
function copyChunk(
  wasm: NumbersWasm,
  type: LogicalType,
  values: Float64Array,
  layout: number,
  out: Int32Array | Float32Array | Float64Array,
  done: number,
): void {
  const n = values.length;
  const padded = (n + 3) & ~3;
  if (type.name === "int32") wasm.fn.toInt32(values.byteOffset, padded, layout);
  else if (type.name === "float32") wasm.fn.toFloat32(values.byteOffset, padded, layout);
  else if (type.name === "int64") wasm.fn.toInt64(values.byteOffset, padded, layout);
  else {
    out.set(values, done);
    return;
  }
  copyLayout(wasm, type, layout, n, out, done);
}

/** Copies n values in the column's layout at WASM offset `layout` to `out` at value `done`. */
function copyLayout(
  wasm: NumbersWasm,
  type: LogicalType,
  layout: number,
  n: number,
  out: Int32Array | Float32Array | Float64Array,
  done: number,
): void {
  const bytes = wasm.bytes();
  if (type.name === "int32") out.set(new Int32Array(bytes, layout, n), done);
  else if (type.name === "float32") out.set(new Float32Array(bytes, layout, n), done);
  else if (type.name === "int64") out.set(new Int32Array(bytes, layout, 2 * n), 2 * done);
  else out.set(new Float64Array(bytes, layout, n), done);
}
