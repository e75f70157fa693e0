/**
 * The column forms of the draws (rng/hash.ts) and the batch pickers built on them equal their
 * scalar definitions bit for bit, including ranges that cross a 2^32-row block.
 */
import { describe, expect, it } from "vitest";
import { buildAliasTable, pickAlias, pickAliasColumn, toPlainAlias } from "../../src/kernels/alias-table.js";
import { DIGITS3, DIGITS4 } from "../../src/kernels/digit-tables.js";
import { sampleDay, sampleDays } from "../../src/kernels/temporal-sample.js";
import { resolveTemporal } from "../../src/kernels/temporal-spec.js";
import {
  below,
  belowColumn,
  rowStem,
  stemBelow,
  stemBelowColumn,
  stemColumn,
  uniform53,
  uniform53Column,
} from "../../src/rng/hash.js";

const TWO_32 = 4294967296;
const K0 = 0x9e3779b9;
const K1 = 0xf00dbabe;
/** Starts: the first rows, a plain offset, just below 2^31 and 2^32 (crossing), and far out. */
const STARTS = [0, 123_457, 2 ** 31 - 40, TWO_32 - 37, 3 * TWO_32 + 11, 2 ** 40 - 5];
const N = 100;

describe("column draws", () => {
  it("belowColumn equals below for every draw and size", () => {
    for (const start of STARTS)
      for (const [draw, size] of [
        [0, 3000],
        [3, 7],
        [1, 2 ** 32],
      ] as const) {
        const out = new Int32Array(N);
        belowColumn(K0, K1, start, draw, size, out);
        for (let i = 0; i < N; i++) expect(out[i]).toBe(below(K0, K1, start + i, draw, size) | 0);
      }
  });

  it("uniform53Column equals uniform53 (draw 0)", () => {
    for (const start of STARTS) {
      const out = new Float64Array(N);
      uniform53Column(K0, K1, start, out);
      for (let i = 0; i < N; i++) expect(out[i]).toBe(uniform53(K0, K1, start + i, 0));
    }
  });

  it("stem columns equal rowStem and stemBelow, with per-row sizes", () => {
    for (const start of STARTS) {
      const stems = new Int32Array(N);
      stemColumn(K0, start, stems);
      for (let i = 0; i < N; i++) expect(stems[i]).toBe(rowStem(K0, start + i));
      const sizes = Int32Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 0 : 10 + i));
      const out = new Int32Array(N);
      stemBelowColumn(stems, K1, start, 4, 0, out, sizes);
      for (let i = 0; i < N; i++)
        expect(out[i]).toBe(sizes[i] === 0 ? 0 : stemBelow(stems[i]!, K1, start + i, 4, sizes[i]!));
      stemBelowColumn(stems, K1, start, 2, 800, out);
      for (let i = 0; i < N; i++) expect(out[i]).toBe(stemBelow(stems[i]!, K1, start + i, 2, 800));
    }
  });

  it("pickAliasColumn equals pickAlias, at the ends of [0, 1) too", () => {
    const table = toPlainAlias(buildAliasTable([60, 25, 10, 5]));
    const u = new Float64Array(10_000);
    uniform53Column(K0, K1, 77, u);
    u[0] = 1 - 2 ** -53;
    u[1] = 0;
    const out = new Int32Array(u.length);
    pickAliasColumn(table, u, out);
    for (let i = 0; i < u.length; i++) expect(out[i]).toBe(pickAlias(table, u[i]!) | 0);
  });

  it("sampleDays equals sampleDay, with trends, weekday weights and partial edge days", () => {
    const gens = [
      { start: "2019-01-01", end: "2025-01-01" },
      {
        start: "1999-03-04T13:00:00Z",
        end: "2001-01-01T02:00:00Z",
        trend: 2,
        weekday_weights: [1, 2, 3, 4, 5, 6, 0],
      },
      { start: "2024-02-28", end: "2024-03-02", trend: -0.5 },
    ];
    const u = new Float64Array(20_000);
    uniform53Column(K0, K1, 5, u);
    u[0] = 0;
    u[1] = 1 - 2 ** -53;
    for (const gen of gens) {
      const spec = resolveTemporal(gen, false, "t", []);
      if (spec === undefined) throw new Error("bad test spec");
      const out = new Int32Array(u.length);
      sampleDays(spec, u, out);
      for (let i = 0; i < u.length; i++) expect(out[i]).toBe(sampleDay(spec, u[i]!));
    }
  });

  it("digit tables hold zero-padded ASCII digits", () => {
    const text = (word: number, n: number) =>
      String.fromCharCode(...Array.from({ length: n }, (_, k) => (word >>> (8 * k)) & 0xff));
    for (const x of [0, 7, 42, 999]) expect(text(DIGITS3[x]!, 3)).toBe(String(x).padStart(3, "0"));
    for (const x of [0, 5, 321, 9999]) expect(text(DIGITS4[x]!, 4)).toBe(String(x).padStart(4, "0"));
  });
});
