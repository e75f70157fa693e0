import { describe, expect, it } from "vitest";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { DEFAULT_LIMITS, type PlanLimits } from "../../src/plan/limits.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { validatePlan } from "../../src/plan/validate-plan.js";
import type { Violation } from "../../src/plan/violation.js";

/** Two healthy tables every case builds on: customers (tables[0]) and orders (tables[1]). */
const BASE = `
  - name: customers
    rows: 100
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: name, semantic: {kind: first_name}}
      - {name: tier, categorical: {values: [Bronze, Silver, Gold], weights: [6, 3, 1]}}
      - {name: age, type: int32, number: {normal: {mean: 40, stddev: 12}, min: 18, max: 99}}
  - name: orders
    rows: 500
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: customer_id, foreign_key: {table: customers}}
      - {name: placed_at, type: timestamp, temporal: {start: "2024-01-01T00:00:00Z", end: "2025-01-01T00:00:00Z"}}`;

function check(extraTables: string, limits: PlanLimits = DEFAULT_LIMITS, header = ""): Violation[] {
  const text = `name: shop\nseed: 1\n${header}tables:${BASE}\n${extraTables}`;
  const parsed = parsePlanText(text);
  if (!parsed.ok) return parsed.violations;
  return validatePlan(parsed.plan, limits);
}

interface Case {
  readonly name: string;
  readonly tables: string;
  /** [exact path, message substring] — every one must be reported. */
  readonly expect: readonly (readonly [string, string])[];
  /** When false (the default), no violation outside `expect`'s paths may appear. */
  readonly loose?: boolean;
  readonly limits?: PlanLimits;
  readonly header?: string;
}

const table = (name: string, columns: string, extra = "") =>
  `  - name: ${name}\n    rows: 10\n${extra}    columns:\n${columns
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n")}`;

