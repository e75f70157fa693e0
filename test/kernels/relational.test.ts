import { type Table, tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { generateBatch } from "../../src/arrow/batch.js";
import { concatBatches } from "../../src/arrow/concat.js";
import { encodeStream } from "../../src/arrow/ipc.js";
import { tableDictionaries } from "../../src/arrow/stream-header.js";
import { childCount } from "../../src/compile/child-counts.js";
import { type CompiledPlan, tableOf } from "../../src/compile/compiled-plan.js";
import { compileText } from "../helpers/plans.js";

const PLAN = `
name: shop
seed: 99
tables:
  - name: order_items
    per_parent: { table: orders, min: 1, max: 5 }
    columns:
      - { name: item_id, sequence: {} }
      - { name: order_id, lookup: { via: parent, column: order_id } }
      - { name: order_city, lookup: { via: parent, column: city } }
      - { name: quantity, type: int32, number: { uniform: { min: 1, max: 5 } } }
      - { name: unit_price, type: "decimal(10,2)", number: { uniform: { min: 1, max: 200 } } }
  - name: orders
    per_parent: { table: customers, min: 0, max: 4 }
    primary_key: order_id
    columns:
      - { name: order_id, sequence: {} }
      - { name: customer_id, lookup: { via: parent, column: id } }
      - { name: city, lookup: { via: parent, column: city } }
      - { name: product_id, foreign_key: { table: products, choice: { zipf: { s: 1.1 } } } }
      - { name: product_tier, lookup: { via: product_id, column: tier } }
      - { name: any_customer, foreign_key: { table: customers } }
      - { name: gold_customer, foreign_key: { table: customers, where: "tier == 'Gold'", choice: { zipf: { s: 1.2 } } } }
      - { name: registered, omit: true, lookup: { via: parent, column: registered } }
      - { name: days_after, type: int32, omit: true, number: { exponential: { rate: 0.05 } } }
      - { name: ordered_on, type: date, expression: { expr: "date_add(registered, days_after + 1)" } }
      - { name: total, type: "decimal(12,2)", expression: { expr: "subtotal - discount" } }
      - { name: subtotal, type: "decimal(12,2)", aggregate: { table: order_items, function: sum, expr: "quantity * unit_price" } }
      - { name: item_count, aggregate: { table: order_items, function: count } }
      - { name: discount, type: "decimal(12,2)", number: { uniform: { min: 0, max: 5 } } }
  - name: customers
    rows: 3000
    primary_key: id
    columns:
      - { name: id, permutation: { start: 1 } }
      - { name: city, semantic: { kind: city } }
      - { name: tier, categorical: { values: [Bronze, Silver, Gold], weights: [6, 3, 1] } }
      - { name: registered, type: date, temporal: { start: "2020-01-01", end: "2023-01-01" } }
  - name: products
    rows: 400
    primary_key: pid
    columns:
      - { name: pid, sequence: { start: 1000 } }
      - { name: tier, categorical: { values: [A, B, C] } }
`;

function readTable(plan: CompiledPlan, name: string, batchRows: number): Table {
  const t = tableOf(plan, name);
  const batches = [];
  for (let s = 0; s < t.rows; s += batchRows)
    batches.push(generateBatch(plan, name, s, Math.min(batchRows, t.rows - s)));
  return tableFromIPC(
    encodeStream(batches[0]!.schema, tableDictionaries(plan, t), [
      concatBatches(batches[0]!.schema, batches),
    ]),
  );
}

const column = (t: Table, c: string) => t.getChild(c)!.toArray() as ArrayLike<unknown>;
const values = (t: Table, c: string) =>
  Array.from(column(t, c), (v) => (typeof v === "bigint" ? Number(v) : v));

describe("relational generation", () => {
  const plan = compileText(PLAN);

  it("orders tables parents first", () => {
    const at = (n: string) => plan.tables.findIndex((t) => t.name === n);
    expect(at("customers")).toBeLessThan(at("orders"));
    expect(at("products")).toBeLessThan(at("orders"));
    expect(at("orders")).toBeLessThan(at("order_items"));
  });

  it("numbers children parent-first with counts inside their bounds, identically for any batching", () => {
    const a = readTable(plan, "orders", 97);
    const b = readTable(plan, "orders", 4096);
    expect(values(a, "customer_id")).toEqual(values(b, "customer_id"));
    const customers = readTable(plan, "customers", 1000);
    const ids = values(customers, "id") as number[];
    const perParent = new Map<number, number>();
    const order = values(a, "customer_id") as number[];
    // Parent-first: customer ids appear in the customers' row order, each in one contiguous run.
    const runs = order.filter((v, i) => i === 0 || v !== order[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    for (const v of order) perParent.set(v, (perParent.get(v) ?? 0) + 1);
    const link = tableOf(plan, "orders").parent!;
    ids.forEach((id, p) => {
      expect(perParent.get(id) ?? 0).toBe(childCount(link, p));
    });
    expect(Math.max(...perParent.values())).toBeLessThanOrEqual(4);
  });

  it("has no orphan foreign keys, and lookups equal the parent's values", () => {
    const customers = readTable(plan, "customers", 1000);
    const products = readTable(plan, "products", 1000);
    const orders = readTable(plan, "orders", 500);
    const cities = values(customers, "city");
    const tiers = values(products, "tier");
    const cityOf = new Map((values(customers, "id") as number[]).map((id, i) => [id, cities[i]]));
    const tierOf = new Map((values(products, "pid") as number[]).map((id, i) => [id, tiers[i]]));
    const oc = values(orders, "customer_id") as number[];
    const ocity = values(orders, "city");
    oc.forEach((id, i) => {
      expect(ocity[i]).toBe(cityOf.get(id));
    });
    const op = values(orders, "product_id") as number[];
    const otier = values(orders, "product_tier");
    op.forEach((id, i) => {
      expect(otier[i]).toBe(tierOf.get(id));
    });
    for (const id of values(orders, "any_customer") as number[]) expect(cityOf.has(id)).toBe(true);
  });

  it("resolves grandchildren through two per_parent links", () => {
    const orders = readTable(plan, "orders", 1000);
    const items = readTable(plan, "order_items", 333);
    const cities = values(orders, "city");
    const cityOf = new Map((values(orders, "order_id") as number[]).map((id, i) => [id, cities[i]]));
    const counts = new Map<number, number>();
    const oid = values(items, "order_id") as number[];
    const itemCities = values(items, "order_city");
    oid.forEach((id, i) => {
      expect(itemCities[i]).toBe(cityOf.get(id));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    expect(counts.size).toBe(orders.numRows); // min 1: every order has items
    for (const n of counts.values()) expect(n >= 1 && n <= 5).toBe(true);
  });

  it("derives parent aggregates from their children, identically in any shard", () => {
    const orders = readTable(plan, "orders", 1000);
    const other = readTable(plan, "orders", 37);
    const items = readTable(plan, "order_items", 333);
    for (const c of ["subtotal", "item_count", "total"]) expect(values(other, c)).toEqual(values(orders, c));
    const sums = new Map<number, number>();
    const counts = new Map<number, number>();
    const oid = values(items, "order_id") as number[];
    const qty = values(items, "quantity") as number[];
    const price = items.getChild("unit_price")!;
    oid.forEach((id, i) => {
      const cents = Number(String(price.get(i))); // decimal(10,2) as an integer of cents
      sums.set(id, (sums.get(id) ?? 0) + qty[i]! * cents);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    const ids = values(orders, "order_id") as number[];
    const sub = orders.getChild("subtotal")!;
    const tot = orders.getChild("total")!;
    const disc = orders.getChild("discount")!;
    const n = values(orders, "item_count") as number[];
    ids.forEach((id, i) => {
      expect(Number(String(sub.get(i)))).toBe(sums.get(id));
      expect(n[i]).toBe(counts.get(id));
      expect(Number(String(tot.get(i)))).toBe(Number(String(sub.get(i))) - Number(String(disc.get(i))));
    });
  });

  it("references only filtered parents, and keeps child dates after their parent's", () => {
    const customers = readTable(plan, "customers", 1000);
    const orders = readTable(plan, "orders", 777);
    const tiers = values(customers, "tier");
    const reg = values(customers, "registered");
    const ids = values(customers, "id") as number[];
    const tierOf = new Map(ids.map((id, i) => [id, tiers[i]]));
    const regOf = new Map(ids.map((id, i) => [id, reg[i] as number]));
    const gold = values(orders, "gold_customer") as number[];
    expect(new Set(gold).size).toBeGreaterThan(5);
    for (const id of gold) expect(tierOf.get(id)).toBe("Gold");
    const cust = values(orders, "customer_id") as number[];
    const on = values(orders, "ordered_on") as number[];
    cust.forEach((id, i) => {
      expect(on[i]!).toBeGreaterThan(regOf.get(id)!);
    });
    expect(orders.schema.fields.map((f) => f.name)).not.toContain("days_after");
  });

  it("skews zipf foreign keys toward a few popular parents", () => {
    const orders = readTable(plan, "orders", 4096);
    const freq = new Map<number, number>();
    for (const id of values(orders, "product_id") as number[]) freq.set(id, (freq.get(id) ?? 0) + 1);
    const sorted = [...freq.values()].sort((x, y) => y - x);
    const top = sorted.slice(0, 10).reduce((x, y) => x + y, 0);
    expect(top / orders.numRows).toBeGreaterThan(0.25); // uniform over 400 would give 2.5%
  });
});
