/**
 * tableExp, the exp of lognormal columns: within 2 ulp of Math.exp (fdlibm) over its whole range,
 * exact where e^x is, and the IEEE edges (overflow, underflow through the subnormals, NaN).
 */
import { describe, expect, it } from "vitest";
import { tableExp } from "../../src/kernels/table-exp.js";

const BITS = new Float64Array(2);
const WORDS = new BigInt64Array(BITS.buffer);

/** The distance between two positive finite doubles, in units in the last place. */
function ulps(a: number, b: number): number {
  BITS[0] = a;
  BITS[1] = b;
  return Math.abs(Number(WORDS[0]! - WORDS[1]!));
}

describe("tableExp", () => {
  it("is within 2 ulp of Math.exp from the smallest normal result to the largest finite one", () => {
    let worst = 0;
    // An irrational step: no point sits on a table node; 10^6 points over [-708, 709.7].
    for (let i = 0; i < 1_000_000; i++) {
      const x = -708 + 1417.7 * ((i * Math.SQRT1_2) % 1);
      worst = Math.max(worst, ulps(tableExp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    // Near zero, where lognormal exponents with a small sigma live.
    for (let i = -1000; i <= 1000; i++)
      expect(ulps(tableExp(i * 1e-6), Math.exp(i * 1e-6))).toBeLessThanOrEqual(1);
  });

  it("is exact where e^x is a table entry or 1, and gives e at 1", () => {
    expect(tableExp(0)).toBe(1);
    expect(tableExp(-0)).toBe(1);
    expect(tableExp(1)).toBe(Math.E);
    expect(tableExp(Math.LN2)).toBe(2);
  });

  it("overflows to Infinity, underflows through the subnormals to 0, and keeps NaN", () => {
    expect(tableExp(709.78)).toBe(Math.exp(709.78));
    expect(tableExp(710)).toBe(Number.POSITIVE_INFINITY);
    expect(tableExp(1e300)).toBe(Number.POSITIVE_INFINITY);
    expect(tableExp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    // Subnormal results: one rounding, at most 1 ulp of the subnormal grid from fdlibm.
    for (const x of [-709, -720, -740, -744.4])
      expect(Math.abs(tableExp(x) - Math.exp(x))).toBeLessThanOrEqual(5e-324);
    expect(tableExp(-746)).toBe(0);
    expect(tableExp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(tableExp(Number.NaN)).toBeNaN();
  });
});
