import { makeVector, type RecordBatch } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { createBatchContext, generateBatch } from "../../src/arrow/batch.js";
import { columnOf, tableOf } from "../../src/compile/compiled-plan.js";
import { COMPOSITE_KINDS } from "../../src/kernels/composite.js";
import { asciiLabel } from "../../src/kernels/composite-lists.js";
import { SEMANTIC_KINDS, semanticDictionary } from "../../src/kernels/semantic.js";
import { Utf8Writer } from "../../src/kernels/utf8-writer.js";
import { compileText } from "../helpers/plans.js";

const FORMATS: Record<string, RegExp> = {
  email: /^[a-z0-9]+[._]?[a-z0-9]+(\d{1,2})?@[a-z0-9]+(\.[a-z]+)+$/,
  phone: /^(\([2-9]\d\d\) |[2-9]\d\d-)[2-9]\d\d-\d{4}$/,
  street_address: /^[1-9]\d{2,4} \S.*\S$/,
  zip: /^\d{5}$/,
  url: /^https:\/\/(www\.)?([a-z0-9]+-)?[a-z0-9]+\.[a-z]+(\/[a-z0-9]+)?$/,
  ipv4: /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/,
  domain: /^([a-z0-9]+-)?[a-z0-9]+\.[a-z]+$/,
  full_name: /^\S+ \S+$/,
  company: /^[A-Z][^,]*( [A-Za-z ]+|(, [^,]+ and .+)| - .+)$/,
  product_name: /^[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+$/,
};
const KINDS = Object.keys(FORMATS);
const PLAN = `
name: strings
seed: 99
tables:
  - name: t
    rows: 5000
    columns:
${KINDS.map((k) => `      - {name: ${k}, semantic: {kind: ${k}}}`).join("\n")}
      - {name: de_email, semantic: {kind: email, locale: de}}
      - {name: de_street, semantic: {kind: street_address, locale: de}}
`;
const plan = compileText(PLAN);
const table = tableOf(plan, "t");

function strings(batch: RecordBatch, column: string): string[] {
  return batch.getChild(column)!.toArray() as unknown as string[];
}

describe("composite and semantic string kinds", () => {
  const batch = generateBatch(plan, "t", 0, 2000);

  it("lists every kind the proto documents", () => {
    const documented =
      "first_name last_name full_name city state state_abbr country company product_name department word job_title email phone street_address zip url ipv4 domain";
    for (const k of documented.split(" ")) expect(SEMANTIC_KINDS).toContain(k);
    for (const k of [
      "email",
      "phone",
      "street_address",
      "zip",
      "url",
      "ipv4",
      "domain",
      "full_name",
      "company",
    ])
      expect(COMPOSITE_KINDS).toContain(k);
  });

  for (const kind of KINDS) {
    it(`${kind} values match their format on 2000 rows`, () => {
      const values = Array.from({ length: batch.numRows }, (_, i) => String(batch.getChild(kind)!.get(i)));
      const bad = values.filter((v) => !FORMATS[kind]!.test(v));
      expect(bad.slice(0, 5)).toEqual([]);
      // Real variety, not one value repeated.
      expect(new Set(values).size).toBeGreaterThan(kind === "product_name" ? 500 : 1000);
    });
  }

  it("ipv4 octets stay in range, first octet unicast, last never 0 or 255", () => {
    for (const v of strings(batch, "ipv4")) {
      const [a, b, c, d] = v.split(".").map(Number) as [number, number, number, number];
      expect(a >= 1 && a <= 223 && b <= 255 && c <= 255 && d >= 1 && d <= 254).toBe(true);
    }
  });

  it("emails mix styles: some carry a digit suffix, some a company domain", () => {
    const emails = strings(batch, "email");
    const withDigits = emails.filter((e) => /\d@/.test(e)).length / emails.length;
    expect(withDigits).toBeGreaterThan(0.15);
    expect(withDigits).toBeLessThan(0.35);
    expect(emails.some((e) => e.endsWith("@gmail.com"))).toBe(true);
    expect(
      emails.some(
        (e) => /@[a-z]+\.(biz|com|info|name|net|org)$/.test(e) && !/@(gmail|yahoo|hotmail)/.test(e),
      ),
    ).toBe(true);
  });

  it("German emails stay ASCII while German street names keep their letters", () => {
    for (const e of strings(batch, "de_email")) expect(e).toMatch(/^[a-z0-9._]+@[a-z0-9.]+$/);
    expect(asciiLabel("Jürgen-Özil")).toBe("jurgenozil");
  });

  it("product_name is dictionary-encoded over the adjective × material × product list", () => {
    const col = batch.getChild("product_name")!;
    expect(String(col.type)).toContain("Dictionary");
    expect(semanticDictionary("product_name", "en").length).toBe(27 * 15 * 24);
    expect(String(batch.getChild("email")!.type)).toBe("Utf8");
  });

  it("rows [0,1000) are identical from one batch, from [0,300)+[300,1000), and from index-based rows", () => {
    const whole = generateBatch(plan, "t", 0, 1000);
    const a = generateBatch(plan, "t", 0, 300);
    const b = generateBatch(plan, "t", 300, 700);
    const index = Float64Array.from({ length: 1000 }, (_, i) => 999 - i);
    const ctx = createBatchContext(plan, table, { start: 0, count: 1000, index });
    for (const kind of [...KINDS, "de_email", "de_street"]) {
      const expected = strings(whole, kind);
      expect([...strings(a, kind), ...strings(b, kind)]).toEqual(expected);
      const viaIndex = makeVector(ctx.column(kind)).toArray() as unknown as string[];
      expect([...viaIndex].reverse()).toEqual(expected);
    }
  });

  it("different columns with the same kind differ (keys come from column names)", () => {
    const p2 = compileText(PLAN.replace("- {name: email,", "- {name: email2,"));
    const other = generateBatch(p2, "t", 0, 100);
    expect(strings(other, "email2")).not.toEqual(strings(batch, "email").slice(0, 100));
    expect(columnOf(table, "email").key).not.toEqual(columnOf(tableOf(p2, "t"), "email2").key);
  });
});

describe("Utf8Writer", () => {
  it("formats digits with padding, large and negative numbers, and encodes non-ASCII text", () => {
    const w = new Utf8Writer(8);
    const cases: [number, number, string][] = [
      [0, 0, "0"],
      [7, 3, "007"],
      [2147483647, 0, "2147483647"],
      [4294967296, 12, "004294967296"],
      [9007199254740991, 0, "9007199254740991"],
      [-5, 3, "-5"],
      [1.5, 0, "1.5"],
    ];
    for (const [n, width] of cases) w.digits(n, width).end();
    w.text("Zoë ✓ 𝄞").end();
    const out = makeVector(w.finish()).toArray() as unknown as string[];
    expect(out).toEqual([...cases.map((c) => c[2]), "Zoë ✓ 𝄞"]);
  });
});
