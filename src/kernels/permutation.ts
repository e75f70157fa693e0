/**
 * kernels/permutation: unique integers in random order — a bijection of [0, N) by a keyed Feistel
 * network with cycle walking. value(row) = start + perm(row); no two rows < N share a value.
 */
import { numericData } from "../arrow/values.js";
import { hash32 } from "../rng/hash.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { num } from "./params.js";

const ROUNDS = 4;

/** A keyed permutation of [0, n): balanced Feistel on 2·half bits, walking until inside [0, n). */
export function permute(k0: number, k1: number, n: number, x: number): number {
  let bits = 2;
  while (2 ** bits < n) bits += 2;
  const half = bits / 2;
  const size = 2 ** half;
  let v = x;
  do {
    let l = Math.floor(v / size);
    let r = v % size;
    for (let round = 0; round < ROUNDS; round++) {
      const f = hash32(k0, k1, r, round) % size;
      const next = (l + f) % size;
      l = r;
      r = next;
    }
    v = l * size + r;
  } while (v >= n);
  return v;
}

export const permutationKernel: Kernel = {
  naturalType: () => ({ name: "int64" }),
  accepts: (t) => t.name === "int32" || t.name === "int64",
  compile: ({ gen, tableRows }) => ({ params: { ...gen, n: tableRows }, deps: [], violations: [] }),
  build(col, rows) {
    const start = num(col.params, "start", 1);
    const n = Math.max(1, num(col.params, "n", 1));
    const { k0, k1 } = col.key;
    const out = new Float64Array(rows.count);
    for (let i = 0; i < rows.count; i++) out[i] = start + permute(k0, k1, n, rowAt(rows, i) % n);
    return numericData(col.type, out);
  },
};
