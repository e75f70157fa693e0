/**
 * flight: a plan reference (catalog name or inline proto-JSON plan) + overrides → a CompiledPlan
 * and the table asked for. Shared by descriptors and tickets, so both accept the same plans and
 * fail with the same typed errors (PlanNotFoundError, TableNotFoundError, PlanInvalidError,
 * StreamRequestError).
 */
import type { CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import { unknownName } from "../plan/did-you-mean.js";
import { planFromJson } from "../plan/parse-plan.js";
import type { ServiceLimits } from "../server/limits.js";
import { compileSourced, prefixViolations, type SourcedPlan, sourcePlan } from "../server/plan-source.js";
import { PlanInvalidError, TableNotFoundError } from "../server/request-errors.js";
import { StreamRequestError } from "../stream/index.js";
import type { TicketPlanRef } from "./tickets.js";

/** Where plans come from. */
export interface PlanDeps {
  readonly limits: ServiceLimits;
  readonly catalogDir?: string | undefined;
}

/** Reads the referenced plan (not yet compiled); throws PlanNotFoundError / PlanInvalidError. */
export async function loadPlan(ref: TicketPlanRef, deps: PlanDeps): Promise<SourcedPlan> {
  if ("catalog" in ref)
    return sourcePlan({ case: "catalog", value: ref.catalog }, deps.limits, deps.catalogDir);
  const parsed = planFromJson(ref.plan);
  if (!parsed.ok) throw new PlanInvalidError(prefixViolations(parsed.violations, "plan"));
  return sourcePlan({ case: "plan", value: parsed.plan }, deps.limits, deps.catalogDir);
}

/** Compiles the referenced plan with the overrides; throws the service's typed errors. */
export async function resolvePlan(
  ref: TicketPlanRef,
  seed: string | undefined,
  scale: number | undefined,
  deps: PlanDeps,
): Promise<CompiledPlan> {
  return compileSourced(await loadPlan(ref, deps), seed === undefined ? undefined : BigInt(seed), scale ?? 0);
}

/**
 * The named table, or the plan's first table when `name` is undefined. A name the plan lacks is
 * NotFound, like an unknown plan (TableNotFoundError, with a did-you-mean); an empty name is
 * malformed (StreamRequestError).
 */
export function pickTable(plan: CompiledPlan, name: string | undefined, path: string): CompiledTable {
  const names = plan.tables.map((t) => t.name);
  const table = name === undefined ? plan.tables[0] : plan.tables.find((t) => t.name === name);
  if (table !== undefined) return table;
  if (name === undefined || name === "")
    throw new StreamRequestError([
      { path, message: name === undefined ? "the plan has no tables" : unknownName("table", name, names) },
    ]);
  throw new TableNotFoundError(path, unknownName("table", name, names));
}
