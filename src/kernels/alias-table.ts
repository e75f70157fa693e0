/**
 * kernels: Vose's alias method — weighted choice in O(1) per draw.
 * weights → { prob, alias } plain arrays (posted to workers as they are); one uniform → an index.
 */

/** An alias table over n outcomes. */
export interface AliasTable {
  readonly prob: number[];
  readonly alias: number[];
}

/** Builds the table; weights must be finite, non-negative, with a positive sum (validated earlier). */
export function buildAliasTable(weights: readonly number[]): AliasTable {
  const n = weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const scaled = weights.map((w) => (w * n) / sum);
  const prob = new Array<number>(n).fill(1);
  const alias = Array.from({ length: n }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  return { prob, alias };
}

/** Picks an outcome from one uniform u ∈ [0, 1). */
export function pickAlias(t: AliasTable, u: number): number {
  const x = u * t.prob.length;
  const i = Math.floor(x);
  return x - i < t.prob[i]! ? i : t.alias[i]!;
}
