/**
 * kernels: turns a row's uniforms into one instant of a TemporalSpec — pure math, no draws.
 * Day by inverse CDF over the atoms (uniform draw 0), then for timestamps the hour (alias over the
 * hour weights, or the covered hours of a partial edge day; hash draw 4) and a uniform µs offset
 * inside that hour (uniform draw 1). The kernel draws the uniforms column by column (temporal.ts).
 */
import { pickAlias } from "./alias-table.js";
import { DAY_US, HOUR_US } from "./calendar.js";
import type { TemporalSpec } from "./temporal-spec.js";

function linearMass(a: number, b: number, k: number): number {
  return a * k + (b * k * (k - 1)) / 2;
}

/**
 * The smallest j in [0, n) with C(j+1) > t, where C(m) = a·m + b·m(m−1)/2 is the mass of the first m
 * days of a residue: the quadratic root in its cancellation-free form, then an exact check.
 */
export function invertLinear(a: number, b: number, n: number, t: number): number {
  const c = a - b / 2;
  let m: number;
  if (b === 0) m = t / a;
  else {
    const root = Math.sqrt(Math.max(0, c * c + 2 * b * t));
    m = c >= 0 ? (2 * t) / (c + root) : (root - c) / b;
  }
  let j = Math.min(n - 1, Math.max(0, Math.floor(m)));
  // The root is within one step of the answer; a few bounded corrections absorb rounding.
  for (let i = 0; i < 4 && j > 0 && linearMass(a, b, j) > t; i++) j--;
  for (let i = 0; i < 4 && j < n - 1 && linearMass(a, b, j + 1) <= t; i++) j++;
  return j;
}

/** Which atom a scaled uniform falls in; the last positive atom absorbs rounding at the top. */
function pickAtom(cum: readonly number[], t: number): number {
  for (let i = 0; i < cum.length; i++) if (t < cum[i]!) return i;
  let i = cum.length - 1;
  while (i > 0 && cum[i - 1] === cum[i]) i--;
  return i;
}

/** The epoch day of the atom that scaled uniform t (in [0, total mass)) falls in. */
function dayAt(s: TemporalSpec, atom: number, t: number): number {
  if (atom === 0) return s.firstDay;
  if (atom === 1) return s.firstDay + s.days - 1;
  const r = atom - 2;
  const local = Math.max(0, t - s.atomCum[atom - 1]!);
  return s.firstDay + 1 + r + 7 * invertLinear(s.resA[r]!, s.resB[r]!, s.resJ[r]!, local);
}

/** Epoch day for a date, from the row's uniform draw 0 (uniform53). */
export function sampleDay(s: TemporalSpec, u0: number): number {
  const t = u0 * s.atomCum[8]!;
  return dayAt(s, pickAtom(s.atomCum, t), t);
}

/** Buckets of u0 for the atom search (a power of two, so u0 · BUCKETS is exact). */
const BUCKETS = 256;

/**
 * out[i] = sampleDay(s, u0[i]) for a batch. The atom a uniform falls in is random, so a scan
 * from atom 0 mispredicts its exit about once a row; here it starts at the first atom that any
 * uniform of the row's 1/256 bucket can reach, where nearly every scan ends at once. Exact: t is
 * at least the bucket's lowest t (rounding is monotonic), so the atoms skipped all end at or below t.
 */
export function sampleDays(s: TemporalSpec, u0: Float64Array, out: Int32Array): void {
  const cum = s.atomCum;
  const total = cum[8]!;
  const atoms = cum.length;
  const first = new Int32Array(BUCKETS);
  for (let b = 0; b < BUCKETS; b++) {
    const low = (b / BUCKETS) * total;
    let i = 0;
    while (i < atoms && !(low < cum[i]!)) i++;
    first[b] = i;
  }
  for (let k = 0; k < u0.length; k++) {
    const u = u0[k]!;
    const t = u * total;
    let atom = first[(u * BUCKETS) | 0]!;
    while (atom < atoms && !(t < cum[atom]!)) atom++;
    if (atom === atoms) atom = pickAtom(cum, t);
    out[k] = dayAt(s, atom, t);
  }
}

/**
 * Epoch µs for a timestamp, from the row's uniform draw 0, hash draw 4 scaled to [0, 1) (the hour)
 * and uniform draw 1 (the µs inside the hour).
 */
export function sampleMicros(s: TemporalSpec, u0: number, uh: number, um: number): number {
  const cum = s.atomCum;
  const t = u0 * cum[8]!;
  const atom = pickAtom(cum, t);
  const day = dayAt(s, atom, t);
  if (atom >= 2) return day * DAY_US + pickAlias(s.hours, uh) * HOUR_US + Math.floor(um * HOUR_US);
  const e = s.edges[atom]!;
  const h = pickAtom(e.cum, uh * e.cum[23]!);
  const lo = Math.max(e.lo, h * HOUR_US);
  const hi = Math.min(e.hi, (h + 1) * HOUR_US);
  return day * DAY_US + lo + Math.floor(um * (hi - lo));
}
