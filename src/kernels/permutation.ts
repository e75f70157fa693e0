/**
 * kernels/permutation: unique integers in random order — a bijection of [0, N) by a keyed Feistel
 * network with cycle walking. value(row) = start + perm(row); no two rows < N share a value.
 */
import { numericData } from "../arrow/values.js";
import { hash32 } from "../rng/hash.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { num } from "./params.js";

/** Bits of the smallest power-of-two domain holding [0, n), at least 2. */
export function domainBits(n: number): number {
  let bits = 2;
  while (2 ** bits < n) bits++;
  return bits;
}

/**
 * A keyed permutation of [0, n): an alternating (unbalanced) Feistel network on the smallest
 * power-of-two domain ≥ n, walking the cycle until the value falls inside [0, n). The domain is
 * under 2n, so the walk takes under two passes on average. Halves of up to 27 bits keep every
 * step in int32 arithmetic.
 */
export function permute(k0: number, k1: number, n: number, x: number, bits = domainBits(n)): number {
  const hiBits = bits >> 1;
  const loBits = bits - hiBits;
  const loSize = 2 ** loBits;
  const hiMask = 2 ** hiBits - 1;
  const loMask = loSize - 1;
  let v = x;
  do {
    let a = Math.floor(v / loSize);
    let b = v - a * loSize;
    // (a, b) → (b, a ⊕ F(b)): invertible whatever the halves' widths. Four rounds: the widths
    // swap every round, so F's mask alternates hi, lo, hi, lo and the halves end where they began.
    let t = b;
    b = (a ^ (hash32(k0, k1, b, 0) & hiMask)) >>> 0;
    a = t;
    t = b;
    b = (a ^ (hash32(k0, k1, b, 1) & loMask)) >>> 0;
    a = t;
    t = b;
    b = (a ^ (hash32(k0, k1, b, 2) & hiMask)) >>> 0;
    a = t;
    t = b;
    b = (a ^ (hash32(k0, k1, b, 3) & loMask)) >>> 0;
    a = t;
    v = a * loSize + b;
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
    const bits = domainBits(n);
    for (let i = 0; i < rows.count; i++) out[i] = start + permute(k0, k1, n, rowAt(rows, i) % n, bits);
    return numericData(col.type, out);
  },
};
