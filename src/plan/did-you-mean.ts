/**
 * plan: suggestions for misspelled names ("custmers" → "customers").
 * name + candidates → the closest candidate within a small edit distance, or undefined.
 */

/** Levenshtein distance, with an early exit once every cell of a row exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate to `name`, if one is close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase(), limit);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** `unknown table "custmers" (did you mean "customers"?)` */
export function unknownName(what: string, name: string, candidates: Iterable<string>): string {
  const guess = closest(name, candidates);
  return `unknown ${what} "${name}"${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`;
}
