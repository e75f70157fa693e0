/**
 * validate: weight lists (categorical weights, hour and weekday weights) and bounded numbers.
 * weights + path → violations: NaN, negative, infinite, a zero sum, or a sum that overflows.
 */
import { childPath, type Violation } from "./violation.js";

/** Reports bad weights; an empty list means "uniform" and is fine. */
export function checkWeights(weights: readonly number[], path: string, out: Violation[]): void {
  let bad = false;
  weights.forEach((w, i) => {
    if (Number.isNaN(w)) out.push({ path: childPath(path, i), message: "weight is NaN" });
    else if (w < 0) out.push({ path: childPath(path, i), message: `weight must not be negative, got ${w}` });
    else if (!Number.isFinite(w))
      out.push({ path: childPath(path, i), message: `weight must be finite, got ${w}` });
    else return;
    bad = true;
  });
  if (bad || weights.length === 0) return;
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) out.push({ path, message: "weights sum to zero" });
  else if (!Number.isFinite(sum))
    out.push({ path, message: "weights sum past the largest double; scale them down" });
}

/** Reports a number that must be finite (and optionally positive or non-negative). */
export function checkFinite(
  v: number,
  path: string,
  out: Violation[],
  sign: "any" | "positive" | "non-negative" = "any",
): void {
  if (!Number.isFinite(v)) out.push({ path, message: `must be a finite number, got ${v}` });
  else if (sign === "positive" && !(v > 0)) out.push({ path, message: `must be positive, got ${v}` });
  else if (sign === "non-negative" && v < 0) out.push({ path, message: `must not be negative, got ${v}` });
}

/** `v` is a probability (NaN is not). */
export function isRate(v: number): boolean {
  return v >= 0 && v <= 1;
}