const CASES: readonly Case[] = [
  {
    name: "unknown foreign_key.table, with did-you-mean",
    tables: table(
      "lines",
      "- {name: id, sequence: {}}\n- {name: a, uuid: {}}\n- {name: b, uuid: {}}\n- {name: c, uuid: {}}\n- {name: customer_id, foreign_key: {table: custmers}}",
    ),
    expect: [
      ["tables[2].columns[4].foreign_key.table", 'unknown table "custmers" (did you mean "customers"?)'],
    ],
  },
  {
    name: "unknown foreign_key.column",
    tables: table("t", "- {name: c, foreign_key: {table: customers, column: nmae}}"),
    expect: [
      [
        "tables[2].columns[0].foreign_key.column",
        'unknown column "nmae" in table "customers" (did you mean "name"?)',
      ],
    ],
  },
  {
    name: "foreign key to a table without a primary key and no column",
    tables: `${table("p", "- {name: x, uuid: {}}")}\n${table("q", "- {name: p_ref, foreign_key: {table: p}}")}`,
    expect: [["tables[3].columns[0].foreign_key.column", 'table "p" has no primary_key']],
  },
  {
    name: "unknown weighted-choice column",
    tables: table("t", "- {name: c, foreign_key: {table: customers, choice: {weighted: {column: agee}}}}"),
    expect: [["tables[2].columns[0].foreign_key.choice.weighted.column", '(did you mean "age"?)']],
  },
  {
    name: "unknown per_parent.table",
    tables: `  - name: lines\n    per_parent: {table: order, min: 1, max: 5}\n    columns:\n      - {name: n, sequence: {}}`,
    expect: [["tables[2].per_parent.table", 'unknown table "order" (did you mean "orders"?)']],
  },
  {
    name: "per_parent min > max and negative min",
    tables: `  - name: lines\n    per_parent: {table: orders, min: 5, max: 2}\n    columns:\n      - {name: n, sequence: {}}\n  - name: more\n    per_parent: {table: orders, min: -1, max: 2}\n    columns:\n      - {name: n, sequence: {}}`,
    expect: [
      ["tables[2].per_parent", "min (5) > max (2)"],
      ["tables[3].per_parent.min", "must not be negative"],
    ],
  },
  {
    name: "child table whose largest size passes the row limit",
    tables: `  - name: lines\n    per_parent: {table: orders, min: 1, max: 100}\n    columns:\n      - {name: n, sequence: {}}`,
    limits: { ...DEFAULT_LIMITS, maxRowsPerTable: 10_000 },
    expect: [["tables[2].per_parent.max", "up to 50000 rows"]],
  },
  {
    name: "unknown primary_key, with did-you-mean",
    tables: table("t", "- {name: code, sequence: {}}", "    primary_key: cod\n"),
    expect: [["tables[2].primary_key", 'unknown column "cod" (did you mean "code"?)']],
  },
  {
    name: "primary key that repeats values or can be null",
    tables: table("t", "- {name: k, null_rate: 0.1, categorical: {values: [a, b]}}", "    primary_key: k\n"),
    expect: [
      ["tables[2].primary_key", "cannot have a null_rate"],
      ["tables[2].primary_key", 'uses "categorical"'],
    ],
  },
  {
    name: "unknown lookup.via and lookup.column",
    tables: table(
      "t",
      "- {name: cust, foreign_key: {table: customers}}\n- {name: a, lookup: {via: cus, column: tier}}\n- {name: b, lookup: {via: cust, column: tierr}}",
    ),
    expect: [
      ["tables[2].columns[1].lookup.via", 'unknown foreign-key column "cus" (did you mean "cust"?)'],
      [
        "tables[2].columns[2].lookup.column",
        'unknown column "tierr" in table "customers" (did you mean "tier"?)',
      ],
    ],
  },
  {
    name: "lookup via a column that is not a foreign key, and via parent without per_parent",
    tables: table(
      "t",
      "- {name: x, uuid: {}}\n- {name: a, lookup: {via: x, column: tier}}\n- {name: b, lookup: {via: parent, column: tier}}",
    ),
    expect: [
      ["tables[2].columns[1].lookup.via", 'column "x" is not a foreign_key column'],
      ["tables[2].columns[2].lookup.via", "needs this table to have a per_parent"],
    ],
  },
  {
    name: "unknown aggregate table and function",
    tables: table("t", "- {name: total, aggregate: {table: lins, function: summ, expr: qty}}"),
    expect: [
      ["tables[2].columns[0].aggregate.table", 'unknown table "lins"'],
      ["tables[2].columns[0].aggregate.function", 'unknown aggregate function "summ" (did you mean "sum"?)'],
    ],
    loose: true, // no aggregate kernel yet: "not supported" is reported as well
  },
  {
    name: "aggregate over a table that is not a child",
    tables: table("t", "- {name: total, aggregate: {table: customers, function: count}}"),
    expect: [["tables[2].columns[0].aggregate.table", 'table "customers" is not a child of "t"']],
    loose: true,
  },
  {
    name: "template placeholder naming no column, with did-you-mean",
    tables: table(
      "t",
      '- {name: first, semantic: {kind: first_name}}\n- {name: email, template: {template: "{frist|lower}@x.com"}}',
    ),
    expect: [
      ["tables[2].columns[1].template.template", 'unknown placeholder "frist" (did you mean "first"?)'],
    ],
  },
  {
    name: "template syntax: unclosed brace and unknown filter",
    tables: table(
      "t",
      '- {name: a, template: {template: "SKU-{row"}}\n- {name: b, template: {template: "{row|shout}"}}',
    ),
    expect: [
      ["tables[2].columns[0].template.template", 'unclosed "{"'],
      ["tables[2].columns[1].template.template", 'unknown filter "shout"'],
    ],
  },
  {
    name: "templates that reference each other in a cycle",
    tables: table(
      "t",
      '- {name: a, template: {template: "{b}"}}\n- {name: b, template: {template: "{a}-x"}}',
    ),
    expect: [["tables[2].columns[0]", "column reference cycle: a → b → a"]],
  },
  {
    name: "expression naming an unknown column, and an expression syntax error",
    tables: table(
      "t",
      '- {name: quantity, number: {uniform: {min: 1, max: 5}}}\n- {name: total, expression: {expr: "quantty * 2"}}\n- {name: bad, expression: {expr: "quantity * * 2"}}',
    ),
    expect: [
      ["tables[2].columns[1].expression.expr", 'unknown column "quantty" (did you mean "quantity"?)'],
      ["tables[2].columns[2].expression.expr", "syntax error at 1:"],
    ],
    loose: true, // the expression kernel may not be registered yet
  },
  {
    name: "foreign-key cycle",
    tables: `${table("a", "- {name: b_id, foreign_key: {table: b, column: id}}\n- {name: id, sequence: {}}")}\n${table("b", "- {name: a_id, foreign_key: {table: a, column: id}}\n- {name: id, sequence: {}}")}`,
    expect: [["tables[2]", "foreign-key cycle: a → b → a"]],
  },
  {
    name: "duplicate table and column names",
    tables: `${table("customers", "- {name: x, uuid: {}}\n- {name: x, uuid: {}}")}`,
    expect: [
      ["tables[2].name", 'duplicate table name "customers" (also at index 0)'],
      ["tables[2].columns[1].name", 'duplicate column name "x" (also at index 0)'],
    ],
  },
  {
    name: "names that are not identifiers or are too long",
    tables: table("t", `- {name: "first name", uuid: {}}\n- {name: ${"n".repeat(200)}, uuid: {}}`),
    expect: [
      ["tables[2].columns[0].name", "must be an identifier"],
      ["tables[2].columns[1].name", "200 characters long; the limit is 128"],
    ],
  },
  {
    name: "type mismatch: generator vs declared type",
    tables: table(
      "t",
      "- {name: a, type: int64, categorical: {values: [x]}}\n- {name: b, type: string, boolean: {}}",
    ),
    expect: [
      ["tables[2].columns[0].type", 'type mismatch: generator "categorical" cannot produce int64'],
      ["tables[2].columns[1].type", 'generator "boolean" cannot produce string'],
    ],
  },
  {
    name: "unknown type, with did-you-mean; bad decimal",
    tables: table(
      "t",
      '- {name: a, type: flaot64, number: {}}\n- {name: b, type: "decimal(50,2)", number: {}}',
    ),
    expect: [
      ["tables[2].columns[0].type", '(did you mean "float64"?)'],
      ["tables[2].columns[1].type", "decimal precision must be in [1, 38]"],
    ],
  },
  {
    name: "foreign key declared with a type of another family than the parent key",
    tables: table("t", "- {name: c, type: bool, foreign_key: {table: customers}}"),
    expect: [["tables[2].columns[0].type", "type mismatch: customers.id is int64"]],
  },
  {
    name: "categorical weights negative, NaN, infinite; count mismatch; sum zero",
    tables: table(
      "t",
      "- {name: a, categorical: {values: [x, y, z], weights: [-1, .nan, .inf]}}\n- {name: b, categorical: {values: [x, y], weights: [0, 0]}}\n- {name: c, categorical: {values: [x, y], weights: [1]}}\n- {name: d, categorical: {values: []}}",
    ),
    expect: [
      ["tables[2].columns[0].categorical.weights[0]", "weight must not be negative, got -1"],
      ["tables[2].columns[0].categorical.weights[1]", "weight is NaN"],
      ["tables[2].columns[0].categorical.weights[2]", "weight must be finite"],
      ["tables[2].columns[1].categorical.weights", "weights sum to zero"],
      ["tables[2].columns[2].categorical.weights", "1 weights for 2 values"],
      ["tables[2].columns[3].categorical.values", "at least one value is required"],
    ],
  },
  {
    name: "temporal: 23 hour weights, 6 weekday weights, zero-sum weights, trend <= -1",
    tables: table(
      "t",
      `- {name: a, type: timestamp, temporal: {start: "2024-01-01", end: "2024-02-01", hour_weights: [${Array(23).fill(1).join(",")}], weekday_weights: [0, 0, 0, 0, 0, 0, 0], trend: -1}}\n- {name: b, type: timestamp, temporal: {start: "2024-01-01", end: "2024-02-01", weekday_weights: [1, 1, 1, 1, 1, 1]}}`,
    ),
    expect: [
      ["tables[2].columns[0].temporal.hour_weights", "needs 24 weights (one per hour), got 23"],
      ["tables[2].columns[0].temporal.weekday_weights", "weights sum to zero"],
      ["tables[2].columns[0].temporal.trend", "above -1"],
      ["tables[2].columns[1].temporal.weekday_weights", "needs 7 weights (Monday first), got 6"],
    ],
    loose: true, // the temporal kernel may add its own word on the same fields
  },
  {
    name: "temporal: start not before end; unparseable and impossible dates; missing end",
    tables: table(
      "t",
      '- {name: a, type: date, temporal: {start: "2024-06-01", end: "2024-01-01"}}\n- {name: b, type: date, temporal: {start: "2024-02-30", end: "next week"}}\n- {name: c, type: date, temporal: {start: "2024-01-01"}}',
    ),
    expect: [
      ["tables[2].columns[0].temporal", "start (2024-06-01) must be before end (2024-01-01)"],
      ["tables[2].columns[1].temporal.start", "day 30 is not in 1..29"],
      ["tables[2].columns[1].temporal.end", "is not an ISO 8601 date or timestamp"],
      ["tables[2].columns[2].temporal.end", "required"],
    ],
    loose: true,
  },
  {
    name: "number: clamp min > max, uniform min > max, negative stddev, zero rate, bad round",
    tables: table(
      "t",
      "- {name: a, number: {min: 10, max: 1}}\n- {name: b, number: {uniform: {min: 5, max: 1}}}\n- {name: c, number: {normal: {mean: 0, stddev: -1}}}\n- {name: d, number: {exponential: {rate: 0}}}\n- {name: e, number: {round: -2}}",
    ),
    expect: [
      ["tables[2].columns[0].number", "min (10) > max (1)"],
      ["tables[2].columns[1].number.uniform", "min (5) > max (1)"],
      ["tables[2].columns[2].number.normal.stddev", "must not be negative"],
      ["tables[2].columns[3].number.exponential.rate", "must be positive"],
      ["tables[2].columns[4].number.round", "round must be in [0, 15]"],
    ],
  },
  {
    name: "values that do not fit the declared type",
    tables: table(
      "t",
      '- {name: a, type: int32, sequence: {start: 2147483640}}\n- {name: b, type: "decimal(5,2)", number: {uniform: {min: 0, max: 5000}}}',
    ),
    expect: [
      ["tables[2].columns[0].sequence", "outside int32"],
      ["tables[2].columns[1].number", "does not fit decimal(5,2)"],
    ],
  },
  {
    name: "row counts negative or over the limit",
    tables: `  - name: neg\n    rows: -5\n    columns:\n      - {name: x, uuid: {}}\n  - name: big\n    rows: 2000000\n    columns:\n      - {name: x, uuid: {}}`,
    limits: { maxRowsPerTable: 1_000_000, maxTables: 10, maxColumnsPerTable: 10 },
    expect: [
      ["tables[2].rows", "row count must not be negative, got -5"],
      ["tables[3].rows", "row count 2000000 × scale 1 exceeds the limit of 1000000"],
    ],
  },
  {
    name: "null_rate outside [0, 1] or NaN; probability outside [0, 1]",
    tables: table(
      "t",
      "- {name: a, null_rate: 1.5, uuid: {}}\n- {name: b, null_rate: .nan, uuid: {}}\n- {name: c, boolean: {probability: 2}}",
    ),
    expect: [
      ["tables[2].columns[0].null_rate", "null rate must be in [0, 1], got 1.5"],
      ["tables[2].columns[1].null_rate", "got NaN"],
      ["tables[2].columns[2].boolean.probability", "probability must be in [0, 1], got 2"],
    ],
  },
  {
    name: "unknown semantic kind and faker locale",
    tables: table(
      "t",
      "- {name: a, semantic: {kind: frist_name}}\n- {name: b, semantic: {kind: city, locale: en_XX}}",
    ),
    expect: [
      [
        "tables[2].columns[0].semantic.kind",
        'unknown semantic kind "frist_name" (did you mean "first_name"?)',
      ],
      ["tables[2].columns[1].semantic.locale", 'unknown faker locale "en_XX"'],
    ],
  },
  {
    name: "faker method path that does not exist; args_json not an array",
    tables: table(
      "t",
      '- {name: a, faker: {method: person.frstName}}\n- {name: b, faker: {method: persn.firstName}}\n- {name: c, faker: {method: lorem.word, args_json: "{\\"length\\": 3}"}}',
    ),
    expect: [
      ["tables[2].columns[0].faker.method", '(did you mean "firstName"?)'],
      ["tables[2].columns[1].faker.method", 'unknown faker module "persn" (did you mean "person"?)'],
      ["tables[2].columns[2].faker.args_json", "must be a JSON array"],
    ],
  },
  {
    name: "a table with no columns, and a column with no generator",
    tables: `  - name: empty\n    rows: 3\n    columns: []\n${table("t", "- {name: a, type: int64}")}`,
    expect: [
      ["tables[2].columns", "a table needs at least one column"],
      ["tables[3].columns[0]", 'column "a" has no generator'],
    ],
  },
  {
    name: "defects: unknown kind and column, rate above 1, orphan on a non-key column",
    tables: table(
      "t",
      "- {name: email, semantic: {kind: free_email}}",
      "    defects:\n      duplicate_rate: 1.2\n      defects:\n        - {column: emial, kind: typo, rate: 0.1}\n        - {column: email, kind: typoo, rate: 2}\n        - {column: email, kind: orphan, rate: 0.1}\n",
    ),
    expect: [
      ["tables[2].defects.duplicate_rate", "must be in [0, 1]"],
      ["tables[2].defects.defects[0].column", 'unknown column "emial" (did you mean "email"?)'],
      ["tables[2].defects.defects[1].kind", 'unknown defect kind "typoo" (did you mean "typo"?)'],
      ["tables[2].defects.defects[1].rate", "must be in [0, 1], got 2"],
      ["tables[2].defects.defects[2].kind", 'defect "orphan" needs a foreign key column'],
    ],
  },
  {
    name: "scale that is not a positive number",
    tables: "",
    header: "scale: -2\n",
    expect: [["scale", "scale must be a positive number, got -2"]],
  },
];

