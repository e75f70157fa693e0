/**
 * Null rates through the validity bitmap, read back from Arrow at 10^6 rows. The null count is
 * Binomial(n, rate): it must fall within 4 standard errors. Nulls draw from their own key, so the
 * same column with and without a null rate has equal values at the non-null rows, and whether a row is
 * null is independent of its value (equal null rates in the lower and upper half of the values).
 */
import { describe, expect, it } from "vitest";
import { columnData, numbersOf, planOf } from "../rng/sample-column.js";

const N = 1_000_000;

describe("null rate", () => {
  it("observed null fraction is within 4 SE of the rate; values at non-null rows are unchanged", () => {
    const plan = planOf(["{name: v, number: {uniform: {min: 0, max: 1}}, null_rate: 0.2}"], N);
    const clean = planOf(["{name: v, number: {uniform: {min: 0, max: 1}}}"], N);
    const data = columnData(plan, "v", 0, N);
    const values = numbersOf(data);
    const plain = numbersOf(columnData(clean, "v", 0, N));
    expect(clean.tables[0]!.columns[0]!.key).toEqual(plan.tables[0]!.columns[0]!.key);
    let nulls = 0;
    let mismatches = 0;
    // Null rate among rows whose value is below ½ vs above ½: independent draws give equal rates.
    const split = [0, 0];
    const sizes = [0, 0];
    for (let i = 0; i < N; i++) {
      const half = plain[i]! < 0.5 ? 0 : 1;
      sizes[half]!++;
      if (!data.getValid(i)) {
        nulls++;
        split[half]!++;
      } else if (values[i] !== plain[i]) mismatches++;
    }
    expect(data.nullCount).toBe(nulls);
    expect(mismatches).toBe(0);
    expect(Math.abs(nulls / N - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / N));
    const [r0, r1] = [split[0]! / sizes[0]!, split[1]! / sizes[1]!];
    // Difference of two independent proportions: SE = √(p(1-p)(1/n0 + 1/n1)).
    expect(Math.abs(r0 - r1)).toBeLessThan(4 * Math.sqrt(0.2 * 0.8 * (1 / sizes[0]! + 1 / sizes[1]!)));
  });

  it("nulls are a function of the row: a sub-range has the same validity bits", () => {
    const plan = planOf(["{name: c, categorical: {values: [a, b, c]}, null_rate: 0.37}"], 50_000);
    const whole = columnData(plan, "c", 0, 50_000);
    const part = columnData(plan, "c", 12_345, 1_001);
    for (let i = 0; i < 1_001; i++) expect(part.getValid(i)).toBe(whole.getValid(12_345 + i));
  });

  it("rate 0 gives no bitmap, rate 1 makes every row null", () => {
    const none = columnData(planOf(["{name: v, boolean: {}}"], 1000), "v", 0, 1000);
    expect(none.nullCount).toBe(0);
    const all = columnData(planOf(["{name: v, boolean: {}, null_rate: 1}"], 1000), "v", 0, 1000);
    expect(all.nullCount).toBe(1000);
  });

  it("distinct columns get independent null patterns (agreement = p² + (1-p)², 4 SE)", () => {
    const plan = planOf(
      ["{name: a, boolean: {}, null_rate: 0.5}", "{name: b, boolean: {}, null_rate: 0.5}"],
      N,
    );
    const a = columnData(plan, "a", 0, N);
    const b = columnData(plan, "b", 0, N);
    let agree = 0;
    for (let i = 0; i < N; i++) if (a.getValid(i) === b.getValid(i)) agree++;
    expect(Math.abs(agree / N - 0.5)).toBeLessThan(4 * (0.5 / Math.sqrt(N)));
  });
});
