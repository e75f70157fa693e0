/**
 * kernels/composite: product_name (`Ergonomic Steel Chair`) as a dictionary column.
 * adjective × material × product is ~10k entries: small enough for one stable per-stream
 * dictionary, and far smaller on the wire than bytes per row. index(row) = three draws.
 */
import { below } from "../rng/hash.js";
import { wordList } from "./semantic-data.js";

/** The semantic kinds served from a cartesian-product dictionary. */
export const PRODUCT_KINDS: readonly string[] = ["product_name"];

function parts(locale: string): readonly (readonly string[])[] {
  return [
    wordList("product_adjective", locale),
    wordList("product_material", locale),
    wordList("product", locale),
  ];
}

const memo = new Map<string, readonly string[]>();

/** Every product name, adjective-major: entry (a, m, p) sits at (a·|M| + m)·|P| + p. */
export function productNames(locale: string): readonly string[] {
  let hit = memo.get(locale);
  if (hit === undefined) {
    const [adj, mat, prod] = parts(locale) as [readonly string[], readonly string[], readonly string[]];
    const out: string[] = [];
    for (const a of adj) for (const m of mat) for (const p of prod) out.push(`${a} ${m} ${p}`);
    hit = Object.freeze(out);
    memo.set(locale, hit);
  }
  return hit;
}

/** The dictionary index of one row's product name; each of the three parts has its own draw. */
export function productIndex(locale: string, k0: number, k1: number, r: number): number {
  const [adj, mat, prod] = parts(locale) as [readonly string[], readonly string[], readonly string[]];
  const m = mat.length;
  const p = prod.length;
  return (below(k0, k1, r, 0, adj.length) * m + below(k0, k1, r, 1, m)) * p + below(k0, k1, r, 2, p);
}
