import { type Data, Dictionary, Int32, makeData, makeVector, Utf8 } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { utf8Vector } from "../../src/arrow/dictionaries.js";
import { numericData } from "../../src/arrow/values.js";
import { compileExpression } from "../../src/expr/compile-expression.js";
import { evaluateExpression, evaluatePredicate } from "../../src/expr/evaluate.js";
import { isValid, type Vec } from "../../src/expr/vector.js";
import { withValidity } from "../../src/expr/write-column.js";
import type { LogicalType } from "../../src/plan/logical-type.js";

const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const micros = (iso: string) => Date.parse(iso) * 1000;
const mask = (...bits: number[]) => Uint8Array.from(bits);

/** Four rows; row 2 is null in every nullable column. */
const N = 4;
const types = new Map<string, LogicalType>([
  ["q", { name: "int32" }],
  ["big", { name: "int64" }],
  ["price", { name: "decimal", precision: 12, scale: 2 }],
  ["f", { name: "float64" }],
  ["name", { name: "string" }],
  ["tier", { name: "string" }],
  ["ok", { name: "bool" }],
  ["d", { name: "date" }],
  ["ts", { name: "timestamp" }],
]);
const nulls = mask(1, 1, 0, 1);
const columns = new Map<string, Data>([
  ["q", withValidity(numericData({ name: "int32" }, Float64Array.of(3, -7, 0, 10)), nulls)],
  ["big", numericData({ name: "int64" }, Float64Array.of(2 ** 40, -(2 ** 33) - 5, 0, 1))],
  [
    "price",
    withValidity(
      numericData({ name: "decimal", precision: 12, scale: 2 }, Float64Array.of(1.25, -0.5, 0, 99.99)),
      nulls,
    ),
  ],
  ["f", numericData({ name: "float64" }, Float64Array.of(2.5, -2.5, 0.125, 4))],
  ["name", withValidity(utf8Vector(["Ann", "Bo", "", "Zoë 😀"]).data[0]!, nulls)],
  [
    "tier",
    makeData({
      type: new Dictionary(new Utf8(), new Int32(), 7),
      length: N,
      data: Int32Array.of(2, 0, 1, 2),
      dictionary: makeVector(utf8Vector(["Bronze", "Silver", "Gold"]).data[0]!),
    }),
  ],
  ["ok", withValidity(numericData({ name: "bool" }, Float64Array.of(1, 0, 0, 1)), nulls)],
  [
    "d",
    withValidity(
      numericData(
        { name: "date" },
        Float64Array.of(day("2024-01-31"), day("2024-02-29"), 0, day("1969-12-31")),
      ),
      nulls,
    ),
  ],
  [
    "ts",
    numericData(
      { name: "timestamp" },
      Float64Array.of(
        micros("2024-01-31T10:00:00Z"),
        micros("2024-03-10T23:59:59.5Z"),
        0,
        micros("1969-12-31T23:00:00Z"),
      ),
    ),
  ],
]);
const ctx = { column: (name: string) => columns.get(name)! };

/** Evaluates and returns plain JS values, null where invalid. */
function run(text: string, rows = { start: 100, count: N }): (number | string | null)[] {
  const r = compileExpression(text, types, "expr");
  if (!r.ok) throw new Error(r.violations.map((v) => v.message).join("; "));
  const v: Vec = evaluateExpression(r.expr.ast, ctx, rows);
  return Array.from({ length: rows.count }, (_, i) => (isValid(v.valid, i) ? v.v[i]! : null));
}

describe("evaluateExpression: reading Arrow columns", () => {
  it("reads every layout: ints, int64 words, decimal128, floats, utf8, dictionary, bool, dates, timestamps", () => {
    expect(run("q")).toEqual([3, -7, null, 10]);
    expect(run("big")).toEqual([2 ** 40, -(2 ** 33) - 5, 0, 1]);
    expect(run("price")).toEqual([1.25, -0.5, null, 99.99]);
    expect(run("f")).toEqual([2.5, -2.5, 0.125, 4]);
    expect(run("name")).toEqual(["Ann", "Bo", null, "Zoë 😀"]);
    expect(run("tier")).toEqual(["Gold", "Bronze", "Silver", "Gold"]);
    expect(run("ok")).toEqual([1, 0, null, 1]);
    expect(run("d")).toEqual([day("2024-01-31"), day("2024-02-29"), null, -1]);
    expect(run("ts")[1]).toBe(micros("2024-03-10T23:59:59.5Z"));
    expect(run("row")).toEqual([100, 101, 102, 103]);
    expect(run("row", { start: 0, count: 2, index: Float64Array.of(7, 3) } as never)).toEqual([7, 3]);
  });
});

