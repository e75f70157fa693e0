import type { RecordBatch } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { generateBatch } from "../../src/arrow/batch.js";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { columnOf, tableOf } from "../../src/compile/compiled-plan.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { formatViolation } from "../../src/plan/violation.js";
import { compileText } from "../helpers/plans.js";

const ROWS = 1000;
const plan = (columns: string) => `
name: shop
seed: 7
tables:
  - name: orders
    rows: ${ROWS}
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: quantity, type: int32, number: {uniform: {min: 1, max: 10}}}
      - {name: unit_price, type: "decimal(10,2)", number: {uniform: {min: 1, max: 100}}, null_rate: 0.25}
      - {name: tier, categorical: {values: [Bronze, Silver, Gold]}}
      - {name: first_name, semantic: {kind: first_name}}
      - {name: order_date, type: date, expression: {expr: "date('2024-01-01') + id % 366"}}
${columns}`;

const DERIVED = plan(`
      - {name: total, type: "decimal(12,2)", expression: {expr: "quantity * unit_price"}}
      - {name: size, expression: {expr: "if(quantity >= 5, 'big', 'small')"}}
      - {name: label, expression: {expr: "upper(tier) + ':' + first_name"}}
      - {name: tag, expression: {expr: "'#' || id || '/' || lower(tier)"}}
      - {name: ship_date, expression: {expr: "date_add(order_date, quantity)"}}
      - {name: ship_dow, type: int32, expression: {expr: "weekday(ship_date)"}}
      - {name: price_or_zero, type: float64, expression: {expr: "coalesce(unit_price, 0)"}}
      - {name: gold_total, type: float64, expression: {expr: "tier == 'Gold' ? total : null"}, null_rate: 0.5}
`);

/** Column values of a batch as JS values (null where invalid; dates as epoch ms). */
function rows(b: RecordBatch, name: string): unknown[] {
  const v = b.getChild(name)!;
  return Array.from({ length: b.numRows }, (_, i) => v.get(i));
}
/** A small non-negative decimal128 value in units of its scale (the low word suffices). */
function decimalUnits(b: RecordBatch, name: string): (number | null)[] {
  const v = b.getChild(name)!;
  const words = v.data[0]!.values as Uint32Array;
  return Array.from({ length: b.numRows }, (_, i) => (v.isValid(i) ? words[4 * i]! : null));
}
const DAY_MS = 86_400_000;

function violations(text: string): string[] {
  const p = parsePlanText(text);
  if (!p.ok) return p.violations.map(formatViolation);
  const c = compilePlan(p.plan);
  return c.ok ? [] : c.violations.map(formatViolation);
}

describe("expression kernel via generateBatch", () => {
  const compiled = compileText(DERIVED);
  const b = generateBatch(compiled, "orders", 0, ROWS);
  const q = rows(b, "quantity") as number[];
  const cents = decimalUnits(b, "unit_price");

  it("infers column types from the expression when the plan leaves type empty", () => {
    const t = tableOf(compiled, "orders");
    expect(columnOf(t, "size").type).toEqual({ name: "string" });
    expect(columnOf(t, "tag").type).toEqual({ name: "string" });
    expect(columnOf(t, "ship_date").type).toEqual({ name: "date" });
    expect(columnOf(t, "total").deps).toEqual(["quantity", "unit_price"]);
  });

  it("arithmetic is exact to the decimal scale, with nulls propagating from a nullable input", () => {
    const total = decimalUnits(b, "total");
    let nulls = 0;
    for (let i = 0; i < ROWS; i++) {
      if (cents[i] === null) nulls++;
      expect(total[i]).toBe(cents[i] === null ? null : cents[i]! * q[i]!);
    }
    // null_rate 0.25 over 1000 rows: 250 ± 5σ (σ ≈ 13.7)
    expect(nulls).toBeGreaterThan(180);
    expect(nulls).toBeLessThan(320);
  });

  it("if/else and ternary", () => {
    const size = rows(b, "size");
    for (let i = 0; i < ROWS; i++) expect(size[i]).toBe(q[i]! >= 5 ? "big" : "small");
  });

  it("string concatenation over a dictionary column and a semantic column", () => {
    const tier = rows(b, "tier") as string[];
    const first = rows(b, "first_name") as string[];
    const label = rows(b, "label");
    const tag = rows(b, "tag");
    for (let i = 0; i < ROWS; i++) {
      expect(label[i]).toBe(`${tier[i]!.toUpperCase()}:${first[i]}`);
      expect(tag[i]).toBe(`#${i + 1}/${tier[i]!.toLowerCase()}`);
    }
  });

  it("date arithmetic: date_add and weekday", () => {
    const od = rows(b, "order_date") as number[];
    const sd = rows(b, "ship_date") as number[];
    const dow = rows(b, "ship_dow") as number[];
    for (let i = 0; i < ROWS; i++) {
      expect(od[i]).toBe(Date.UTC(2024, 0, 1) + ((i + 1) % 366) * DAY_MS);
      expect(sd[i]).toBe(od[i]! + q[i]! * DAY_MS);
      expect(dow[i]).toBe(((new Date(sd[i]!).getUTCDay() + 6) % 7) + 1);
    }
  });

  it("coalesce fills nulls; the column's own null_rate composes with the expression's nulls", () => {
    const pz = rows(b, "price_or_zero") as number[];
    for (let i = 0; i < ROWS; i++) expect(pz[i]).toBeCloseTo(cents[i] === null ? 0 : cents[i]! / 100, 9);
    const tier = rows(b, "tier");
    const total = rows(b, "total");
    const gold = rows(b, "gold_total");
    let own = 0;
    for (let i = 0; i < ROWS; i++) {
      if (tier[i] !== "Gold" || total[i] === null) expect(gold[i]).toBeNull();
      else if (gold[i] === null) own++;
    }
    // the column's own 50% null draw applies on top of the expression's nulls
    const eligible = tier.filter((t, i) => t === "Gold" && total[i] !== null).length;
    expect(own).toBeGreaterThan(eligible * 0.3);
    expect(own).toBeLessThan(eligible * 0.7);
  });

  it("is deterministic across batch boundaries and row ranges", () => {
    const names = ["total", "size", "label", "tag", "ship_date", "ship_dow", "price_or_zero", "gold_total"];
    const whole = names.map((n) => rows(b, n));
    const parts = names.map(() => [] as unknown[]);
    for (let start = 0; start < ROWS; start += 137) {
      const part = generateBatch(compiled, "orders", start, Math.min(137, ROWS - start), names);
      names.forEach((n, j) => {
        parts[j]!.push(...rows(part, n));
      });
    }
    expect(parts).toEqual(whole);
    const again = generateBatch(compileText(DERIVED), "orders", 500, 10, ["label"]);
    expect(rows(again, "label")).toEqual(whole[2]!.slice(500, 510));
  });
});

