/**
 * kernels: draws one instant from a TemporalSpec — a pure function of (spec, key, row).
 * Day by inverse CDF over the atoms (uniform draw 0), then for timestamps the hour (alias over the
 * hour weights, or the covered hours of a partial edge day; hash draw 4) and a uniform µs offset
 * inside that hour (uniform draw 1). Four 32-bit hashes per timestamp, two per date.
 */
import { hash32, uniform53 } from "../rng/hash.js";
import { pickAlias } from "./alias-table.js";
import { DAY_US, HOUR_US } from "./calendar.js";
import type { TemporalSpec } from "./temporal-spec.js";

const TWO_32 = 4294967296;

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

/** Epoch day (dates) or epoch µs (timestamps) for one row. */
export function sampleTemporal(
  s: TemporalSpec,
  k0: number,
  k1: number,
  row: number,
  timestamps: boolean,
): number {
  const cum = s.atomCum;
  const t = uniform53(k0, k1, row, 0) * cum[8]!;
  const atom = pickAtom(cum, t);
  let day: number;
  if (atom === 0) day = s.firstDay;
  else if (atom === 1) day = s.firstDay + s.days - 1;
  else {
    const r = atom - 2;
    const local = Math.max(0, t - cum[atom - 1]!);
    day = s.firstDay + 1 + r + 7 * invertLinear(s.resA[r]!, s.resB[r]!, s.resJ[r]!, local);
  }
  if (!timestamps) return day;
  const uh = hash32(k0, k1, row, 4) / TWO_32;
  const um = uniform53(k0, k1, row, 1);
  if (atom >= 2) return day * DAY_US + pickAlias(s.hours, uh) * HOUR_US + Math.floor(um * HOUR_US);
  const e = s.edges[atom]!;
  const h = pickAtom(e.cum, uh * e.cum[23]!);
  const lo = Math.max(e.lo, h * HOUR_US);
  const hi = Math.min(e.hi, (h + 1) * HOUR_US);
  return day * DAY_US + lo + Math.floor(um * (hi - lo));
}
