/**
 * kernels: Vose's alias method — weighted choice in O(1) per draw.
 * weights → { prob, alias }; one uniform → an index. Tables that go into compiled params are
 * converted to plain arrays (toPlainAlias) so they survive JSON as well as structured clone.
 */

/** An alias table over n outcomes: take i with probability prob[i], else alias[i]. */
export interface AliasTable {
  readonly prob: ArrayLike<number>;
  readonly alias: ArrayLike<number>;
}

/**
 * Builds the table in O(n) with typed arrays (1M outcomes in tens of ms). Weights must be finite,
 * non-negative, with a positive sum (validated earlier).
 */
export function buildAliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  const scaled = new Float64Array(n);
  const prob = new Float64Array(n).fill(1);
  const alias = new Int32Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    const p = (weights[i]! * n) / sum;
    scaled[i] = p;
    alias[i] = i;
    if (p < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[--nl]!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    const rest = scaled[l]! + scaled[s]! - 1;
    scaled[l] = rest;
    if (rest < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // Whatever is left (rounding residue) keeps prob 1 and aliases itself.
  return { prob, alias };
}

/**
 * A small cache of alias tables built in the worker from their parameters (posting a large table
 * with every task would cost more than building it). Bounded by insertion order: plans rarely
 * hold more than a few distinct parameter sets.
 */
export function aliasMemo<K>(max: number): (key: K, weights: () => ArrayLike<number>) => AliasTable {
  const memo = new Map<K, AliasTable>();
  return (key, weights) => {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const table = buildAliasTable(weights());
    if (memo.size >= max) memo.delete(memo.keys().next().value!);
    memo.set(key, table);
    return table;
  };
}

/** The table as plain number arrays, for compiled params. */
export function toPlainAlias(t: AliasTable): { prob: number[]; alias: number[] } {
  return { prob: Array.from(t.prob), alias: Array.from(t.alias) };
}

/** Picks an outcome from one uniform u ∈ [0, 1); use 53-bit uniforms for large tables. */
export function pickAlias(t: AliasTable, u: number): number {
  const x = u * t.prob.length;
  const i = Math.floor(x);
  return x - i < t.prob[i]! ? i : t.alias[i]!;
}

/**
 * out[i] = pickAlias(t, u[i]) for a batch of uniforms. The keep-or-alias choice is random, so a
 * branch mispredicts about half the time; the sign bit of (x − i) − prob[i] selects instead
 * (a − b < 0 exactly when a < b for finite doubles). A padding slot keeps the scalar form's
 * answer (0) should x ever reach the table's end.
 */
export function pickAliasColumn(t: AliasTable, u: Float64Array, out: Int32Array): void {
  const size = t.prob.length;
  const prob = new Float64Array(size + 1).fill(Number.NEGATIVE_INFINITY);
  const alias = new Int32Array(size + 1);
  for (let j = 0; j < size; j++) {
    prob[j] = t.prob[j]!;
    alias[j] = t.alias[j]!;
  }
  const diff = new Float64Array(1);
  const high = new Int32Array(diff.buffer, 4, 1);
  for (let i = 0; i < u.length; i++) {
    const x = u[i]! * size;
    const j = x | 0;
    diff[0] = x - j - prob[j]!;
    const a = alias[j]!;
    out[i] = a ^ ((j ^ a) & (high[0]! >> 31));
  }
}
