/**
 * kernels: compiles a temporal generator into a closed-form sampling spec (plain data, ~100 numbers).
 * (start, end, hour_weights, weekday_weights, trend) → TemporalSpec. The density over [start, end)
 * is trend(t) · weekday(t) · hour(t); days are grouped by weekday residue so any range, even millions
 * of days, is sampled exactly in O(1) per row with no per-day table.
 */
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { checkWeights } from "../plan/validate-weights.js";
import { childPath, type Violation } from "../plan/violation.js";
import { buildAliasTable, toPlainAlias } from "./alias-table.js";
import { DAY_US, HOUR_US, MAX_EXACT_US, parseInstant, weekdayOf } from "./calendar.js";
import { nums, str } from "./params.js";

/** A partial first or last day: its µs-of-day window and the cumulative covered hour weights. */
export interface EdgeDay {
  readonly lo: number;
  readonly hi: number;
  readonly cum: number[];
}

/**
 * Atoms, in order: the first day, the last day, then the interior days of each weekday residue r
 * (days firstDay+1+r+7j). Interior day j of residue r weighs resA[r] + resB[r]·j.
 */
export interface TemporalSpec {
  readonly firstDay: number;
  readonly days: number;
  readonly atomCum: number[];
  readonly resA: number[];
  readonly resB: number[];
  readonly resJ: number[];
  readonly hours: { prob: number[]; alias: number[] };
  readonly edges: EdgeDay[];
}

/** A weight list (uniform when empty); its problems are reported at the paths validation uses. */
function weightList(
  gen: GeneratorParams,
  name: string,
  size: number,
  path: string,
  out: Violation[],
): number[] {
  const w = nums(gen, name);
  if (w.length === 0) return new Array<number>(size).fill(1);
  const p = childPath(path, name);
  if (w.length !== size) out.push({ path: p, message: `expected ${size} weights, got ${w.length}` });
  checkWeights(w, p, out);
  return w;
}

/** Start and end as epoch µs, or violations. */
export function temporalBounds(
  gen: GeneratorParams,
  path: string,
  out: Violation[],
): { t0: number; t1: number } | undefined {
  const a = parseInstant(str(gen, "start"));
  const b = parseInstant(str(gen, "end"));
  if (typeof a === "string") out.push({ path: childPath(path, "start"), message: a });
  if (typeof b === "string") out.push({ path: childPath(path, "end"), message: b });
  if (typeof a === "string" || typeof b === "string") return undefined;
  if (!(b.micros > a.micros)) {
    out.push({ path, message: `start (${str(gen, "start")}) must be before end (${str(gen, "end")})` });
    return undefined;
  }
  return { t0: a.micros, t1: b.micros };
}

/** Resolves the generator for a date or timestamp column; violations instead of a spec on error. */
export function resolveTemporal(
  gen: GeneratorParams,
  timestamps: boolean,
  path: string,
  out: Violation[],
): TemporalSpec | undefined {
  const before = out.length;
  const bounds = temporalBounds(gen, path, out);
  const hw = weightList(gen, "hour_weights", 24, path, out);
  const ww = weightList(gen, "weekday_weights", 7, path, out);
  const trend = Number(gen.trend ?? 0);
  if (!(trend > -1 && Number.isFinite(trend)))
    out.push({
      path: childPath(path, "trend"),
      message: `trend must be a finite number > -1, got ${gen.trend}`,
    });
  if (bounds === undefined || out.length > before) return undefined;
  const { t0, t1 } = bounds;
  if (timestamps && Math.max(Math.abs(t0), Math.abs(t1)) > MAX_EXACT_US)
    out.push({ path, message: "timestamps must lie within about 1685–2255 (±2^53 µs from 1970)" });
  const spec = buildSpec(t0, t1, hw, ww, trend);
  if (spec.atomCum[8]! > 0) return spec;
  out.push({
    path: childPath(path, "weekday_weights"),
    message: "no instant in [start, end) has a positive weight",
  });
  return undefined;
}

function buildSpec(
  t0: number,
  t1: number,
  hw: readonly number[],
  ww: readonly number[],
  trend: number,
): TemporalSpec {
  const span = t1 - t0;
  const g = (t: number) => 1 + (trend * (t - t0)) / span;
  const hsum = hw.reduce((x, y) => x + y, 0);
  const hn = hw.map((x) => x / hsum);
  const wmean = ww.reduce((x, y) => x + y, 0) / 7;
  const wn = ww.map((x) => x / wmean);
  // A full day's mass is g at its hour-weighted mean time (g is linear), times its weekday weight.
  const hbar = hn.reduce((acc, w, h) => acc + w * (h + 0.5) * HOUR_US, 0);
  const firstDay = Math.floor(t0 / DAY_US);
  const days = Math.ceil(t1 / DAY_US) - firstDay;
  const edge = (day: number, lo: number, hi: number): { e: EdgeDay; w: number } => {
    const cum: number[] = [];
    let acc = 0;
    let mass = 0;
    for (let h = 0; h < 24; h++) {
      const a = Math.max(lo, h * HOUR_US);
      const b = Math.min(hi, (h + 1) * HOUR_US);
      const cover = b > a ? (hn[h]! * (b - a)) / HOUR_US : 0;
      acc += cover;
      mass += cover * g(day * DAY_US + (a + b) / 2);
      cum.push(acc);
    }
    return { e: { lo, hi, cum }, w: Math.max(0, mass) * wn[weekdayOf(day)]! };
  };
  const lastDay = firstDay + days - 1;
  const first = edge(firstDay, t0 - firstDay * DAY_US, days === 1 ? t1 - firstDay * DAY_US : DAY_US);
  const last = days === 1 ? { e: first.e, w: 0 } : edge(lastDay, 0, t1 - lastDay * DAY_US);
  const interior = Math.max(0, days - 2);
  const resA: number[] = [];
  const resB: number[] = [];
  const resJ: number[] = [];
  const atomCum = [first.w, first.w + last.w];
  for (let r = 0; r < 7; r++) {
    const day = firstDay + 1 + r;
    const w = wn[weekdayOf(day)]!;
    const n = r < interior ? Math.floor((interior - 1 - r) / 7) + 1 : 0;
    const a = w * g(day * DAY_US + hbar);
    const b = (w * trend * 7 * DAY_US) / span;
    resA.push(a);
    resB.push(b);
    resJ.push(n);
    atomCum.push(atomCum[atomCum.length - 1]! + (n > 0 ? a * n + (b * n * (n - 1)) / 2 : 0));
  }
  const hours = toPlainAlias(buildAliasTable(hn));
  return { firstDay, days, atomCum, resA, resB, resJ, hours, edges: [first.e, last.e] };
}
