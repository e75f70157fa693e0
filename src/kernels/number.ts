/**
 * kernels/number: numbers from a distribution, clamped and rounded to the column type.
 * value(row) = finish(sample(key, row)). The distribution is resolved once per batch into a Sampler
 * (number-sampler.ts); contiguous rows run it in WASM SIMD (number-wasm.ts), scattered rows in the
 * TypeScript reference, with the same bytes. finishNumbers clamps to [min, max] and the type's
 * range, then rounds.
 */
import { numericData } from "../arrow/values.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { isNumeric, type LogicalType } from "../plan/logical-type.js";
import type { Kernel, Rows } from "./kernel.js";
import { finishNumbers } from "./number-finish.js";
import { distributionOf, resolveSampler, runSampler } from "./number-sampler.js";
import { wasmNumberData } from "./number-wasm.js";

export { finishNumbers } from "./number-finish.js";

/**
 * Fills `out` with raw samples (the TypeScript reference). Returns true when the samples are
 * already final: integers inside the column's bounds.
 */
export function sampleNumbers(
  out: Float64Array,
  gen: GeneratorParams,
  type: LogicalType,
  key: { k0: number; k1: number },
  rows: Rows,
): boolean {
  return runSampler(out, resolveSampler(gen, type), key, rows);
}

/**
 * Per-thread scratch for columns whose Arrow layout is not a Float64Array: numericData copies out
 * of it, so one buffer serves every batch and only the final column is allocated.
 */
let scratch = new Float64Array(0);

function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch.subarray(0, n);
}

export const numberKernel: Kernel = {
  naturalType: (gen) => {
    const { kind } = distributionOf(gen);
    return kind === "poisson" || kind === "zipf" ? { name: "int64" } : { name: "float64" };
  },
  accepts: isNumeric,
  compile: ({ gen }) => ({ params: gen, deps: [], violations: [] }),
  build(col, rows, ctx) {
    const sampler = resolveSampler(col.params, col.type);
    const fast = wasmNumberData(sampler, col.params, col.type, col.key, rows, ctx.valuesBuffer);
    if (fast !== undefined) return fast;
    // float64 data is the sample array itself, so it must be fresh; other types copy out of scratch.
    const out = col.type.name === "float64" ? new Float64Array(rows.count) : scratchOf(rows.count);
    if (!runSampler(out, sampler, col.key, rows)) finishNumbers(out, col.params, col.type);
    return numericData(col.type, out);
  },
};
