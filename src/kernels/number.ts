/**
 * kernels/number: numbers from a distribution, clamped and rounded to the column type.
 * value(row) = finish(sample(key, row)). The distribution is resolved once per batch and the switch
 * sits outside the row loops; finishNumbers clamps to [min, max] and the type's range, then rounds.
 */
import { numericData } from "../arrow/values.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { isNumeric, type LogicalType } from "../plan/logical-type.js";
import type { Kernel, Rows } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { finishNumbers, isIntegral, typeRange } from "./number-finish.js";
import { exponentials, normals, poissons, uniformFloats, uniformInts } from "./number-sample.js";
import { num, obj } from "./params.js";
import { createZipf, sampleZipf } from "./zipf.js";

export { finishNumbers } from "./number-finish.js";

const KINDS = ["uniform", "normal", "lognormal", "exponential", "poisson", "zipf"] as const;

/** The distribution a number generator names (uniform [0,1) when none). */
export function distributionOf(gen: GeneratorParams): { kind: (typeof KINDS)[number]; p: GeneratorParams } {
  for (const kind of KINDS) {
    const p = obj(gen, kind);
    if (p !== undefined) return { kind, p };
  }
  return { kind: "uniform", p: { min: 0, max: 1 } };
}

/**
 * Fills `out` with raw samples. Proto JSON omits zero-valued fields, so every missing parameter
 * reads as 0 — the value validation saw — except where validation requires a positive value.
 * Returns true when the samples are already final: integers inside the column's bounds.
 */
export function sampleNumbers(
  out: Float64Array,
  gen: GeneratorParams,
  type: LogicalType,
  key: { k0: number; k1: number },
  rows: Rows,
): boolean {
  const { kind, p } = distributionOf(gen);
  const { k0, k1 } = key;
  switch (kind) {
    case "uniform": {
      const lo = num(p, "min", 0);
      const hi = num(p, "max", 0);
      if (!isIntegral(type)) {
        uniformFloats(out, lo, hi - lo, type.name === "float32", k0, k1, rows);
        return false;
      }
      // Integer uniforms cover [min, max] inclusive, as users of randint expect.
      const base = Math.ceil(lo);
      const span = Math.floor(hi) - base + 1;
      if (span < 1) {
        out.fill(Math.round(lo));
        return false;
      }
      uniformInts(out, base, span, k0, k1, rows);
      const [tlo, thi] = typeRange(type);
      return (
        base >= Math.max(tlo, num(gen, "min", tlo)) && base + span - 1 <= Math.min(thi, num(gen, "max", thi))
      );
    }
    case "normal":
      normals(out, num(p, "mean", 0), num(p, "stddev", 0), false, k0, k1, rows);
      return false;
    case "lognormal":
      normals(out, num(p, "mu", 0), num(p, "sigma", 0), true, k0, k1, rows);
      return false;
    case "exponential":
      exponentials(out, 1 / num(p, "rate", 1), k0, k1, rows);
      return false;
    case "poisson":
      poissons(out, num(p, "lambda", 1), k0, k1, rows);
      return false;
    case "zipf": {
      const plan = createZipf(num(p, "n", 1), num(p, "s", 1));
      for (let i = 0; i < out.length; i++) out[i] = sampleZipf(plan, k0, k1, rowAt(rows, i));
      return false;
    }
  }
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
  build(col, rows) {
    // float64 data is the sample array itself, so it must be fresh; other types copy out of scratch.
    const out = col.type.name === "float64" ? new Float64Array(rows.count) : scratchOf(rows.count);
    if (!sampleNumbers(out, col.params, col.type, col.key, rows)) finishNumbers(out, col.params, col.type);
    return numericData(col.type, out);
  },
};
