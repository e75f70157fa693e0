/**
 * withNulls' validity bitmap is the same bytes on its WASM path (contiguous rows in one 2^32
 * block) as the definition, null(row) = hash32(nullKey, row) < rate · 2^32, bit i of byte i >> 3,
 * zero past the batch. Checked against that definition written out here, for counts around the
 * kernel's 8-row bytes and 2048-row chunks, rows past 2^32, a range crossing 2^32 (the loop's
 * path), scattered rows, and rates from 10^-9 to 1.
 */
import { Int32, makeData } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { withNulls } from "../../src/arrow/nulls.js";
import type { CompiledColumn } from "../../src/compile/compiled-plan.js";
import type { Rows } from "../../src/kernels/kernel.js";
import { hash32 } from "../../src/rng/hash.js";

const KEY = { k0: 0x1234567, k1: -0x2468ace };

function reference(rate: number, rows: Rows): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((rows.count + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < rows.count; i++) {
    const row = rows.index === undefined ? rows.start + i : rows.index[i]!;
    if (hash32(KEY.k0, KEY.k1, row, 0) < rate * 2 ** 32) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

function actual(rate: number, rows: Rows) {
  const data = makeData({ type: new Int32(), length: rows.count, data: new Int32Array(rows.count) });
  const col = { nullRate: rate, nullKey: KEY } as unknown as CompiledColumn;
  const out = withNulls(data, col, rows);
  // No null drawn: the input comes back as it was, without a bitmap.
  return { bitmap: out.nullCount === 0 ? undefined : out.nullBitmap, nulls: out.nullCount };
}

describe("null bitmap", () => {
  const counts = [1, 7, 8, 9, 63, 2047, 2048, 2049, 5003];
  const starts = [0, 123, 2 ** 32 + 5, 3 * 2 ** 32 - 6000];
  const rates = [1e-9, 0.05, 0.5, 0.999999];
  it("equals the definition for contiguous rows (counts, starts, rates)", () => {
    for (const count of counts)
      for (const start of starts)
        for (const rate of rates) {
          const want = reference(rate, { start, count });
          const got = actual(rate, { start, count });
          expect(got.nulls, `count ${count} start ${start} rate ${rate}`).toBe(want.nulls);
          if (want.nulls > 0) expect(got.bitmap).toEqual(want.bitmap);
        }
  });

  it("equals it across a 2^32 boundary, for scattered rows and at rate 1", () => {
    const cases: [number, Rows][] = [
      [0.3, { start: 2 ** 32 - 1000, count: 3000 }],
      [
        0.3,
        {
          start: 0,
          count: 40,
          index: Float64Array.from({ length: 40 }, (_, i) => ((i * 7919) % 1000) + (i % 3) * 2 ** 32),
        },
      ],
      [1, { start: 10, count: 100 }],
    ];
    for (const [rate, rows] of cases) {
      const want = reference(rate, rows);
      const got = actual(rate, rows);
      expect(got.nulls).toBe(want.nulls);
      expect(want.nulls).toBeGreaterThan(0);
      expect(got.bitmap).toEqual(want.bitmap);
    }
  });

  it("puts a row whose hash equals rate · 2^32 on the valid side, and one just under it on the null side", () => {
    const h = hash32(KEY.k0, KEY.k1, 77, 0);
    for (const [rate, nullAt77] of [
      [h / 2 ** 32, false],
      [(h + 0.5) / 2 ** 32, true],
    ] as const) {
      const rows = { start: 0, count: 200 };
      const got = actual(rate, rows);
      expect(got.nulls).toBe(reference(rate, rows).nulls);
      expect(((got.bitmap![77 >> 3]! >> (77 & 7)) & 1) === 0).toBe(nullAt77);
    }
  });
});
