import { describe, expect, it } from "vitest";
import { generateBatch } from "../../src/arrow/batch.js";
import { encodeRecordBatch } from "../../src/arrow/ipc.js";
import { tableOf } from "../../src/compile/compiled-plan.js";
import { estimateColumnBytes, estimateRowBytes } from "../../src/shard/estimate-row-bytes.js";
import { DEFAULT_SHARD_ROWS, planShards } from "../../src/shard/plan-shards.js";
import { compileText } from "../helpers/plans.js";
import { plan } from "../stream/stream-helpers.js";

const customers = tableOf(plan, "customers");
const col = (name: string) => customers.columns.find((c) => c.name === name)!;

describe("estimateRowBytes", () => {
  it("prices each column by logical type and kernel", () => {
    expect(estimateColumnBytes(col("id"))).toBe(8);
    expect(estimateColumnBytes(col("age"))).toBe(4);
    expect(estimateColumnBytes(col("balance"))).toBe(16);
    expect(estimateColumnBytes(col("active"))).toBe(1 / 8);
    expect(estimateColumnBytes(col("uid"))).toBe(40);
    expect(estimateColumnBytes(col("tier"))).toBe(4); // dictionary index
    expect(estimateColumnBytes(col("city"))).toBe(4 + 1 / 8); // dictionary index + validity
    expect(estimateColumnBytes(col("zip"))).toBe(5 + 4);
    expect(estimateRowBytes(plan, customers, ["id", "age"])).toBe(12);
  });

  it("sizes templates by their literal text and placeholders", () => {
    const p = compileText(
      "name: t\nseed: 1\ntables:\n  - name: a\n    rows: 10\n    primary_key: id\n    columns:\n      - {name: id, sequence: {}}\n      - {name: sku, template: {template: 'SKU-{row:06}'}}\n",
    );
    expect(estimateColumnBytes(tableOf(p, "a").columns[1]!)).toBe(4 + 10 + 4);
  });

  it("is within a factor of 1.5 of the real body size of a batch", () => {
    const rows = 4096;
    const msg = encodeRecordBatch(generateBatch(plan, "customers", 0, rows));
    const ratio = (estimateRowBytes(plan, customers) * rows) / msg.body.byteLength;
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  });
});

describe("planShards", () => {
  it("cuts a table into ordered, disjoint shards of at most shardRows", () => {
    const shards = planShards(plan, "customers", { shardRows: 1500 });
    expect(shards.map((s) => [s.index, s.rowStart, s.rowCount])).toEqual([
      [0, 0, 1500],
      [1, 1500, 1500],
      [2, 3000, 1500],
      [3, 4500, 500],
    ]);
    expect(shards.every((s) => s.table === "customers")).toBe(true);
    expect(shards[3]!.estimatedBytes).toBe(Math.round(500 * estimateRowBytes(plan, customers)));
  });

  it("defaults to 1,048,576-row shards and honours a row range", () => {
    expect(planShards(plan, customers)).toHaveLength(1);
    expect(DEFAULT_SHARD_ROWS).toBe(1_048_576);
    expect(
      planShards(plan, "customers", { shardRows: 1000, start: 4200, end: 4900 }).map((s) => [
        s.rowStart,
        s.rowCount,
      ]),
    ).toEqual([[4200, 700]]);
  });

  it("gives an empty range one empty shard, so every table has an endpoint", () => {
    expect(planShards(plan, "events", { start: 5000 })).toEqual([
      { table: "events", index: 0, rowStart: 3000, rowCount: 0, estimatedBytes: 0 },
    ]);
  });
});