describe("validatePlan: one rule per case", () => {
  it("has at least 25 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const got = check(c.tables, c.limits, c.header);
      for (const [path, text] of c.expect) {
        const hit = got.some((v) => v.path === path && v.message.includes(text));
        expect(
          hit,
          `expected ${path}: …${text}… in\n${got.map((v) => `${v.path}: ${v.message}`).join("\n")}`,
        ).toBe(true);
      }
      if (!c.loose) {
        const allowed = new Set(c.expect.map(([p]) => p));
        expect(got.filter((v) => !allowed.has(v.path))).toEqual([]);
      }
    });
  }
});

describe("validatePlan: whole plans", () => {
  it("reports nothing for a good plan, which then compiles", () => {
    const text = `name: shop\nseed: 1\ntables:${BASE}\n${table("lines", '- {name: n, sequence: {}}\n- {name: sku, template: {template: "SKU-{row:06}"}}\n- {name: tier, lookup: {via: parent, column: customer_id}}', "")}`;
    const parsed = parsePlanText(
      text.replace(
        "rows: 10\n    columns:\n      - {name: n",
        "per_parent: {table: orders, min: 1, max: 3}\n    columns:\n      - {name: n",
      ),
    );
    expect(parsed.ok && validatePlan(parsed.plan)).toEqual([]);
    const compiled = parsed.ok ? compilePlan(parsed.plan) : undefined;
    expect(compiled?.ok, JSON.stringify(compiled)).toBe(true);
  });

  it("reports every problem of a plan with several, each at its own path", () => {
    const got = check(
      [
        table(
          "t",
          "- {name: c, foreign_key: {table: custmers}}\n- {name: w, categorical: {values: [a, b], weights: [-1, 1]}}\n- {name: n, null_rate: 2, uuid: {}}",
          "    primary_key: idd\n",
        ),
        `  - name: lines\n    per_parent: {table: orders, min: 4, max: 1}\n    columns:\n      - {name: s, semantic: {kind: citty}}`,
      ].join("\n"),
    );
    expect(got.map((v) => v.path).sort()).toEqual(
      [
        "tables[2].primary_key",
        "tables[2].columns[0].foreign_key.table",
        "tables[2].columns[1].categorical.weights[0]",
        "tables[2].columns[2].null_rate",
        "tables[3].per_parent",
        "tables[3].columns[0].semantic.kind",
      ].sort(),
    );
    expect(got).toHaveLength(6);
    expect(got.find((v) => v.path === "tables[3].columns[0].semantic.kind")?.message).toContain(
      '(did you mean "city"?)',
    );
  });

  it("reports a plan with no tables, and stops early past the table limit", () => {
    const empty = parsePlanText("name: x\ntables: []");
    expect(empty.ok && validatePlan(empty.plan)).toEqual([
      { path: "tables", message: "a plan needs at least one table" },
    ]);
    const many = parsePlanText(
      `tables:\n${Array.from({ length: 5 }, (_, i) => `  - {name: t${i}, rows: 1, columns: [{name: x, uuid: {}}]}`).join("\n")}`,
    );
    const got = many.ok
      ? validatePlan(many.plan, { maxRowsPerTable: 10, maxTables: 3, maxColumnsPerTable: 5 })
      : [];
    expect(got).toEqual([{ path: "tables", message: "5 tables exceed the limit of 3" }]);
  });

  it("refuses to compile a plan with violations, returning the same violations", () => {
    const parsed = parsePlanText(
      `tables:${BASE}\n${table("t", "- {name: c, foreign_key: {table: custmers}}")}`,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const res = compilePlan(parsed.plan);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.violations).toEqual(validatePlan(parsed.plan));
  });
});
