/**
 * kernels/number: a number generator's parameters, resolved once per batch into a Sampler, and the
 * TypeScript loops that run it. The WASM fast path (number-wasm.ts) runs the same Sampler; both give
 * the same bytes, and this file is the reference.
 * Proto JSON omits zero-valued fields, so every missing parameter reads as 0 — the value validation
 * saw — except where validation requires a positive value.
 */
import type { GeneratorParams } from "../compile/compiled-plan.js";
import type { LogicalType } from "../plan/logical-type.js";
import type { Rows } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { isIntegral, typeRange } from "./number-finish.js";
import { exponentials, normals, poissons, uniformFloats, uniformInts } from "./number-sample.js";
import { num, obj } from "./params.js";
import { createZipf, sampleZipf } from "./zipf.js";

const KINDS = ["uniform", "normal", "lognormal", "exponential", "poisson", "zipf"] as const;

/** A distribution with its parameters resolved for one column type. */
export type Sampler =
  /** Integers base .. base + span - 1; `final` when they already lie inside the column's bounds. */
  | { readonly kind: "uniformInt"; readonly base: number; readonly span: number; readonly final: boolean }
  /** Doubles in [from, from + span); `bits32` when one 32-bit draw suffices (float32 columns). */
  | { readonly kind: "uniformFloat"; readonly from: number; readonly span: number; readonly bits32: boolean }
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number; readonly exp: boolean }
  | { readonly kind: "exponential"; readonly scale: number }
  | { readonly kind: "poisson"; readonly lambda: number }
  | { readonly kind: "zipf"; readonly n: number; readonly s: number };

/** The distribution a number generator names (uniform [0,1) when none). */
export function distributionOf(gen: GeneratorParams): { kind: (typeof KINDS)[number]; p: GeneratorParams } {
  for (const kind of KINDS) {
    const p = obj(gen, kind);
    if (p !== undefined) return { kind, p };
  }
  return { kind: "uniform", p: { min: 0, max: 1 } };
}

/** Resolves a number generator's parameters for a column type. */
export function resolveSampler(gen: GeneratorParams, type: LogicalType): Sampler {
  const { kind, p } = distributionOf(gen);
  switch (kind) {
    case "uniform": {
      const lo = num(p, "min", 0);
      const hi = num(p, "max", 0);
      if (!isIntegral(type))
        return { kind: "uniformFloat", from: lo, span: hi - lo, bits32: type.name === "float32" };
      // Integer uniforms cover [min, max] inclusive, as users of randint expect.
      const base = Math.ceil(lo);
      const span = Math.floor(hi) - base + 1;
      if (span < 1) return { kind: "constant", value: Math.round(lo) };
      const [tlo, thi] = typeRange(type);
      const final =
        base >= Math.max(tlo, num(gen, "min", tlo)) && base + span - 1 <= Math.min(thi, num(gen, "max", thi));
      return { kind: "uniformInt", base, span, final };
    }
    case "normal":
      return { kind: "normal", mean: num(p, "mean", 0), sd: num(p, "stddev", 0), exp: false };
    case "lognormal":
      return { kind: "normal", mean: num(p, "mu", 0), sd: num(p, "sigma", 0), exp: true };
    case "exponential":
      return { kind: "exponential", scale: 1 / num(p, "rate", 1) };
    case "poisson":
      return { kind: "poisson", lambda: num(p, "lambda", 1) };
    case "zipf":
      return { kind: "zipf", n: num(p, "n", 1), s: num(p, "s", 1) };
  }
}

/** Fills `out` with raw samples; returns true when they are already final (see Sampler). */
export function runSampler(
  out: Float64Array,
  s: Sampler,
  key: { k0: number; k1: number },
  rows: Rows,
): boolean {
  const { k0, k1 } = key;
  switch (s.kind) {
    case "uniformInt":
      uniformInts(out, s.base, s.span, k0, k1, rows);
      return s.final;
    case "uniformFloat":
      uniformFloats(out, s.from, s.span, s.bits32, k0, k1, rows);
      return false;
    case "constant":
      out.fill(s.value);
      return false;
    case "normal":
      normals(out, s.mean, s.sd, s.exp, k0, k1, rows);
      return false;
    case "exponential":
      exponentials(out, s.scale, k0, k1, rows);
      return false;
    case "poisson":
      poissons(out, s.lambda, k0, k1, rows);
      return false;
    case "zipf": {
      const plan = createZipf(s.n, s.s);
      for (let i = 0; i < out.length; i++) out[i] = sampleZipf(plan, k0, k1, rowAt(rows, i));
      return false;
    }
  }
}
