import { describe, expect, it } from "vitest";
import type { ExprType } from "../../src/expr/ast.js";
import { inferType } from "../../src/expr/check.js";
import { compileExpression, compilePredicate } from "../../src/expr/compile-expression.js";
import { parseExpression } from "../../src/expr/parser.js";
import type { LogicalType } from "../../src/plan/logical-type.js";

const COLUMNS = new Map<string, ExprType>([
  ["quantity", "number"],
  ["unit_price", "number"],
  ["name", "string"],
  ["active", "bool"],
  ["order_date", "date"],
  ["shipped_at", "timestamp"],
]);

function typeOf(text: string): ExprType | string[] {
  const p = parseExpression(text);
  if (!p.ok) throw new Error(p.message);
  const r = inferType(p.ast, COLUMNS);
  return r.ok
    ? r.type
    : r.errors.map((e) => `${e.message}@${e.position}${e.hint === undefined ? "" : ` ${e.hint}`}`);
}

const SCHEMA = new Map<string, LogicalType>([
  ["quantity", { name: "int32" }],
  ["name", { name: "string" }],
  ["order_date", { name: "date" }],
]);

describe("inferType", () => {
  it.each<[string, ExprType]>([
    ["quantity * unit_price", "number"],
    ["name + '!'", "string"],
    ["name || quantity", "string"],
    ["active || quantity > 3", "bool"],
    ["order_date + 3", "date"],
    ["3 + order_date", "date"],
    ["order_date - 3", "date"],
    ["order_date - date('2024-01-01')", "number"],
    ["date_add(shipped_at, 1)", "timestamp"],
    ["if(active, order_date, shipped_at)", "timestamp"],
    ["order_date < shipped_at", "bool"],
    ["coalesce(null, name)", "string"],
    ["name == null", "bool"],
    ["active ? null : 1", "number"],
    ["not active and quantity != 0", "bool"],
    ["year(order_date) + hour(shipped_at) + row", "number"],
    ["to_string(order_date) || ''", "string"],
    ["max(order_date, date('2024-01-01'))", "date"],
  ])("%s : %s", (text, want) => {
    expect(typeOf(text)).toBe(want);
  });

  it.each<[string, string[]]>([
    ["quantty * 2", ['unknown column "quantty"@0 (did you mean "quantity"?)']],
    ["lowr(name)", ['unknown function "lowr"@0 (did you mean "lower"?)']],
    ["name + 1", ["cannot apply '+' to string and number@5 (use || or concat(...) to join text)"]],
    ["quantity * name", ["cannot apply '*' to number and string@9"]],
    [
      "shipped_at - 1",
      ["cannot apply '-' to timestamp and number@11 (use date_diff(...) or timestamp_add_seconds(...))"],
    ],
    ["if(quantity, 1, 2)", ["if(): condition must be bool, got number@0"]],
    ["active ? 1 : 'x'", ["the conditional (?:): branches have different types: number, string@0"]],
    ["lower(quantity)", ["lower(): argument 1 must be string, got number@0"]],
    ["round()", ["round() takes 1 to 2 arguments, got 0@0"]],
    ["abs(1, 2)", ["abs() takes 1 argument, got 2@0"]],
    ["date('2024-02-30')", ["invalid date '2024-02-30' (expected YYYY-MM-DD)@5"]],
    [
      "timestamp('yesterday')",
      ["invalid timestamp 'yesterday' (expected YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM])@10"],
    ],
    ["-name", ["'-' needs a number, got string@0"]],
    ["name < 3", ["cannot apply '<' to string and number@5"]],
    [
      "quantity || 1",
      ["cannot apply '||' to number and number@9 (|| is 'or' for bools and concatenation for text)"],
    ],
    // every error is reported, not just the first
    ["foo + bar(1)", ['unknown column "foo"@0', 'unknown function "bar"@6']],
  ])("%s is rejected: %j", (text, want) => {
    expect(typeOf(text)).toEqual(want);
  });

  it("only reports columns actually read as deps (not `row`, not functions)", () => {
    const p = parseExpression("quantity + row + length(name) + quantity");
    const r = p.ok ? inferType(p.ast, COLUMNS) : undefined;
    expect(r?.ok && r.deps).toEqual(["quantity", "name"]);
  });

  it("folds date and timestamp literals into constants", () => {
    const p = parseExpression("timestamp('2024-01-31T10:00:00Z')");
    const r = p.ok ? inferType(p.ast, COLUMNS) : undefined;
    expect(r?.ok && r.typed).toEqual({ k: "lit", t: "timestamp", v: Date.UTC(2024, 0, 31, 10) * 1000 });
  });
});

