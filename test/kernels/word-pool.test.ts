import { describe, expect, it } from "vitest";
import { RowDraws } from "../../src/kernels/row-draws.js";
import { Utf8Writer } from "../../src/kernels/utf8-writer.js";
import { foldedPool, packWords, putWord } from "../../src/kernels/word-pool.js";
import { rowStem, stemBelow } from "../../src/rng/hash.js";

const decoder = new TextDecoder();

describe("word pools", () => {
  const words = ["", "a", "Zoë", "exactly-sixteen!", "a word well past sixteen bytes long", "Ünïcödé straße"];
  const pool = packWords(words);

  it("copies every word exactly, short or long, whatever its neighbours overran", () => {
    const order = [4, 1, 0, 3, 5, 2, 4, 0];
    // One byte per row to start with, so the writer grows mid-batch.
    const w = new Utf8Writer(order.length, 1);
    w.fillRows(order.length, pool.maxBytes, (out, p, i) => putWord(out, p, pool, order[i]!));
    const data = w.finish();
    const offsets = data.valueOffsets;
    const got = order.map((_, i) => decoder.decode(data.values.subarray(offsets[i]!, offsets[i + 1]!)));
    expect(got).toEqual(order.map((j) => words[j]));
  });

  it("folds ASCII letters only", () => {
    const upper = foldedPool(pool, 2);
    const w = new Utf8Writer(1, 8);
    w.fillRows(1, upper.maxBytes, (out, p) => putWord(out, p, upper, 5));
    const data = w.finish();
    expect(decoder.decode(data.values)).toBe("ÜNïCöDé STRAßE");
  });
});

describe("RowDraws", () => {
  it("equals stemBelow(rowStem()) row by row, for a row range and for scattered rows", () => {
    const index = new Float64Array([0, 7, 2 ** 32 + 5, 123456789, 3]);
    for (const rows of [
      { start: 4294967290, count: 12 },
      { start: 0, count: index.length, index },
    ]) {
      const d = new RowDraws(11, 22, rows);
      const got = d.below(3, 1000);
      const sizes = Int32Array.from({ length: rows.count }, (_, i) => (i % 3 === 0 ? 0 : 50 + i));
      const each = d.belowEach(4, sizes);
      for (let i = 0; i < rows.count; i++) {
        const r = rows.index?.[i] ?? rows.start + i;
        expect(got[i]).toBe(stemBelow(rowStem(11, r), 22, r, 3, 1000));
        expect(each[i]).toBe(sizes[i] === 0 ? 0 : stemBelow(rowStem(11, r), 22, r, 4, sizes[i]!));
      }
    }
  });
});
