/**
 * The column draws of kernels/row-draws.ts equal the per-row functions of rng/hash.ts, on their
 * WASM path (consecutive rows in one 2^32 block, sizes below 2^31) and off it: counts around the
 * kernels' 4 lanes and 2048-row chunks, rows past 2^32 and across it, scattered rows, per-row sizes
 * with zeros, and sizes the WASM path leaves to TypeScript (2^31 and up wrap in an Int32Array).
 * RowDraws gives stemBelow(rowStem(k0, row), k1, row, draw, size); belowRows below(k0, k1, row, draw,
 * size); uniform53Rows uniform53(k0, k1, row, 0).
 */
import { describe, expect, it } from "vitest";
import { belowRows, RowDraws, uniform53Rows } from "../../src/kernels/row-draws.js";
import { below, rowStem, stemBelow, uniform53 } from "../../src/rng/hash.js";

const K0 = 0x2545f491;
const K1 = -0x61c88647;

function expected(start: number, n: number, draw: number, size: (i: number) => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = size(i);
    out[i] = s === 0 ? 0 : stemBelow(rowStem(K0, start + i), K1, start + i, draw, s);
  }
  return out;
}

describe("RowDraws", () => {
  const counts = [1, 3, 4, 5, 2047, 2048, 2049, 5001];
  const starts = [0, 99, 2 ** 32 + 7, 2 ** 32 - 10];
  it("below(draw, size) equals stemBelow per row", () => {
    for (const n of counts)
      for (const start of starts)
        for (const size of [1, 7, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 32]) {
          const d = new RowDraws(K0, K1, { start, count: n });
          expect(d.below(3, size), `n ${n} start ${start} size ${size}`).toEqual(
            expected(start, n, 3, () => size),
          );
          d.release();
        }
  });

  it("belowEach(draw, sizes) equals stemBelow per row, 0 where the size is 0", () => {
    for (const n of counts)
      for (const start of starts) {
        const sizes = Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : (i * 7919) % 100_000));
        const d = new RowDraws(K0, K1, { start, count: n });
        expect(d.belowEach(6, sizes)).toEqual(expected(start, n, 6, (i) => sizes[i]!));
        d.release();
      }
  });
});

describe("belowRows and uniform53Rows", () => {
  const key = { k0: K0, k1: K1 };
  const counts = [1, 3, 4, 5, 2048, 2049, 5001];
  const starts = [0, 99, 2 ** 32 + 7, 2 ** 32 - 10];

  it("belowRows(draw, size) equals below per row, for draw 0 and later draws", () => {
    for (const n of counts)
      for (const start of starts)
        for (const draw of [0, 3])
          for (const size of [1, 7, 3007, 2 ** 31 - 1, 2 ** 31, 2 ** 32]) {
            const out = new Int32Array(n);
            belowRows(key, { start, count: n }, draw, size, out);
            const want = Int32Array.from({ length: n }, (_, i) => below(K0, K1, start + i, draw, size));
            expect(out, `n ${n} start ${start} draw ${draw} size ${size}`).toEqual(want);
          }
  });

  it("uniform53Rows equals uniform53 draw 0 per row", () => {
    for (const n of counts)
      for (const start of starts) {
        const out = new Float64Array(n);
        uniform53Rows(key, { start, count: n }, out);
        const want = Float64Array.from({ length: n }, (_, i) => uniform53(K0, K1, start + i, 0));
        expect(out, `n ${n} start ${start}`).toEqual(want);
      }
  });

  it("scattered rows take the per-row path with the same values", () => {
    const index = Float64Array.of(5, 2 ** 32 + 1, 17, 0, 2 ** 40);
    const rows = { start: 0, count: index.length, index };
    const picks = new Int32Array(index.length);
    belowRows(key, rows, 2, 1000, picks);
    expect(Array.from(picks)).toEqual(Array.from(index, (r) => below(K0, K1, r, 2, 1000)));
    const u = new Float64Array(index.length);
    uniform53Rows(key, rows, u);
    expect(Array.from(u)).toEqual(Array.from(index, (r) => uniform53(K0, K1, r, 0)));
  });
});
