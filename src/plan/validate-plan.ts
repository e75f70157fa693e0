/**
 * validate: a Plan message → every violation, each with its field path. Never throws.
 * Plan-level rules live here; tables, columns and generators in the other validate-*.ts files.
 * Compile runs this first and refuses any plan with violations, so later stages may trust the plan.
 */
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { dependencyOrder } from "./dependency-order.js";
import {
  DEFAULT_LIMITS,
  effectiveScale,
  type PlanLimits,
  type ResolvedLimits,
  resolveLimits,
} from "./limits.js";
import { guarded, tableParents, validateColumns } from "./validate-columns.js";
import { createValidationContext } from "./validate-context.js";
import { checkNames } from "./validate-names.js";
import { validateTable } from "./validate-tables.js";
import { childPath, type Violation } from "./violation.js";

function validateHeader(
  plan: Plan,
  limits: ResolvedLimits,
  scaleOverride: number | undefined,
  out: Violation[],
): void {
  if (plan.tables.length === 0) out.push({ path: "tables", message: "a plan needs at least one table" });
  if (!Number.isFinite(plan.scale) || plan.scale < 0)
    out.push({ path: "scale", message: `scale must be a positive number, got ${plan.scale}` });
  if (scaleOverride !== undefined && !(Number.isFinite(scaleOverride) && scaleOverride >= 0))
    out.push({
      path: "scale",
      message: `the requested scale must be a positive number, got ${scaleOverride}`,
    });
  if (plan.name.length > limits.maxNameLength)
    out.push({
      path: "name",
      message: `plan name is ${plan.name.length} characters long; the limit is ${limits.maxNameLength}`,
    });
  if (plan.description.length > limits.maxTextLength)
    out.push({ path: "description", message: `longer than ${limits.maxTextLength} characters` });
}

/** Every violation in the plan, checked against `limits` at the effective scale. */
export function validatePlan(
  plan: Plan,
  limits: PlanLimits = DEFAULT_LIMITS,
  scaleOverride?: number,
): Violation[] {
  const out: Violation[] = [];
  guarded("", out, () => {
    const resolved = resolveLimits(limits);
    validateHeader(plan, resolved, scaleOverride, out);
    // Past a size limit, stop: the plan is refused anyway, and deeper checks would cost time.
    if (plan.tables.length > resolved.maxTables) {
      out.push({
        path: "tables",
        message: `${plan.tables.length} tables exceed the limit of ${resolved.maxTables}`,
      });
      return;
    }
    const ctx = createValidationContext(plan, resolved, effectiveScale(plan.scale, scaleOverride));
    checkNames(ctx.tableNames, "table", (i) => childPath("tables", i), resolved.maxNameLength, out);
    plan.tables.forEach((t, ti) => {
      const tp = childPath("tables", ti);
      if (t.columns.length > resolved.maxColumnsPerTable) {
        out.push({
          path: childPath(tp, "columns"),
          message: `${t.columns.length} columns exceed the limit of ${resolved.maxColumnsPerTable}`,
        });
        return;
      }
      guarded(tp, out, () => validateTable(ctx, t, ti, out));
      validateColumns(ctx, t, ti, out);
    });
    const { cycle } = dependencyOrder(ctx.tableNames, (n) => tableParents(plan, n));
    if (cycle !== undefined) {
      out.push({
        path: childPath("tables", ctx.tableNames.indexOf(cycle[0]!)),
        message: `foreign-key cycle: ${cycle.join(" → ")}`,
      });
    }
  });
  return out;
}
