/**
 * validate: per-generator parameter rules (weights, bounds, references, expressions).
 * (plan, one column's generator) → violations with field paths under the generator.
 */
import type { Column, Plan, Table } from "../gen/synthstream/v1/plan_pb.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { unknownName } from "./did-you-mean.js";
import type { LogicalType } from "./logical-type.js";
import { childPath, type Violation } from "./violation.js";

/** One column's generator, as validation sees it. */
export interface GeneratorSite {
  readonly table: Table;
  readonly column: Column;
  readonly kind: string;
  readonly params: GeneratorParams;
  readonly type: LogicalType;
  /** Path of the generator field, e.g. `tables[0].columns[3].categorical`. */
  readonly path: string;
}

function checkWeights(weights: readonly number[], path: string, out: Violation[]): void {
  weights.forEach((w, i) => {
    if (Number.isNaN(w)) out.push({ path: childPath(path, i), message: "weight is NaN" });
    else if (w < 0) out.push({ path: childPath(path, i), message: `weight must not be negative, got ${w}` });
    else if (!Number.isFinite(w)) out.push({ path: childPath(path, i), message: `weight must be finite, got ${w}` });
  });
  if (weights.length > 0 && weights.every((w) => w >= 0) && weights.reduce((a, b) => a + b, 0) === 0)
    out.push({ path, message: "weights sum to zero" });
}

type Rule = (plan: Plan, site: GeneratorSite, out: Violation[]) => void;

const RULES: Record<string, Rule> = {
  categorical(_plan, { column, path }, out) {
    const g = column.generator.case === "categorical" ? column.generator.value : undefined;
    if (g === undefined) return;
    if (g.values.length === 0) out.push({ path: childPath(path, "values"), message: "at least one value is required" });
    if (g.weights.length > 0 && g.weights.length !== g.values.length)
      out.push({ path: childPath(path, "weights"), message: `${g.weights.length} weights for ${g.values.length} values` });
    checkWeights(g.weights, childPath(path, "weights"), out);
  },
  number(_plan, { column, path }, out) {
    const g = column.generator.case === "number" ? column.generator.value : undefined;
    if (g === undefined) return;
    if (g.min !== undefined && g.max !== undefined && g.min > g.max) out.push({ path, message: `min (${g.min}) > max (${g.max})` });
    const d = g.distribution;
    const dp = childPath(path, d.case ?? "");
    if (d.case === "uniform" && d.value.min > d.value.max) out.push({ path: dp, message: `min (${d.value.min}) > max (${d.value.max})` });
    if (d.case === "normal" && !(d.value.stddev >= 0)) out.push({ path: childPath(dp, "stddev"), message: `stddev must not be negative, got ${d.value.stddev}` });
    if (d.case === "lognormal" && !(d.value.sigma >= 0)) out.push({ path: childPath(dp, "sigma"), message: `sigma must not be negative, got ${d.value.sigma}` });
    if (d.case === "exponential" && !(d.value.rate > 0)) out.push({ path: childPath(dp, "rate"), message: `rate must be positive, got ${d.value.rate}` });
    if (d.case === "poisson" && !(d.value.lambda > 0)) out.push({ path: childPath(dp, "lambda"), message: `lambda must be positive, got ${d.value.lambda}` });
    if (d.case === "zipf") {
      if (d.value.n < 1n) out.push({ path: childPath(dp, "n"), message: `n must be at least 1, got ${d.value.n}` });
      if (!(d.value.s > 0)) out.push({ path: childPath(dp, "s"), message: `s must be positive, got ${d.value.s}` });
    }
  },
  boolean(_plan, { column, path }, out) {
    const g = column.generator.case === "boolean" ? column.generator.value : undefined;
    const p = g?.probability;
    if (p !== undefined && !(p >= 0 && p <= 1)) out.push({ path: childPath(path, "probability"), message: `probability must be in [0, 1], got ${p}` });
  },
  foreign_key(plan, { column, path }, out) {
    const g = column.generator.case === "foreignKey" ? column.generator.value : undefined;
    if (g === undefined) return;
    const names = plan.tables.map((t) => t.name);
    const parent = plan.tables.find((t) => t.name === g.table);
    if (parent === undefined) {
      out.push({ path: childPath(path, "table"), message: unknownName("table", g.table, names) });
      return;
    }
    const col = g.column === "" ? parent.primaryKey : g.column;
    if (col === "") out.push({ path: childPath(path, "column"), message: `table "${g.table}" has no primary_key; name the column` });
    else if (!parent.columns.some((c) => c.name === col))
      out.push({ path: childPath(path, "column"), message: unknownName(`column of "${g.table}"`, col, parent.columns.map((c) => c.name)) });
  },
};

/** Appends the violations of one generator's parameters. */
export function validateGenerator(plan: Plan, site: GeneratorSite, out: Violation[]): void {
  RULES[site.kind]?.(plan, site, out);
}
