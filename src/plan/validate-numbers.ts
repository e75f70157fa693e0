/**
 * validate: numeric generators — sequence, permutation, number, boolean — and categorical lists.
 * (context, site) → violations: bounds in order, finite parameters, probabilities in [0, 1], and
 * values that fit the declared type (int32 range, decimal precision, exact float64 integers).
 */
import type { LogicalType } from "./logical-type.js";
import type { GeneratorRule } from "./validate-generators.js";
import { checkFinite, checkWeights, isRate } from "./validate-weights.js";
import { childPath, type Violation } from "./violation.js";

const INT32_MAX = 2 ** 31 - 1;

/** Reports a value that the declared type cannot hold exactly. */
function checkFits(
  v: number,
  type: LogicalType | undefined,
  what: string,
  path: string,
  out: Violation[],
): void {
  if (type === undefined || !Number.isFinite(v)) return;
  const a = Math.abs(v);
  if (type.name === "int32" && (v > INT32_MAX || v < -INT32_MAX - 1))
    out.push({ path, message: `${what} reaches ${v}, outside int32; declare int64` });
  else if ((type.name === "int64" || type.name === "decimal") && a > Number.MAX_SAFE_INTEGER)
    out.push({ path, message: `${what} reaches ${v}, beyond 2^53, where values lose integer precision` });
  else if (type.name === "decimal" && a >= 10 ** (type.precision - type.scale))
    out.push({
      path,
      message: `${what} reaches ${v}, which does not fit decimal(${type.precision},${type.scale})`,
    });
}

export const NUMBER_RULES: Readonly<Record<string, GeneratorRule>> = {
  sequence(ctx, { table, column, type, path }, out) {
    const g = column.generator.case === "sequence" ? column.generator.value : undefined;
    const rows = ctx.maxRows(table);
    if (g === undefined || !(rows > 0)) return;
    const last = Number(g.start ?? 1n) + Number(g.step ?? 1n) * (rows - 1);
    checkFits(Number(g.start ?? 1n), type, "the sequence", childPath(path, "start"), out);
    checkFits(last, type, `the sequence (${rows} rows)`, path, out);
  },
  permutation(ctx, { table, column, type, path }, out) {
    const g = column.generator.case === "permutation" ? column.generator.value : undefined;
    const rows = ctx.maxRows(table);
    if (g === undefined || !(rows > 0)) return;
    checkFits(Number(g.start ?? 1n) + rows - 1, type, `the permutation (${rows} rows)`, path, out);
  },
  number(_ctx, { column, type, path }, out) {
    const g = column.generator.case === "number" ? column.generator.value : undefined;
    if (g === undefined) return;
    if (g.min !== undefined) checkFinite(g.min, childPath(path, "min"), out);
    if (g.max !== undefined) checkFinite(g.max, childPath(path, "max"), out);
    if (g.min !== undefined && g.max !== undefined && g.min > g.max)
      out.push({ path, message: `min (${g.min}) > max (${g.max})` });
    if (g.round !== undefined && !(g.round >= 0 && g.round <= 15))
      out.push({
        path: childPath(path, "round"),
        message: `round must be in [0, 15] decimal places, got ${g.round}`,
      });
    const d = g.distribution;
    const dp = childPath(path, d.case ?? "");
    let lo = g.min;
    let hi = g.max;
    switch (d.case) {
      case "uniform":
        checkFinite(d.value.min, childPath(dp, "min"), out);
        checkFinite(d.value.max, childPath(dp, "max"), out);
        if (d.value.min > d.value.max)
          out.push({ path: dp, message: `min (${d.value.min}) > max (${d.value.max})` });
        else if (
          (type?.name === "int32" || type?.name === "int64") &&
          Math.ceil(d.value.min) > Math.floor(d.value.max)
        )
          out.push({ path: dp, message: `no integer lies in [${d.value.min}, ${d.value.max}]` });
        lo = lo ?? d.value.min;
        hi = hi ?? d.value.max;
        break;
      case "normal":
        checkFinite(d.value.mean, childPath(dp, "mean"), out);
        checkFinite(d.value.stddev, childPath(dp, "stddev"), out, "non-negative");
        break;
      case "lognormal":
        checkFinite(d.value.mu, childPath(dp, "mu"), out);
        checkFinite(d.value.sigma, childPath(dp, "sigma"), out, "non-negative");
        break;
      case "exponential":
        checkFinite(d.value.rate, childPath(dp, "rate"), out, "positive");
        break;
      case "poisson":
        checkFinite(d.value.lambda, childPath(dp, "lambda"), out, "positive");
        break;
      case "zipf":
        if (d.value.n < 1n)
          out.push({ path: childPath(dp, "n"), message: `n must be at least 1, got ${d.value.n}` });
        checkFinite(d.value.s, childPath(dp, "s"), out, "positive");
        hi = hi ?? Number(d.value.n);
        break;
    }
    if (lo !== undefined) checkFits(lo, type, "the value range", path, out);
    if (hi !== undefined && hi !== lo) checkFits(hi, type, "the value range", path, out);
  },
  boolean(_ctx, { column, path }, out) {
    const g = column.generator.case === "boolean" ? column.generator.value : undefined;
    const p = g?.probability;
    if (p !== undefined && !isRate(p))
      out.push({ path: childPath(path, "probability"), message: `probability must be in [0, 1], got ${p}` });
  },
  categorical(ctx, { column, path }, out) {
    const g = column.generator.case === "categorical" ? column.generator.value : undefined;
    if (g === undefined) return;
    if (g.values.length === 0)
      out.push({ path: childPath(path, "values"), message: "at least one value is required" });
    if (g.values.length > ctx.limits.maxCategoricalValues)
      out.push({
        path: childPath(path, "values"),
        message: `${g.values.length} values exceed the limit of ${ctx.limits.maxCategoricalValues}`,
      });
    if (g.weights.length > 0 && g.weights.length !== g.values.length)
      out.push({
        path: childPath(path, "weights"),
        message: `${g.weights.length} weights for ${g.values.length} values`,
      });
    checkWeights(g.weights, childPath(path, "weights"), out);
  },
};
