/**
 * compile: child tables numbered parent-first. Parent p has count(p) children, a pure function of
 * (seed, child table, p); its children are rows [offset(p), offset(p) + count(p)). Block prefix sums
 * (one per BLOCK parents) make offset(p) and the parent of any child row cheap, in any shard.
 */
import { below, type ColumnKey, uniform53 } from "../rng/hash.js";

/** Parents per prefix-sum block. */
export const BLOCK = 4096;

/** How a child table hangs off its parent: counts are uniform on [min, max]. */
export interface ChildCounts {
  readonly parentTable: string;
  readonly parentRows: number;
  readonly min: number;
  readonly max: number;
  readonly key: ColumnKey;
  /** When set, counts are 1 + Bernoulli(extra) instead of uniform (bronze duplicates). */
  readonly extra?: number | undefined;
  /** blockPrefix[b] = children of parents [0, b·BLOCK); one extra entry holds the total. */
  readonly blockPrefix: readonly number[];
}

/** Children of parent row p. */
export function childCount(c: Pick<ChildCounts, "min" | "max" | "key" | "extra">, p: number): number {
  if (c.extra !== undefined) return uniform53(c.key.k0, c.key.k1, p, 0) < c.extra ? 2 : 1;
  return c.min + below(c.key.k0, c.key.k1, p, 0, c.max - c.min + 1);
}

/** Computes the block prefix sums for a child table (O(parents), once per compile). */
export function buildChildCounts(
  parentTable: string,
  parentRows: number,
  min: number,
  max: number,
  key: ColumnKey,
  extra?: number,
): ChildCounts {
  const blocks = Math.ceil(parentRows / BLOCK);
  const blockPrefix = new Array<number>(blocks + 1);
  const c = { min, max, key, extra };
  let total = 0;
  for (let b = 0; b < blocks; b++) {
    blockPrefix[b] = total;
    const end = Math.min(parentRows, (b + 1) * BLOCK);
    for (let p = b * BLOCK; p < end; p++) total += childCount(c, p);
  }
  blockPrefix[blocks] = total;
  return { parentTable, parentRows, min, max, key, blockPrefix, ...(extra === undefined ? {} : { extra }) };
}

/** Total child rows. */
export function totalChildren(c: ChildCounts): number {
  return c.blockPrefix[c.blockPrefix.length - 1] ?? 0;
}

/** offset(p): the first child row of parent p. */
export function childOffset(c: ChildCounts, p: number): number {
  const b = Math.floor(p / BLOCK);
  let off = c.blockPrefix[b]!;
  for (let q = b * BLOCK; q < p; q++) off += childCount(c, q);
  return off;
}

/** The parent of child row r, with r's ordinal among its siblings. */
export function parentOf(c: ChildCounts, r: number): { parent: number; ordinal: number } {
  const prefix = c.blockPrefix;
  let lo = 0;
  let hi = prefix.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (prefix[mid]! <= r) lo = mid;
    else hi = mid - 1;
  }
  let off = prefix[lo]!;
  for (let p = lo * BLOCK; p < c.parentRows; p++) {
    const n = childCount(c, p);
    if (r < off + n) return { parent: p, ordinal: r - off };
    off += n;
  }
  throw new Error(`child row ${r} is past the last parent`);
}

/** Parent row and sibling ordinal for each requested child row; contiguous rows walk forward. */
export function parentsOfRows(
  c: ChildCounts,
  start: number,
  count: number,
  index?: Float64Array,
): { parents: Float64Array; ordinals: Int32Array } {
  const parents = new Float64Array(count);
  const ordinals = new Int32Array(count);
  if (count === 0) return { parents, ordinals };
  if (index !== undefined) {
    // Lookups through sorted parents (grandchildren) walk forward; scattered rows search.
    let parent = -1;
    let first = 0;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const r = index[i]!;
      let steps = 0;
      while (parent >= 0 && r >= first + n && steps++ < BLOCK && parent + 1 < c.parentRows) {
        first += n;
        parent++;
        n = childCount(c, parent);
      }
      if (parent < 0 || r < first || r >= first + n) {
        const found = parentOf(c, r);
        parent = found.parent;
        first = r - found.ordinal;
        n = childCount(c, parent);
      }
      parents[i] = parent;
      ordinals[i] = r - first;
    }
    return { parents, ordinals };
  }
  let { parent, ordinal } = parentOf(c, start);
  let left = childCount(c, parent) - ordinal;
  for (let i = 0; i < count; i++) {
    while (left === 0) {
      parent++;
      ordinal = 0;
      left = childCount(c, parent);
    }
    parents[i] = parent;
    ordinals[i] = ordinal++;
    left--;
  }
  return { parents, ordinals };
}
