import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { parsePlanText, planFromJson } from "../../src/plan/parse-plan.js";
import { validatePlan } from "../../src/plan/validate-plan.js";
import type { Violation } from "../../src/plan/violation.js";

/** Counts the cases each property ran, reported once at the end. */
const ran: Record<string, number> = {};
/** Violations compile found in plans validation accepted (kernel checks validation cannot run). */
const refusedBy: Violation[] = [];
const count = (name: string) => {
  ran[name] = (ran[name] ?? 0) + 1;
};

function wellFormed(vs: readonly Violation[]): boolean {
  return (
    vs.length > 0 &&
    vs.every((v) => typeof v.path === "string" && typeof v.message === "string" && v.message !== "")
  );
}

/** The whole pipeline on a JSON value; returns what happened, never throws (or the test fails). */
function pipeline(value: unknown): "parse" | "validate" | "compiled" | "refused" {
  const parsed = planFromJson(value);
  if (!parsed.ok) {
    expect(wellFormed(parsed.violations)).toBe(true);
    return "parse";
  }
  const violations = validatePlan(parsed.plan);
  const compiled = compilePlan(parsed.plan);
  if (violations.length > 0) {
    expect(wellFormed(violations)).toBe(true);
    expect(compiled.ok).toBe(false);
    return "validate";
  }
  if (!compiled.ok) refusedBy.push(...compiled.violations);
  return compiled.ok ? "compiled" : "refused";
}

const VALID = {
  name: "shop",
  seed: 3,
  tables: [
    {
      name: "customers",
      rows: 50,
      primary_key: "id",
      columns: [
        { name: "id", sequence: {} },
        { name: "first", semantic: { kind: "first_name" } },
        { name: "tier", categorical: { values: ["a", "b", "c"], weights: [3, 2, 1] } },
        { name: "age", type: "int32", number: { uniform: { min: 18, max: 90 } } },
        { name: "vip", boolean: { probability: 0.1 } },
      ],
    },
    {
      name: "orders",
      rows: 200,
      primary_key: "id",
      columns: [
        { name: "id", permutation: {} },
        { name: "customer_id", foreign_key: { table: "customers" } },
        { name: "tier", lookup: { via: "customer_id", column: "tier" } },
        { name: "code", template: { template: "O-{row:06}-{tier|lower}" } },
        { name: "at", type: "timestamp", temporal: { start: "2024-01-01", end: "2024-06-01" } },
      ],
    },
    {
      name: "lines",
      per_parent: { table: "orders", min: 1, max: 4 },
      columns: [{ name: "qty", number: { poisson: { lambda: 2 } } }],
    },
  ],
};

type Json = Record<string, unknown> | unknown[];
const NAMES = [
  "customers",
  "orders",
  "lines",
  "custmers",
  "",
  "id",
  "tier",
  "age",
  "customer_id",
  "x".repeat(300),
  "parent",
];
const FIELDS = [
  "name",
  "rows",
  "table",
  "column",
  "via",
  "min",
  "max",
  "values",
  "weights",
  "type",
  "null_rate",
  "start",
  "end",
  "template",
  "kind",
  "probability",
  "primary_key",
  "per_parent",
  "columns",
  "sequence",
  "uniform",
];

/** Replacement values: wrong types, hostile numbers, huge strings, deep nesting, random references. */
const weird = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1e308,
    -1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 63,
    -(2 ** 31) - 1,
    0.5,
    1.5,
  ),
  fc.constantFrom(...NAMES),
  fc.constantFrom(
    "NaN",
    "Infinity",
    "-5",
    "1e400",
    "2024-02-30",
    "{",
    "{row:0999}",
    "x".repeat(70_000),
    "\ud800",
  ),
  fc.constantFrom(null, true, [], {}, [1, -1], [Number.NaN], ["a", 1]),
  fc.integer({ min: 1, max: 200 }).map((d) => {
    let v: unknown = {};
    for (let i = 0; i < d; i++) v = { sequence: v };
    return v;
  }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every container path in a JSON value. */
function containers(v: unknown, out: Json[] = []): Json[] {
  if (v !== null && typeof v === "object") {
    out.push(v as Json);
    for (const x of Object.values(v)) containers(x, out);
  }
  return out;
}

const mutation = fc.tuple(
  fc.nat(),
  fc.nat(),
  fc.constantFrom("drop", "rename", "set", "add", "dup"),
  weird,
  fc.constantFrom(...FIELDS),
);

function mutate(
  plan: unknown,
  [at, which, op, value, field]: [number, number, string, unknown, string],
): void {
  const all = containers(plan);
  const target = all[at % all.length]!;
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
  const key = keys.length === 0 ? undefined : keys[which % keys.length]!;
  const t = target as Record<string | number, unknown>;
  if (op === "drop" && key !== undefined) {
    if (Array.isArray(target)) target.splice(key as number, 1);
    else delete t[key];
  } else if (op === "rename" && key !== undefined && !Array.isArray(target)) {
    t[field] = t[key];
    delete t[key];
  } else if (op === "set" && key !== undefined) t[key] = value;
  else if (op === "dup" && Array.isArray(target) && key !== undefined)
    target.push(structuredClone(target[key as number]));
  else if (!Array.isArray(target)) t[field] = value;
}

describe("validation fuzz: never throws", () => {
  it("the valid base plan compiles", () => {
    expect(pipeline(structuredClone(VALID))).toBe("compiled");
  });

  it("arbitrary JSON values as plans", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.jsonValue(),
          fc.record({ tables: fc.array(fc.anything(), { maxLength: 3 }) }),
        ),
        (v) => {
          count("anything");
          pipeline(v);
        },
      ),
      { numRuns: 1000, seed: 1 },
    );
  });

  it("mutations of a valid plan: parse, validate and compile never throw", () => {
    const outcomes: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        count("mutations");
        const plan = structuredClone(VALID) as unknown;
        for (const m of ms) mutate(plan, m);
        const o = pipeline(plan);
        outcomes[o] = (outcomes[o] ?? 0) + 1;
      }),
      { numRuns: 1500, seed: 2 },
    );
    // A fuzzer that only ever hits the parser would prove little about validation and compile.
    expect(outcomes.validate ?? 0).toBeGreaterThan(100);
    expect(outcomes.compiled ?? 0).toBeGreaterThan(50);
    // The contract compile relies on: whatever validation accepts, compile accepts too.
    expect(refusedBy).toEqual([]);
    console.log("mutation outcomes", outcomes);
  });

  it("random text into parsePlanText", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: "binary", maxLength: 100 }),
      fc.constantFrom(
        "{",
        "[[[",
        "tables: [",
        "a: *x",
        "- - -",
        "tables:\n  - name: t\n    rows: .inf",
        "%YAML 9",
      ),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(text, (s) => {
        count("text");
        const res = parsePlanText(s);
        if (!res.ok) expect(wellFormed(res.violations)).toBe(true);
        else validatePlan(res.plan);
      }),
      { numRuns: 1200, seed: 3 },
    );
    console.log("fuzz cases run", ran);
  });
});
