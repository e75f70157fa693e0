/**
 * Categorical columns' WASM path (uniform53 draw 0, then alias picks, for contiguous rows in one
 * 2^32 block) gives the same dictionary indices as the TypeScript one (uniform53Column, then
 * pickAliasColumn): tables of one value, uniform and skewed weights, and a thousand values; counts
 * around the 2048-row chunk and the 4-row SIMD width; rows just below and past 2^32. A range crossing
 * 2^32 is left to TypeScript.
 */
import { describe, expect, it } from "vitest";
import { buildAliasTable, pickAliasColumn, toPlainAlias } from "../../src/kernels/alias-table.js";
import { wasmAliasPicks } from "../../src/kernels/number-wasm.js";
import { uniform53Column } from "../../src/rng/hash.js";

const KEY = { k0: 0x5bd1e995, k1: -0x3c6ef372 };

const TABLES = {
  "one value": [1],
  "tier weights": [60, 25, 12, 3],
  "uniform 7": [1, 1, 1, 1, 1, 1, 1],
  "skewed, with a zero weight": [1e-6, 0, 5, 1000],
  "a thousand values": Array.from({ length: 1000 }, (_, i) => 1 + ((i * 37) % 101)),
};

function reference(weights: number[], start: number, count: number): Int32Array {
  const u = new Float64Array(count);
  uniform53Column(KEY.k0, KEY.k1, start, u);
  const out = new Int32Array(count);
  pickAliasColumn(toPlainAlias(buildAliasTable(weights)), u, out);
  return out;
}

describe("wasmAliasPicks", () => {
  for (const [name, weights] of Object.entries(TABLES)) {
    it(`${name}: the same indices as the TypeScript path`, () => {
      const table = toPlainAlias(buildAliasTable(weights));
      for (const [start, count] of [
        [0, 1],
        [3, 5],
        [100, 2047],
        [7, 2049],
        [12_345, 70_001],
        [2 ** 32 - 4100, 4100],
        [2 ** 32 + 9, 3000],
      ] as const) {
        const out = new Int32Array(count);
        expect(wasmAliasPicks(table, KEY, { start, count }, out)).toBe(true);
        expect(out).toEqual(reference(weights, start, count));
      }
    });
  }

  it("declines ranges crossing 2^32 and scattered rows (the TypeScript path takes them)", () => {
    const table = toPlainAlias(buildAliasTable([1, 2]));
    expect(wasmAliasPicks(table, KEY, { start: 2 ** 32 - 10, count: 20 }, new Int32Array(20))).toBe(false);
    const index = new Float64Array([5, 1, 9]);
    expect(wasmAliasPicks(table, KEY, { start: 0, count: 3, index }, new Int32Array(3))).toBe(false);
  });
});
