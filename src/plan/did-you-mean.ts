/**
 * plan: suggestions for misspelled names ("custmers" → "customers").
 * name + candidates → the closest candidate within a small edit distance, or undefined.
 * Names are quoted and truncated in messages, so a megabyte-long name gives a short message.
 */

const QUOTE_MAX = 64;

/** `"name"`, truncated with an ellipsis past 64 characters. */
export function quote(name: string): string {
  return JSON.stringify(name.length > QUOTE_MAX ? `${name.slice(0, QUOTE_MAX)}…` : name);
}

/** Levenshtein distance, with an early exit once every cell of a row exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
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
  if (name === "") return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(lower, c.toLowerCase(), limit);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** ` (did you mean "customers"?)`, or "" when nothing is close. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const guess = closest(name, candidates);
  return guess === undefined ? "" : ` (did you mean ${quote(guess)}?)`;
}

/** `unknown table "custmers" (did you mean "customers"?)` */
export function unknownName(what: string, name: string, candidates: Iterable<string>): string {
  if (name === "") return `${what} is required`;
  return `unknown ${what} ${quote(name)}${suggestion(name, candidates)}`;
}
