import { equals } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../src/gen/synthstream/v1/plan_pb.js";
import { parsePlanText, planFromJson } from "../../src/plan/parse-plan.js";

const YAML_PLAN = `
name: shop
seed: 42
tables:
  - name: customers
    rows: 1000
    primary_key: id
    columns:
      - name: id
        sequence: {start: 10}
      - {name: tier, categorical: {values: [a, b], weights: [2, 1]}}
      - {name: age, type: int32, number: {normal: {mean: 40, stddev: 12}, min: 18}}
`;

const JSON_PLAN = {
  name: "shop",
  seed: "42",
  tables: [
    {
      name: "customers",
      rows: 1000,
      primaryKey: "id",
      columns: [
        { name: "id", sequence: { start: "10" } },
        { name: "tier", categorical: { values: ["a", "b"], weights: [2, 1] } },
        { name: "age", type: "int32", number: { normal: { mean: 40, stddev: 12 }, min: 18 } },
      ],
    },
  ],
};

describe("parsePlanText / planFromJson", () => {
  it("gives equal Plan messages for YAML, JSON text and a JSON value", () => {
    const fromYaml = parsePlanText(YAML_PLAN);
    const fromJsonText = parsePlanText(JSON.stringify(JSON_PLAN));
    const fromValue = planFromJson(JSON_PLAN);
    expect(fromYaml.ok && fromJsonText.ok && fromValue.ok).toBe(true);
    if (!fromYaml.ok || !fromJsonText.ok || !fromValue.ok) return;
    expect(equals(PlanSchema, fromYaml.plan, fromJsonText.plan)).toBe(true);
    expect(equals(PlanSchema, fromYaml.plan, fromValue.plan)).toBe(true);
    expect(fromYaml.plan.tables[0]?.columns[2]?.type).toBe("int32");
    expect(fromYaml.plan.seed).toBe(42n);
  });

  it("reports unknown fields with their path and a did-you-mean", () => {
    const res = parsePlanText(
      "tables:\n  - name: t\n    primry_key: id\n    columns:\n      - {name: id, sequense: {}}",
    );
    expect(res.ok).toBe(false);
    expect(!res.ok && res.violations).toEqual([
      { path: "tables[0].primry_key", message: 'unknown field "primry_key" (did you mean "primary_key"?)' },
      {
        path: "tables[0].columns[0].sequense",
        message: 'unknown field "sequense" (did you mean "sequence"?)',
      },
    ]);
  });

  it("reports wrong JSON types, bad integers and two generators, each at its path", () => {
    const res = planFromJson({
      name: 5,
      seed: -1,
      tables: [
        { name: "t", rows: "many", fixed_size: "yes", columns: { name: "x" } },
        { name: "u", rows: 1e30, columns: [{ name: "a", uuid: {}, sequence: {} }, "oops"] },
      ],
    });
    expect(res.ok).toBe(false);
    const got = !res.ok ? res.violations : [];
    expect(got.map((v) => v.path)).toEqual([
      "name",
      "seed",
      "tables[0].rows",
      "tables[0].fixed_size",
      "tables[0].columns",
      "tables[1].rows",
      "tables[1].columns[0].sequence",
      "tables[1].columns[1]",
    ]);
    expect(got[0]?.message).toBe("expected a string, got number");
    expect(got[1]?.message).toBe("must not be negative");
    expect(got[2]?.message).toBe('expected an integer, got string "many"');
    expect(got[5]?.message).toContain("out of range");
    expect(got[6]?.message).toBe('only one generator may be set, but "uuid" is set too');
    expect(got[7]?.message).toBe("expected an object (Column), got string");
  });

  it("turns YAML syntax errors into one clean violation without a code frame", () => {
    const res = parsePlanText("tables: [\n  - name: t\n  {{{");
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.violations).toHaveLength(1);
    expect(res.violations[0]?.path).toBe("");
    expect(res.violations[0]?.message).toMatch(/^plan: cannot parse YAML\/JSON: /);
    expect(res.violations[0]?.message).not.toContain("\n");
  });

  it("rejects duplicate keys, empty text and a non-object root", () => {
    const dup = parsePlanText("name: a\nname: b\n");
    expect(!dup.ok && dup.violations[0]?.message).toMatch(/cannot parse YAML\/JSON/);
    const empty = parsePlanText("  \n");
    expect(!empty.ok && empty.violations).toEqual([{ path: "", message: "plan: the plan is empty" }]);
    const list = parsePlanText("[1, 2]");
    expect(!list.ok && list.violations).toEqual([
      { path: "", message: "expected an object (Plan), got array" },
    ]);
  });

  it("accepts YAML .nan/.inf in double fields so validation can name the field", () => {
    const res = parsePlanText(
      "tables:\n  - name: t\n    columns:\n      - {name: c, null_rate: .nan, categorical: {values: [a], weights: [.inf]}}",
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(Number.isNaN(res.plan.tables[0]?.columns[0]?.nullRate)).toBe(true);
  });

  it("reports lone surrogates and keeps messages short for huge names", () => {
    const res = planFromJson({ name: "\ud800", tables: [{ [`x${"y".repeat(10_000)}`]: 1 }] });
    expect(res.ok).toBe(false);
    const got = !res.ok ? res.violations : [];
    expect(got[0]).toEqual({ path: "name", message: "text is not valid Unicode (lone surrogate)" });
    expect(got[1]?.message.length).toBeLessThan(120);
    expect(got[1]?.path.length).toBeLessThan(100);
  });

  it("stops at the nesting limit instead of recursing without bound", () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(planFromJson(deep).ok).toBe(false);
    expect(planFromJson({ tables: deep }).ok).toBe(false);
    const text = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const res = parsePlanText(text);
    expect(res.ok).toBe(false);
  });
});