describe("expression kernel: compile violations", () => {
  it("type errors carry the expression's field path and position", () => {
    expect(violations(plan(`      - {name: bad, expression: {expr: "quantity + first_name"}}`))).toEqual([
      "tables[0].columns[6].expression.expr: cannot apply '+' to number and string at 1:10 (use || or concat(...) to join text)",
    ]);
    expect(violations(plan(`      - {name: bad, type: int64, expression: {expr: "lower(tier)"}}`))).toEqual([
      "tables[0].columns[6].expression.expr: expression yields string but the column type is int64 (wrap it in to_int(...) or to_float(...))",
    ]);
    expect(violations(plan(`      - {name: bad, expression: {expr: "date('2024-13-01')"}}`))).toEqual([
      "tables[0].columns[6].expression.expr: invalid date '2024-13-01' (expected YYYY-MM-DD) at 1:6",
    ]);
  });

  it("unknown columns and functions suggest the closest name", () => {
    const v = violations(plan(`      - {name: bad, expression: {expr: "quantty * 2"}}`));
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(
      /^tables\[0\]\.columns\[6\]\.expression\.expr: .*unknown column "quantty".*did you mean "quantity"/,
    );
    const f = violations(plan(`      - {name: bad, expression: {expr: "uper(tier)"}}`));
    expect(f).toEqual([
      'tables[0].columns[6].expression.expr: unknown function "uper" at 1:1 (did you mean "upper"?)',
    ]);
  });

  it.each([
    "__proto__",
    "constructor.constructor('return process')()",
    "this",
    "globalThis",
    "`whoami`",
    "require('fs')",
    "toString()",
    "tier.constructor",
  ])("hostile input %j fails cleanly as a violation", (expr) => {
    const v = violations(plan(`      - {name: bad, expression: {expr: ${JSON.stringify(expr)}}}`));
    expect(v.length).toBeGreaterThan(0);
    for (const line of v)
      expect(line).toMatch(
        /^tables\[0\]\.columns\[6\]\.expression\.expr: (syntax error at 1:\d+: unexpected character|unknown (column|function) ")/,
      );
  });

  it("an expression may read other expressions, listed before or after it", () => {
    const b = generateBatch(
      compileText(
        plan(`      - {name: a, type: int64, expression: {expr: "b + 1"}}
      - {name: b, type: int64, expression: {expr: "quantity * 2"}}
      - {name: c, type: int64, expression: {expr: "a * 10"}}`),
      ),
      "orders",
      0,
      50,
    );
    const q = rows(b, "quantity") as number[];
    expect(rows(b, "c").map(Number)).toEqual(q.map((x) => (x * 2 + 1) * 10));
  });
});
