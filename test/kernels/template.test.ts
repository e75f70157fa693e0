import { makeVector } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { createBatchContext, generateBatch } from "../../src/arrow/batch.js";
import { columnOf, tableOf } from "../../src/compile/compiled-plan.js";
import { templateKernel } from "../../src/kernels/template.js";
import { parseTemplate } from "../../src/kernels/template-parse.js";
import { compileText } from "../helpers/plans.js";

const plan = compileText(`
name: tpl
seed: 5
tables:
  - name: t
    rows: 2000
    columns:
      - {name: id, sequence: {start: 7}}
      - {name: first_name, semantic: {kind: first_name}, null_rate: 0.3}
      - {name: last_name, semantic: {kind: last_name}}
      - {name: street, semantic: {kind: street_address}}
      - {name: day, type: date, temporal: {start: "2000-01-01", end: "2030-01-01"}}
      - {name: email, template: {template: "{first_name|lower}.{last_name|lower}@{free_email}"}}
      - {name: sku, template: {template: "SKU-{row:06}/{id:04}"}}
      - {name: loud, template: {template: "{street|upper}!"}}
      - {name: mixed, template: {template: "{{x}} {first_name} {first_name} {state_abbr} {email|upper}"}}
      - {name: dated, template: {template: "{day}"}}
`);
const table = tableOf(plan, "t");
const batch = generateBatch(plan, "t", 0, 2000);
const col = (name: string) => batch.getChild(name)!.toArray() as unknown as (string | null)[];

describe("template kernel", () => {
  it("renders the row number and zero-padded column numbers", () => {
    const sku = col("sku");
    expect(sku[0]).toBe("SKU-000000/0007");
    expect(sku[1234]).toBe("SKU-001234/1241");
  });

  it("reads dictionary columns, lowercases them, and renders null dependencies as empty", () => {
    const first = col("first_name");
    const last = col("last_name");
    const email = col("email");
    let nulls = 0;
    for (let i = 0; i < 2000; i++) {
      const f = first[i] === null ? "" : first[i]!.toLowerCase();
      if (first[i] === null) nulls++;
      expect(email[i]).toBe(`${f}.${last[i]!.toLowerCase()}@${email[i]!.split("@")[1]}`);
      expect(email[i]).toMatch(/@(gmail|yahoo|hotmail)\.com$/);
    }
    expect(nulls).toBeGreaterThan(400);
  });

  it("upper-cases Utf8 columns and whole templated columns", () => {
    const street = col("street");
    const loud = col("loud");
    for (let i = 0; i < 50; i++) expect(loud[i]).toBe(`${street[i]!.toUpperCase()}!`);
    const mixed = col("mixed");
    const email = col("email");
    for (let i = 0; i < 50; i++) expect(mixed[i]!.endsWith(` ${email[i]!.toUpperCase()}`)).toBe(true);
  });

  it("writes escaped braces literally, repeats a column consistently, draws semantic kinds", () => {
    const mixed = col("mixed");
    const first = col("first_name");
    const states = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const f = first[i] ?? "";
      expect(mixed[i]!.startsWith(`{x} ${f} ${f} `)).toBe(true);
      states.add(mixed[i]!.slice(`{x} ${f} ${f} `.length, `{x} ${f} ${f} `.length + 2));
    }
    expect(states.size).toBeGreaterThan(40);
  });

  it("formats date columns as ISO dates", () => {
    const days = makeVector(batch.getChild("day")!.data[0]!);
    const dated = col("dated");
    for (let i = 0; i < 20; i++) {
      const ms = days.get(i) as unknown as number;
      expect(dated[i]).toBe(new Date(ms).toISOString().slice(0, 10));
    }
  });

  it("is the same across batch boundaries and for index-based rows", () => {
    const a = generateBatch(plan, "t", 0, 300);
    const b = generateBatch(plan, "t", 300, 700);
    const index = Float64Array.from({ length: 1000 }, (_, i) => 999 - i);
    const ctx = createBatchContext(plan, table, { start: 0, count: 1000, index });
    for (const name of ["email", "sku", "loud", "mixed"]) {
      const whole = col(name).slice(0, 1000);
      const parts = [...a.getChild(name)!.toArray(), ...b.getChild(name)!.toArray()];
      expect(parts).toEqual(whole);
      expect([...(makeVector(ctx.column(name)).toArray() as unknown as string[])].reverse()).toEqual(whole);
    }
  });

  it("lists referenced columns as deps", () => {
    expect([...columnOf(table, "email").deps].sort()).toEqual(["first_name", "last_name"]);
    expect(columnOf(table, "sku").deps).toEqual(["id"]);
    expect(columnOf(table, "mixed").deps).toEqual(["first_name", "email"]);
  });
});

describe("template compile", () => {
  const compile = (template: string) =>
    templateKernel.compile({
      gen: { template },
      type: { name: "string" },
      path: "tables[0].columns[2].template",
      tableRows: 10,
      columnNames: ["id", "first_name", "label"],
    });

  it("reports unknown placeholders with a did-you-mean", () => {
    const v = compile("{frist_name}-{emial}").violations.map((x) => x.message);
    expect(v.some((m) => m.includes('"frist_name"') && m.includes('did you mean "first_name"'))).toBe(true);
    expect(v.some((m) => m.includes('"emial"') && m.includes('did you mean "email"'))).toBe(true);
  });

  it("rejects self-references, bad formats, unknown filters and unbalanced braces", () => {
    expect(compile("{label}").violations).toHaveLength(1);
    expect(compile("{id:6x}").violations[0]!.message).toContain("format");
    expect(compile("{id|title}").violations[0]!.message).toContain("filter");
    expect(compile("{id").violations[0]!.message).toContain("unclosed");
    expect(compile("id}").violations[0]!.message).toContain("unmatched");
    expect(compile("").violations).toHaveLength(1);
  });

  it("parses into plain data that survives structured clone", () => {
    const { params, violations } = compile("A{id:05|upper}B{first_name}{email}");
    expect(violations).toEqual([]);
    expect(structuredClone(params)).toEqual(params);
    expect(parseTemplate("é{row}").parts[0]).toEqual({ t: "lit", bytes: [0xc3, 0xa9] });
  });
});