describe("inferType: safety — JS names are unknown identifiers, never properties", () => {
  it.each([
    ["__proto__", 'unknown column "__proto__"@0'],
    ["constructor", 'unknown column "constructor"@0'],
    ["toString", 'unknown column "toString"@0'],
    ["this", 'unknown column "this"@0'],
    ["globalThis", 'unknown column "globalThis"@0'],
    ["process", 'unknown column "process"@0'],
    ["require('fs')", 'unknown function "require"@0'],
    ["constructor('return process')", 'unknown function "constructor"@0'],
    ["__proto__(1)", 'unknown function "__proto__"@0'],
    ["hasOwnProperty('x')", 'unknown function "hasOwnProperty"@0'],
    ["valueOf()", 'unknown function "valueOf"@0'],
    ["eval('1')", 'unknown function "eval"@0'],
  ])("%s", (text, want) => {
    const got = typeOf(text);
    expect(Array.isArray(got) && got[0]!.startsWith(want)).toBe(true);
  });
});

describe("compileExpression", () => {
  const path = "tables[0].columns[3].expression.expr";

  it("formats violations with the field path, line:col and did-you-mean", () => {
    const r = compileExpression("quantty * 2", SCHEMA, path);
    expect(r).toEqual({
      ok: false,
      violations: [{ path, message: 'unknown column "quantty" at 1:1 (did you mean "quantity"?)' }],
    });
    const multi = compileExpression("quantity +\n  nme", SCHEMA, path);
    expect(!multi.ok && multi.violations[0]!.message).toBe(
      'unknown column "nme" at 2:3 (did you mean "name"?)',
    );
    const syntax = compileExpression("quantity * (2", SCHEMA, path);
    expect(!syntax.ok && syntax.violations[0]!.message).toBe(
      "expected ')' but found end of expression at 1:14",
    );
  });

  it("checks the result against the column type", () => {
    expect(
      compileExpression("quantity * 2", SCHEMA, path, { name: "decimal", precision: 10, scale: 2 }).ok,
    ).toBe(true);
    expect(compileExpression("order_date", SCHEMA, path, { name: "timestamp" }).ok).toBe(true);
    const bad = compileExpression("quantity * 2", SCHEMA, path, { name: "string" });
    expect(!bad.ok && bad.violations[0]!.message).toBe(
      "expression yields number but the column type is string (wrap it in to_string(...))",
    );
    const bad2 = compileExpression("name", SCHEMA, path, { name: "int64" });
    expect(!bad2.ok && bad2.violations[0]!.message).toMatch(
      /yields string but the column type is int64 \(wrap it in to_int/,
    );
  });

  it("compiles predicates only when they are bool", () => {
    expect(compilePredicate("quantity > 2 and name != 'x'", SCHEMA, "where").ok).toBe(true);
    const r = compilePredicate("quantity + 2", SCHEMA, "where");
    expect(!r.ok && r.violations[0]!.message).toBe(
      "a filter must be a bool condition, but this expression yields number",
    );
  });

  it("produces a plain-data tree that survives structured clone", () => {
    const r = compileExpression(
      "if(quantity > 2, upper(name), 'low') || to_string(order_date + 1)",
      SCHEMA,
      path,
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(structuredClone(r.expr)).toEqual(r.expr);
  });
});
