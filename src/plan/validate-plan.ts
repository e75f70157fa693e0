/**
 * validate: a Plan message → every violation, each with its field path. Never throws.
 * Table-level rules live here; column and generator rules in validate-columns.ts. Compile runs
 * this first and refuses any plan with violations, so later stages may trust the plan.
 */
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { dependencyOrder } from "./dependency-order.js";
import { unknownName } from "./did-you-mean.js";
import { tableParents, validateColumns } from "./validate-columns.js";
import { DEFAULT_LIMITS, effectiveScale, type PlanLimits, scaledRows } from "./limits.js";
import { childPath, type Violation } from "./violation.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reports names that are empty, not identifiers, or used twice. */
export function checkNames(names: readonly string[], what: string, pathOf: (i: number) => string, out: Violation[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const path = childPath(pathOf(i), "name");
    if (name === "") out.push({ path, message: `${what} name is required` });
    else if (!NAME.test(name)) out.push({ path, message: `${what} name "${name}" must be an identifier ([A-Za-z_][A-Za-z0-9_]*)` });
    const first = seen.get(name);
    if (first !== undefined && name !== "") out.push({ path, message: `duplicate ${what} name "${name}" (also at index ${first})` });
    else seen.set(name, i);
  });
}

function validateTables(plan: Plan, limits: PlanLimits, scale: number, out: Violation[]): void {
  const names = plan.tables.map((t) => t.name);
  plan.tables.forEach((t, ti) => {
    const tp = childPath("tables", ti);
    if (t.perParent !== undefined) {
      const pp = childPath(tp, "per_parent");
      if (!names.includes(t.perParent.table)) out.push({ path: childPath(pp, "table"), message: unknownName("table", t.perParent.table, names) });
      if (t.perParent.min < 0n) out.push({ path: childPath(pp, "min"), message: `must not be negative, got ${t.perParent.min}` });
      if (t.perParent.min > t.perParent.max) out.push({ path: pp, message: `min (${t.perParent.min}) > max (${t.perParent.max})` });
    } else {
      const rows = Number(t.rows);
      if (rows < 0) out.push({ path: childPath(tp, "rows"), message: `row count must not be negative, got ${t.rows}` });
      else if (scaledRows(t.rows, t.fixedSize, scale) > limits.maxRowsPerTable)
        out.push({ path: childPath(tp, "rows"), message: `row count ${rows}${t.fixedSize ? "" : ` × scale ${scale}`} exceeds the limit of ${limits.maxRowsPerTable}` });
    }
    if (t.columns.length === 0) out.push({ path: childPath(tp, "columns"), message: "a table needs at least one column" });
    if (t.columns.length > limits.maxColumnsPerTable)
      out.push({ path: childPath(tp, "columns"), message: `${t.columns.length} columns exceed the limit of ${limits.maxColumnsPerTable}` });
    const colNames = t.columns.map((c) => c.name);
    if (t.primaryKey !== "" && !colNames.includes(t.primaryKey))
      out.push({ path: childPath(tp, "primary_key"), message: unknownName("column", t.primaryKey, colNames) });
  });
}

/** Every violation in the plan. */
export function validatePlan(plan: Plan, limits: PlanLimits = DEFAULT_LIMITS, scaleOverride?: number): Violation[] {
  const out: Violation[] = [];
  try {
    if (plan.tables.length === 0) out.push({ path: "tables", message: "a plan needs at least one table" });
    if (plan.tables.length > limits.maxTables)
      out.push({ path: "tables", message: `${plan.tables.length} tables exceed the limit of ${limits.maxTables}` });
    if (!Number.isFinite(plan.scale) || plan.scale < 0 || (scaleOverride !== undefined && !(scaleOverride >= 0 && Number.isFinite(scaleOverride)))) out.push({ path: "scale", message: `scale must be a positive number, got ${plan.scale}` });
    checkNames(plan.tables.map((t) => t.name), "table", (i) => childPath("tables", i), out);
    validateTables(plan, limits, effectiveScale(plan.scale, scaleOverride), out);
    validateColumns(plan, out);
    const names = plan.tables.map((t) => t.name);
    const { cycle } = dependencyOrder(names, (n) => tableParents(plan, n));
    if (cycle !== undefined) {
      const ti = names.indexOf(cycle[0]!);
      out.push({ path: childPath("tables", ti), message: `foreign-key cycle: ${cycle.join(" → ")}` });
    }
  } catch (e) {
    // A rule that trips over input it did not expect is a bug, but the caller still gets an answer.
    out.push({ path: "", message: `internal validation error: ${e instanceof Error ? e.message : String(e)}` });
  }
  return out;
}
