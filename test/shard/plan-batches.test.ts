import { describe, expect, it } from "vitest";
import {
  clampRange,
  defaultRowsPerBatch,
  MAX_ROWS_PER_BATCH,
  MIN_ROWS_PER_BATCH,
  planBatches,
  TARGET_BATCH_BYTES,
} from "../../src/shard/plan-batches.js";

describe("planBatches", () => {
  it("covers the clamped range exactly once, in order, with a short last batch", () => {
    const b = planBatches(10_000, { start: 1234, end: 5000 }, 1000);
    expect(b).toEqual([
      { rowStart: 1234, rowCount: 1000 },
      { rowStart: 2234, rowCount: 1000 },
      { rowStart: 3234, rowCount: 1000 },
      { rowStart: 4234, rowCount: 766 },
    ]);
  });

  it("clamps to the table and returns nothing for an empty or inverted range", () => {
    expect(planBatches(100, { start: 50, end: 1e9 }, 30).map((s) => s.rowCount)).toEqual([30, 20]);
    expect(planBatches(100, { start: 200 }, 10)).toEqual([]);
    expect(planBatches(100, { start: 60, end: 40 }, 10)).toEqual([]);
    expect(planBatches(0, {}, 10)).toEqual([]);
    expect(clampRange(100, { start: -5, end: 7 })).toEqual({ start: 0, end: 7 });
  });

  it("rejects a batch size that is not a positive integer", () => {
    expect(() => planBatches(100, {}, 0)).toThrow(RangeError);
    expect(() => planBatches(100, {}, 2.5)).toThrow(RangeError);
  });
});

describe("defaultRowsPerBatch", () => {
  it("keeps a batch body under the target for typical rows, in multiples of 1024", () => {
    for (const rowBytes of [30, 64, 100, 333, 1000, 3000]) {
      const n = defaultRowsPerBatch(rowBytes);
      expect(n * rowBytes).toBeLessThanOrEqual(TARGET_BATCH_BYTES);
      expect(n % 1024).toBe(0);
      expect((n + 1024) * rowBytes > TARGET_BATCH_BYTES || n === MAX_ROWS_PER_BATCH).toBe(true);
    }
  });

  it("stays within [1024, 131072] rows", () => {
    expect(defaultRowsPerBatch(1)).toBe(MAX_ROWS_PER_BATCH);
    expect(defaultRowsPerBatch(0)).toBe(MAX_ROWS_PER_BATCH);
    expect(defaultRowsPerBatch(1e6)).toBe(MIN_ROWS_PER_BATCH);
  });
});
