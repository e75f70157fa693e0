import { type Table, tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { generateBatch } from "../../src/arrow/batch.js";
import { concatBatches } from "../../src/arrow/concat.js";
import { encodeStream } from "../../src/arrow/ipc.js";
import { tableDictionaries } from "../../src/arrow/stream-header.js";
import { type CompiledPlan, tableOf } from "../../src/compile/compiled-plan.js";
import { formatDate } from "../../src/expr/dates.js";
import { compileText } from "../helpers/plans.js";

const TABLES = (defects: string) => `
name: bronze_test
seed: 5
tables:
  - name: customers
    rows: 2000
    primary_key: id
    columns:
      - { name: id, sequence: {} }
  - name: contacts
    rows: 20000
    primary_key: contact_id
    columns:
      - { name: contact_id, sequence: {} }
      - { name: customer_id, foreign_key: { table: customers } }
      - { name: name, semantic: { kind: first_name } }
      - { name: email, semantic: { kind: email } }
      - { name: phone, semantic: { kind: phone } }
      - { name: city, semantic: { kind: city }, null_rate: 0.1 }
      - { name: signup, temporal: { start: "2020-01-01", end: "2024-12-31" } }
      - { name: balance, number: { uniform: { min: 1, max: 100 } }, null_rate: 0.05 }
${defects}`;

const PROFILE = `    defects:
      duplicate_rate: 0.02
      near_duplicate_rate: 0.01
      defects:
        - { column: name, kind: typo, rate: 0.05 }
        - { column: name, kind: case, rate: 0.03 }
        - { column: city, kind: whitespace, rate: 0.04 }
        - { column: city, kind: "null", rate: 0.02 }
        - { column: email, kind: invalid_email, rate: 0.03 }
        - { column: phone, kind: invalid_phone, rate: 0.02 }
        - { column: signup, kind: date_format, rate: 0.1 }
        - { column: balance, kind: outlier, rate: 0.01 }
        - { column: customer_id, kind: orphan, rate: 0.01 }
`;

function read(plan: CompiledPlan, name: string, batch: number): Table {
  const t = tableOf(plan, name);
  const batches = [];
  for (let s = 0; s < t.rows; s += batch)
    batches.push(generateBatch(plan, name, s, Math.min(batch, t.rows - s)));
  return tableFromIPC(
    encodeStream(batches[0]!.schema, tableDictionaries(plan, t), [
      concatBatches(batches[0]!.schema, batches),
    ]),
  );
}

const col = (t: Table, c: string) =>
  Array.from(t.getChild(c)!.toArray() as ArrayLike<unknown>, (v) => (typeof v === "bigint" ? Number(v) : v));
const cells = (t: Table, c: string) =>
  Array.from({ length: t.numRows }, (_, i) => t.getChild(c)!.get(i) as unknown);

describe("bronze defects", () => {
  const clean = compileText(TABLES(""));
  const bronze = compileText(TABLES(PROFILE));
  const c = read(clean, "contacts", 4096);
  const b = read(bronze, "contacts", 1500);
  const labels = cells(b, "_defects") as (string | null)[];
  const count = (item: string) => labels.filter((l) => l?.split(";").includes(item)).length;

  it("is identical across batchings", () => {
    const again = read(bronze, "contacts", 777);
    expect(cells(again, "_defects")).toEqual(labels);
    expect(cells(again, "name")).toEqual(cells(b, "name"));
  });

  it("injects each defect at its configured rate (binomial 5σ)", () => {
    const n = c.numRows;
    const cityValid = cells(c, "city").filter((v) => v !== null).length;
    const expectRate = (item: string, rate: number, base: number) => {
      const sd = Math.sqrt(base * rate * (1 - rate));
      expect(Math.abs(count(item) - base * rate), item).toBeLessThan(5 * sd + 1);
    };
    expectRate("_row:duplicate", 0.02, n);
    expectRate("_row:near_duplicate", 0.01, n);
    // Originals only: copies carry their own decisions, so count on rows that are not copies.
    const originals =
      labels.filter((l) => !l?.includes("_row:")).length + labels.filter((l) => l === null).length;
    expect(originals).toBeGreaterThan(0);
    expectRate("name:case", 0.03, b.numRows);
    expectRate("email:invalid_email", 0.03, b.numRows);
    expectRate("signup:date_format", 0.1, b.numRows);
    expectRate("customer_id:orphan", 0.01, b.numRows);
    expectRate("city:null", 0.02, (b.numRows * cityValid) / n);
  });

  it("gives back the clean rows exactly once the labelled defects are removed", () => {
    const keep = labels.map((l, i) => (l?.includes("_row:") ? -1 : i)).filter((i) => i >= 0);
    expect(keep.length).toBe(c.numRows);
    const hit = (i: number, column: string) =>
      (labels[i] ?? "").split(";").some((x) => x.startsWith(`${column}:`));
    const asText: Record<string, (v: unknown) => unknown> = {
      signup: (v) => (v === null ? null : formatDate(Number(v) / 86_400_000)),
    };
    for (const name of ["contact_id", "customer_id", "name", "email", "phone", "city", "signup", "balance"]) {
      const clean = cells(c, name);
      const dirty = cells(b, name);
      let compared = 0;
      keep.forEach((bi, ci) => {
        if (hit(bi, name)) return;
        const want = name === "signup" ? asText.signup!(clean[ci]) : clean[ci];
        const got = typeof dirty[bi] === "bigint" ? Number(dirty[bi]) : dirty[bi];
        expect(got, `${name} at clean row ${ci}`).toEqual(typeof want === "bigint" ? Number(want) : want);
        compared++;
      });
      expect(compared).toBeGreaterThan(c.numRows * 0.8);
    }
  });

  it("labels orphans exactly: labelled keys have no parent, the rest all do", () => {
    const ids = new Set(col(read(bronze, "customers", 4096), "id"));
    const fk = col(b, "customer_id");
    fk.forEach((v, i) => {
      expect(ids.has(v)).toBe(!(labels[i] ?? "").includes("customer_id:orphan"));
    });
  });

  it("damages values the way its label says", () => {
    const emails = cells(b, "email") as string[];
    emails.forEach((e, i) => {
      if ((labels[i] ?? "").includes("email:invalid_email"))
        expect(e).not.toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      else expect(e).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    });
    const dates = cells(b, "signup") as string[];
    dates.forEach((d, i) => {
      expect(/^\d{4}-\d{2}-\d{2}$/.test(d)).toBe(!(labels[i] ?? "").includes("signup:date_format"));
    });
    expect(String(b.schema.fields.find((f) => f.name === "signup")!.type)).toBe("Utf8");
  });
});
