/**
 * kernels: the last step of every numeric kernel — clamp, then round to the column type.
 * raw doubles → values that fit the type exactly: [min, max] ∩ the type's range, integers for int
 * types, `scale` places for decimals, `round` places for floats when set. Half rounds away from 0.
 */
import type { GeneratorParams } from "../compile/compiled-plan.js";
import type { LogicalType } from "../plan/logical-type.js";
import { num } from "./params.js";

/** Doubles carry int64 and decimal values, so they stay within the exactly representable integers. */
const MAX_EXACT = 2 ** 53 - 1;

/** True for the integer logical types. */
export function isIntegral(t: LogicalType): boolean {
  return t.name === "int32" || t.name === "int64";
}

/** The closed range a type can hold: [lo, hi]. */
export function typeRange(t: LogicalType): readonly [number, number] {
  switch (t.name) {
    case "int32":
      return [-2147483648, 2147483647];
    case "int64":
      return [-MAX_EXACT, MAX_EXACT];
    case "decimal": {
      // decimal(p, s) holds |v| < 10^(p-s); the 128-bit words are written from a double.
      const hi = Math.min(10 ** (t.precision - t.scale) - 10 ** -t.scale, MAX_EXACT / 10 ** t.scale);
      return [-hi, hi];
    }
    default:
      return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  }
}

/** Decimal places a column keeps, or -1 for "as drawn". */
function placesOf(gen: GeneratorParams, type: LogicalType): number {
  const round = num(gen, "round", -1);
  if (type.name === "decimal") return round >= 0 ? Math.min(round, type.scale) : type.scale;
  return isIntegral(type) ? 0 : round;
}

/** True when finishNumbers would leave every value of a float column as it is (no bounds, no round). */
export function finishIsNoop(gen: GeneratorParams, type: LogicalType): boolean {
  return (
    (type.name === "float32" || type.name === "float64") &&
    placesOf(gen, type) < 0 &&
    num(gen, "min", Number.NEGATIVE_INFINITY) === Number.NEGATIVE_INFINITY &&
    num(gen, "max", Number.POSITIVE_INFINITY) === Number.POSITIVE_INFINITY
  );
}

/** Clamps and rounds in place, so every numeric kernel ends the same way. */
export function finishNumbers(out: Float64Array, gen: GeneratorParams, type: LogicalType): void {
  const [tlo, thi] = typeRange(type);
  const lo = Math.max(num(gen, "min", Number.NEGATIVE_INFINITY), tlo);
  const hi = Math.min(num(gen, "max", Number.POSITIVE_INFINITY), thi);
  const places = placesOf(gen, type);
  const n = out.length;
  if (places < 0) {
    if (lo === Number.NEGATIVE_INFINITY && hi === Number.POSITIVE_INFINITY) return;
    for (let i = 0; i < n; i++) {
      const v = out[i]!;
      out[i] = Math.min(Math.max(v, lo), hi);
    }
    return;
  }
  const mul = 10 ** places;
  for (let i = 0; i < n; i++) {
    let v = out[i]!;
    // An integer column's in-range integers (Poisson, zipf counts) come out as they are: the steps
    // below would round |v| to itself and restore its sign. `+ 0` drops -0 as they do.
    if (places === 0 && v >= lo && v <= hi && Math.floor(v) === v) {
      out[i] = v + 0;
      continue;
    }
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    const r = Math.round(Math.abs(v) * mul);
    let q = v < 0 ? -r : r;
    // Rounding may step past a bound that is not on the grid; step back inside. `+ 0` drops -0.
    if (q / mul > hi) q -= 1;
    else if (q / mul < lo) q += 1;
    out[i] = q / mul + 0;
  }
}