describe("evaluateExpression: operators", () => {
  it("arithmetic, with nulls propagating and x/0 becoming null", () => {
    expect(run("q * 2 + 1")).toEqual([7, -13, null, 21]);
    expect(run("q / f")).toEqual([1.2, 2.8, null, 2.5]);
    expect(run("f / 0")).toEqual([null, null, null, null]);
    expect(run("q % 4")).toEqual([3, -3, null, 2]);
    expect(run("-q")).toEqual([-3, 7, null, -10]);
    expect(run("sqrt(f)")).toEqual([Math.sqrt(2.5), null, Math.sqrt(0.125), 2]);
  });

  it("string concatenation with +, || and concat()", () => {
    expect(run("name + '!'")).toEqual(["Ann!", "Bo!", null, "Zoë 😀!"]);
    expect(run("name || '-' || q")).toEqual(["Ann-3", "Bo--7", null, "Zoë 😀-10"]);
    expect(run("concat(name, '/', tier, '/', d)")).toEqual([
      "Ann/Gold/2024-01-31",
      "Bo/Bronze/2024-02-29",
      "/Silver/",
      "Zoë 😀/Gold/1969-12-31",
    ]);
  });

  it("comparisons and three-valued logic", () => {
    expect(run("q > 0")).toEqual([1, 0, null, 1]);
    expect(run("tier == 'Gold'")).toEqual([1, 0, 0, 1]);
    expect(run("name < 'B'")).toEqual([1, 0, null, 0]);
    expect(run("ok and false")).toEqual([0, 0, 0, 0]);
    expect(run("ok or true")).toEqual([1, 1, 1, 1]);
    expect(run("ok and true")).toEqual([1, 0, null, 1]);
    expect(run("not ok")).toEqual([0, 1, null, 0]);
    expect(run("name == null")).toEqual([0, 0, 1, 0]);
    expect(run("null != q")).toEqual([1, 1, 0, 1]);
    expect(run("d < ts")).toEqual([1, 1, null, 1]);
  });

  it("if / ternary treat a null condition as false; coalesce picks the first non-null", () => {
    expect(run("if(q > 0, 'pos', 'other')")).toEqual(["pos", "other", "other", "pos"]);
    expect(run("ok ? q : -1")).toEqual([3, -1, -1, 10]);
    expect(run("if(ok, name, null)")).toEqual(["Ann", null, null, "Zoë 😀"]);
    expect(run("coalesce(q, big, 42)")).toEqual([3, -7, 0, 10]);
    expect(run("coalesce(name, tier)")).toEqual(["Ann", "Bo", "Silver", "Zoë 😀"]);
    expect(run("coalesce(null, price)")).toEqual([1.25, -0.5, null, 99.99]);
  });
});

