/**
 * The WASM SIMD number path gives exactly the TypeScript reference's bits: every sampler the fast
 * path takes, every numeric column type, odd counts (SIMD padding), rows past 2^32 and a range
 * that crosses a 2^32 block (which must fall back). Also: the checked-in module matches its source.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { numericData } from "../../src/arrow/values.js";
import type { GeneratorParams } from "../../src/compile/compiled-plan.js";
import type { Rows } from "../../src/kernels/kernel.js";
import { finishNumbers } from "../../src/kernels/number-finish.js";
import { resolveSampler, runSampler } from "../../src/kernels/number-sampler.js";
import { wasmNumberData } from "../../src/kernels/number-wasm.js";
import { type LogicalType, parseLogicalType } from "../../src/plan/logical-type.js";
import { numbersWasm } from "../../src/wasm/numbers.js";

const KEY = { k0: 0x1234abcd | 0, k1: 0x9e3779b9 | 0 };

const GENERATORS: Record<string, GeneratorParams> = {
  "uniform int (short span)": { uniform: { min: 1, max: 100 } },
  // A negative base and the largest one-draw span (2^20): the fused integer kernel's edges.
  "uniform int (negative base, span 2^20)": { uniform: { min: -1000000, max: 48575 } },
  "uniform int (wide span)": { uniform: { min: -5e9, max: 5e9 } },
  // int64 words past 2^51, where the SIMD int64 conversion hands pairs to the scalar one.
  "uniform int (wide, near 2^53)": { uniform: { min: -(2 ** 53) + 2, max: 2 ** 53 - 2 } },
  "uniform int (clamped)": { uniform: { min: -10, max: 10 }, min: -3, max: 4 },
  "uniform float": { uniform: { min: -2.5, max: 1000 } },
  "uniform float rounded": { uniform: { min: 0, max: 10 }, round: 2 },
  normal: { normal: { mean: 50, stddev: 10 } },
  lognormal: { lognormal: { mu: 3, sigma: 1 } },
  // Exponents across (-40, 40): both signs of k, every table entry.
  "lognormal wide": { lognormal: { mu: 0, sigma: 12 } },
  // Every exponent exactly 1 (k = 92, r small and negative).
  "lognormal at exp(1)": { lognormal: { mu: 1, sigma: 0 } },
  // Exponents near zero (k = 0, tiny r).
  "lognormal near zero": { lognormal: { mu: 0, sigma: 0.05 } },
  "lognormal tiny": { lognormal: { mu: 0, sigma: 1e-9 } },
  // Exponents past the clamps (overflow to Infinity, underflow to 0) and subnormal results.
  "lognormal overflow (float)": { lognormal: { mu: 700, sigma: 4 } },
  "lognormal underflow (float)": { lognormal: { mu: -730, sigma: 8 } },
  exponential: { exponential: { rate: 0.5 } },
  // Alias-table picks: a small table, one of a few outcomes, and a wide one near the alias limit.
  poisson: { poisson: { lambda: 12 } },
  "poisson (small λ)": { poisson: { lambda: 0.3 } },
  "poisson (wide table)": { poisson: { lambda: 4000 } },
};

/** A logical type from its plan spelling. */
function typeOf(text: string): LogicalType {
  const t = parseLogicalType(text);
  if (typeof t === "string") throw new Error(t);
  return t;
}

/** The types a number generator may produce (plan/logical-type.ts isNumeric). */
const TYPES = ["int32", "int64", "float32", "float64", "decimal(12,2)"];

/** Bytes of a Data's values buffer. */
function bytesOf(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
}

function reference(gen: GeneratorParams, typeName: string, rows: Rows): Uint8Array {
  const type = typeOf(typeName);
  const out = new Float64Array(rows.count);
  if (!runSampler(out, resolveSampler(gen, type), KEY, rows)) finishNumbers(out, gen, type);
  return bytesOf(numericData(type, out).values);
}

function fast(gen: GeneratorParams, typeName: string, rows: Rows): Uint8Array | undefined {
  const type = typeOf(typeName);
  const data = wasmNumberData(resolveSampler(gen, type), gen, type, KEY, rows);
  return data === undefined ? undefined : bytesOf(data.values);
}

describe("WASM number kernels", () => {
  it("instantiates with SIMD on this Node", () => {
    expect(numbersWasm()).toBeDefined();
  });

  const ranges: [string, Rows][] = [
    ["rows 0..4099 (odd tail)", { start: 0, count: 4099 }],
    ["rows 1000..21483 (many chunks)", { start: 1000, count: 20483 }],
    ["rows from 123457, 1 row", { start: 123457, count: 1 }],
    ["rows past 2^32", { start: 2 ** 32 + 77, count: 1031 }],
    ["rows near 2^33 + 2^31", { start: 2 ** 33 + 2 ** 31 - 5, count: 64 }],
  ];
  for (const [name, gen] of Object.entries(GENERATORS)) {
    for (const [what, rows] of ranges) {
      it(`${name}, ${what}: same bytes as the TypeScript reference for every column type`, () => {
        for (const typeName of TYPES) {
          if (typeName === "int32" && name.includes("wide")) continue;
          if (name.includes("(float)") && !typeName.startsWith("float")) continue;
          const got = fast(gen, typeName, rows);
          expect(got, `${typeName} took the fast path`).toBeDefined();
          expect(Buffer.from(got!).equals(Buffer.from(reference(gen, typeName, rows))), typeName).toBe(true);
        }
      });
    }
  }

  it("a million rows of exponentials and normals: every slow-path branch, same bytes", () => {
    // ~11 000 ziggurat misses (base-layer tails, wedges, second attempts) and ~48 000 normal tails.
    const rows = { start: 5_000_000, count: 1_000_000 };
    for (const gen of [GENERATORS.exponential!, GENERATORS.normal!, GENERATORS["lognormal wide"]!]) {
      const got = fast(gen, "float64", rows);
      expect(Buffer.from(got!).equals(Buffer.from(reference(gen, "float64", rows)))).toBe(true);
    }
  });

  it("falls back for a range crossing a 2^32 block, scattered rows and non-SIMD samplers", () => {
    const type = typeOf("float64");
    const uniform = resolveSampler({ uniform: { min: 0, max: 1 } }, type);
    expect(wasmNumberData(uniform, {}, type, KEY, { start: 2 ** 32 - 2, count: 4 })).toBeUndefined();
    expect(
      wasmNumberData(uniform, {}, type, KEY, { start: 0, count: 2, index: new Float64Array([5, 3]) }),
    ).toBeUndefined();
    // Poisson past the alias-table range (PTRS) stays in TypeScript.
    expect(
      wasmNumberData(resolveSampler({ poisson: { lambda: 5000 } }, type), {}, type, KEY, {
        start: 0,
        count: 8,
      }),
    ).toBeUndefined();
  });

  it("the checked-in module is what src/wasm/assembly compiles to", () => {
    expect(() => execFileSync("node", ["scripts/gen-wasm.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  }, 60_000);
});
