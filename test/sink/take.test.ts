/** takeRows picks rows of every column type (nulls, strings, dictionaries, bools, decimals) in order. */
import { describe, expect, it } from "vitest";
import { generateBatch } from "../../src/arrow/batch.js";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { takeRows } from "../../src/sink/take.js";
import { SHOP_PLAN } from "./helpers.js";

describe("takeRows", () => {
  it("equals the same rows read one by one, for every column", () => {
    const parsed = parsePlanText(SHOP_PLAN);
    if (!parsed.ok) throw new Error("plan");
    const compiled = compilePlan(parsed.plan);
    if (!compiled.ok) throw new Error("compile");
    const batch = generateBatch(compiled.plan, "customers", 0, 300);
    const rows = Int32Array.from([299, 0, 7, 7, 150, 33, 1]);
    const sub = takeRows(batch, rows);
    expect(sub.numRows).toBe(rows.length);
    for (const f of batch.schema.fields) {
      const want = [...rows].map((r) => batch.getChild(f.name)!.get(r));
      const got = [...rows.keys()].map((i) => sub.getChild(f.name)!.get(i));
      expect(got.map(String), f.name).toEqual(want.map(String));
      const nulls = [...rows].map((r) => batch.getChild(f.name)!.isValid(r));
      expect(
        [...rows.keys()].map((i) => sub.getChild(f.name)!.isValid(i)),
        f.name,
      ).toEqual(nulls);
    }
  });
});
