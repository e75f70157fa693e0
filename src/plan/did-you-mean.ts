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

/**
 * Edit distance counting a swap of two neighbours as one edit ("nmae" → "name"), since
 * transpositions are the commonest typo; exits early once a whole row exceeds `limit`.
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    before = prev;
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

/**
 * `unknown table "custmers" (did you mean "customers"?)`; with `where`,
 * `unknown column "nmae" in table "customers" (did you mean "name"?)`.
 */
export function unknownName(
  what: string,
  name: string,
  candidates: Iterable<string>,
  where?: string,
): string {
  if (name === "") return `${what}${where === undefined ? "" : ` in ${where}`} is required`;
  return `unknown ${what} ${quote(name)}${where === undefined ? "" : ` in ${where}`}${suggestion(name, candidates)}`;
}
