/**
 * kernels/number: numbers from a distribution, clamped and rounded to the column type.
 * value(row) = round(clamp(F⁻¹(u(row)))) — integers round half away from zero (uniform ints are
 * exact on [min, max]); decimals round to their scale.
 */
import { numericData } from "../arrow/values.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { isNumeric, type LogicalType } from "../plan/logical-type.js";
import { uniform53, uniformOpen } from "../rng/hash.js";
import { inverseNormal, poisson, zipf } from "./distributions.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { num, obj } from "./params.js";

const KINDS = ["uniform", "normal", "lognormal", "exponential", "poisson", "zipf"] as const;

/** The distribution a number generator names (uniform [0,1) when none). */
export function distributionOf(gen: GeneratorParams): { kind: (typeof KINDS)[number]; p: GeneratorParams } {
  for (const kind of KINDS) {
    const p = obj(gen, kind);
    if (p !== undefined) return { kind, p };
  }
  return { kind: "uniform", p: { min: 0, max: 1 } };
}

function isIntegral(t: LogicalType): boolean {
  return t.name === "int32" || t.name === "int64";
}

export const numberKernel: Kernel = {
  naturalType: (gen) => {
    const { kind } = distributionOf(gen);
    return kind === "poisson" || kind === "zipf" ? { name: "int64" } : { name: "float64" };
  },
  accepts: isNumeric,
  compile: ({ gen }) => ({ params: gen, deps: [], violations: [] }),
  build(col, rows) {
    const { kind, p } = distributionOf(col.params);
    const { k0, k1 } = col.key;
    const n = rows.count;
    const out = new Float64Array(n);
    const integral = isIntegral(col.type);
    switch (kind) {
      case "uniform": {
        const lo = num(p, "min", 0);
        const hi = num(p, "max", 1);
        // Integer uniforms cover [min, max] inclusive, as users of randint expect.
        const span = integral ? Math.floor(hi) - Math.ceil(lo) + 1 : hi - lo;
        const base = integral ? Math.ceil(lo) : lo;
        for (let i = 0; i < n; i++) {
          const v = base + uniform53(k0, k1, rowAt(rows, i), 0) * span;
          out[i] = integral ? Math.floor(v) : v;
        }
        break;
      }
      case "normal":
      case "lognormal": {
        const mean = kind === "normal" ? num(p, "mean", 0) : num(p, "mu", 0);
        const sd = kind === "normal" ? num(p, "stddev", 1) : num(p, "sigma", 1);
        for (let i = 0; i < n; i++) {
          const z = mean + sd * inverseNormal(uniformOpen(k0, k1, rowAt(rows, i), 0));
          out[i] = kind === "normal" ? z : Math.exp(z);
        }
        break;
      }
      case "exponential": {
        const rate = num(p, "rate", 1);
        for (let i = 0; i < n; i++) out[i] = -Math.log(uniformOpen(k0, k1, rowAt(rows, i), 0)) / rate;
        break;
      }
      case "poisson": {
        const lambda = num(p, "lambda", 1);
        for (let i = 0; i < n; i++) out[i] = poisson(lambda, uniform53(k0, k1, rowAt(rows, i), 0));
        break;
      }
      case "zipf": {
        const size = num(p, "n", 100);
        const s = num(p, "s", 1.1);
        for (let i = 0; i < n; i++) {
          const r = rowAt(rows, i);
          let draw = 0;
          out[i] = zipf(size, s, () => uniformOpen(k0, k1, r, draw++));
        }
        break;
      }
    }
    finishNumbers(out, col.params, col.type);
    return numericData(col.type, out);
  },
};

/** Clamps and rounds in place, so every numeric kernel ends the same way. */
export function finishNumbers(out: Float64Array, gen: GeneratorParams, type: LogicalType): void {
  const lo = num(gen, "min", Number.NEGATIVE_INFINITY);
  const hi = num(gen, "max", Number.POSITIVE_INFINITY);
  const places = type.name === "decimal" ? type.scale : isIntegral(type) ? 0 : num(gen, "round", -1);
  const mul = places >= 0 ? 10 ** places : 0;
  for (let i = 0; i < out.length; i++) {
    let v = out[i]!;
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    if (mul !== 0) v = Math.sign(v) * Math.round(Math.abs(v) * mul) / mul;
    out[i] = v;
  }
}
