/**
 * RowDraws (kernels/row-draws.ts) gives stemBelow(rowStem(k0, row), k1, row, draw, size) for every
 * row, on its WASM path (consecutive rows in one 2^32 block, sizes below 2^31) and off it:
 * counts around the kernel's 4 lanes and 2048-row chunks, rows past 2^32 and across it, per-row
 * sizes with zeros, and sizes the WASM path leaves to TypeScript (2^31 and up wrap in an Int32Array).
 */
import { describe, expect, it } from "vitest";
import { RowDraws } from "../../src/kernels/row-draws.js";
import { rowStem, stemBelow } from "../../src/rng/hash.js";

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
