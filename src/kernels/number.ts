/**
 * kernels/number: numbers from a distribution, clamped and rounded to the column type.
 * value(row) = finish(sample(key, row)). The distribution is resolved once per batch and the switch
 * sits outside the row loops; finishNumbers clamps to [min, max] and the type's range, then rounds.
 */
import { numericData } from "../arrow/values.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { isNumeric, type LogicalType } from "../plan/logical-type.js";
import { uniform53, uniformOpen } from "../rng/hash.js";
import { createPoisson, inverseNormal, samplePoisson } from "./distributions.js";
import type { Kernel, Rows } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { finishNumbers, isIntegral } from "./number-finish.js";
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
 */
export function sampleNumbers(
  out: Float64Array,
  gen: GeneratorParams,
  type: LogicalType,
  key: { k0: number; k1: number },
  rows: Rows,
): void {
  const { kind, p } = distributionOf(gen);
  const { k0, k1 } = key;
  const n = rows.count;
  switch (kind) {
    case "uniform": {
      const lo = num(p, "min", 0);
      const hi = num(p, "max", 0);
      if (isIntegral(type)) {
        // Integer uniforms cover [min, max] inclusive, as users of randint expect.
        const base = Math.ceil(lo);
        const span = Math.floor(hi) - base + 1;
        if (span < 1) out.fill(Math.round(lo));
        else
          for (let i = 0; i < n; i++) out[i] = base + Math.floor(uniform53(k0, k1, rowAt(rows, i), 0) * span);
      } else {
        const span = hi - lo;
        for (let i = 0; i < n; i++) out[i] = lo + uniform53(k0, k1, rowAt(rows, i), 0) * span;
      }
      return;
    }
    case "normal": {
      const mean = num(p, "mean", 0);
      const sd = num(p, "stddev", 0);
      for (let i = 0; i < n; i++) out[i] = mean + sd * inverseNormal(uniformOpen(k0, k1, rowAt(rows, i), 0));
      return;
    }
    case "lognormal": {
      const mu = num(p, "mu", 0);
      const sigma = num(p, "sigma", 0);
      for (let i = 0; i < n; i++)
        out[i] = Math.exp(mu + sigma * inverseNormal(uniformOpen(k0, k1, rowAt(rows, i), 0)));
      return;
    }
    case "exponential": {
      const scale = 1 / num(p, "rate", 1);
      for (let i = 0; i < n; i++) out[i] = -Math.log(uniformOpen(k0, k1, rowAt(rows, i), 0)) * scale;
      return;
    }
    case "poisson": {
      const plan = createPoisson(num(p, "lambda", 1));
      for (let i = 0; i < n; i++) out[i] = samplePoisson(plan, k0, k1, rowAt(rows, i));
      return;
    }
    case "zipf": {
      const plan = createZipf(num(p, "n", 1), num(p, "s", 1));
      for (let i = 0; i < n; i++) out[i] = sampleZipf(plan, k0, k1, rowAt(rows, i));
      return;
    }
  }
}

export const numberKernel: Kernel = {
  naturalType: (gen) => {
    const { kind } = distributionOf(gen);
    return kind === "poisson" || kind === "zipf" ? { name: "int64" } : { name: "float64" };
  },
  accepts: isNumeric,
  compile: ({ gen }) => ({ params: gen, deps: [], violations: [] }),
  build(col, rows) {
    const out = new Float64Array(rows.count);
    sampleNumbers(out, col.params, col.type, col.key, rows);
    finishNumbers(out, col.params, col.type);
    return numericData(col.type, out);
  },
};