describe("evaluateExpression: functions", () => {
  it("math", () => {
    expect(run("round(f)")).toEqual([3, -3, 0, 4]);
    expect(run("round(price * 3, 1)")).toEqual([3.8, -1.5, null, 300]);
    expect(run("floor(f) + ceil(f)")).toEqual([5, -5, 1, 8]);
    expect(run("abs(q) + pow(2, 3) + log(exp(1)) + log(8, 2)")).toEqual([15, 19, null, 22]);
    expect(run("min(q, f, 3) + max(1, 2)")).toEqual([4.5, -5, null, 5]);
    expect(run("max(name, 'B')")).toEqual(["B", "Bo", null, "Zoë 😀"]);
  });

  it("text, counting code points", () => {
    expect(run("upper(name) + lower(tier)")).toEqual(["ANNgold", "BObronze", null, "ZOË 😀gold"]);
    expect(run("length(name)")).toEqual([3, 2, null, 5]);
    expect(run("substr(name, 2)")).toEqual(["nn", "o", null, "oë 😀"]);
    expect(run("substr(name, 4, 2)")).toEqual(["", "", null, " 😀"]);
    expect(run("substr(tier, 0, 2)")).toEqual(["G", "B", "S", "G"]);
    expect(run("trim('  x ') + to_string(f) + to_string(ok)")).toEqual([
      "x2.5true",
      "x-2.5false",
      null,
      "x4true",
    ]);
    expect(run("contains(tier, 'ol') or starts_with(tier, 'S')")).toEqual([1, 0, 1, 1]);
    expect(run("to_int('12.9') + to_int(f) + to_float('0.5')")).toEqual([14.5, 10.5, 12.5, 16.5]);
    expect(run("to_int(name)")).toEqual([null, null, null, null]);
  });

  it("dates and timestamps", () => {
    expect(run("date_add(d, 1)")).toEqual([day("2024-02-01"), day("2024-03-01"), null, 0]);
    expect(run("d + 30 - 1")).toEqual([day("2024-02-29"), day("2024-03-29"), null, 28]);
    expect(run("date_diff(d, date('2024-01-01'))")).toEqual([30, 59, null, -19724]);
    expect(run("d - date('2024-01-01')")).toEqual([30, 59, null, -19724]);
    expect(run("date_diff(ts, timestamp('2024-01-30T11:00:00Z'))")).toEqual([0, 40, -19752, -19752]);
    expect(run("year(d) * 10000 + month(d) * 100 + day(d)")).toEqual([20240131, 20240229, null, 19691231]);
    expect(run("weekday(d)")).toEqual([3, 4, null, 3]);
    expect(run("hour(ts) * 3600 + minute(ts) * 60 + second(ts)")).toEqual([36000, 86399, 0, 82800]);
    expect(run("to_string(timestamp_add_seconds(ts, 0.25))")).toEqual([
      "2024-01-31T10:00:00.250000Z",
      "2024-03-10T23:59:59.750000Z",
      "1970-01-01T00:00:00.250000Z",
      "1969-12-31T23:00:00.250000Z",
    ]);
    expect(run("to_string(date_add(ts, 1))")[0]).toBe("2024-02-01T10:00:00Z");
    expect(run("date(ts) == date('2024-03-10')")).toEqual([0, 1, 0, 0]);
    expect(run("date(2024, q, 1)")).toEqual([day("2024-03-01"), null, null, day("2024-10-01")]);
    expect(run("date(to_string(d))")).toEqual([day("2024-01-31"), day("2024-02-29"), null, -1]);
    expect(run("timestamp('2024-01-31T12:00:00+02:00') == timestamp('2024-01-31T10:00:00Z')")).toEqual([
      1, 1, 1, 1,
    ]);
  });
});

describe("evaluatePredicate", () => {
  it("selects rows where the condition is true; null and false are out", () => {
    const r = compileExpression("tier == 'Gold' or q < 0", types, "where");
    if (!r.ok) throw new Error("compile");
    expect(Array.from(evaluatePredicate(r.expr.ast, ctx, { start: 0, count: N }))).toEqual([1, 1, 0, 1]);
    const r2 = compileExpression("ok", types, "where");
    if (!r2.ok) throw new Error("compile");
    expect(Array.from(evaluatePredicate(r2.expr.ast, ctx, { start: 0, count: N }))).toEqual([1, 0, 0, 1]);
  });

  it("refuses a non-bool tree", () => {
    const r = compileExpression("q", types, "where");
    if (!r.ok) throw new Error("compile");
    expect(() => evaluatePredicate(r.expr.ast, ctx, { start: 0, count: N })).toThrow(/must be bool/);
  });
});

describe("evaluateExpression: a tampered tree cannot reach JS", () => {
  it("an unknown op name fails as a plain error, even a prototype name", () => {
    for (const op of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const ast = { k: "op", t: "number", op, args: [] } as const;
      expect(() => evaluateExpression(ast, ctx, { start: 0, count: 1 })).toThrow(`unknown operation "${op}"`);
    }
  });
});
