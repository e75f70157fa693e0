/**
 * server: a request's plan source (inline plan or catalog name) → a CompiledPlan.
 * Applies the plan-size limit to inline plans, the seed/scale overrides, and collects every
 * violation (paths prefixed with "plan." for inline plans, as they sit in the request).
 */
import { toBinary } from "@bufbuild/protobuf";
import { loadCatalogPlan } from "../catalog/catalog.js";
import { compilePlan } from "../compile/compile-plan.js";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import { type Plan, PlanSchema } from "../gen/synthstream/v1/plan_pb.js";
import { DEFAULT_LIMITS } from "../plan/limits.js";
import type { Violation } from "../plan/violation.js";
import { checkPlanBytes, type ServiceLimits } from "./limits.js";
import { PlanInvalidError, PlanNotFoundError } from "./request-errors.js";

/** The request's `plan_source` oneof. */
export type PlanSourceField =
  | { case: "plan"; value: Plan }
  | { case: "catalog"; value: string }
  | { case: undefined; value?: undefined };

/** A plan and where its violations' paths start. */
export interface SourcedPlan {
  readonly plan: Plan;
  readonly pathPrefix: string;
}

/** Reads the plan named by the request, or throws PlanInvalidError / PlanNotFoundError / LimitExceededError. */
export async function sourcePlan(
  source: PlanSourceField,
  limits: ServiceLimits,
  catalogDir?: string,
): Promise<SourcedPlan> {
  switch (source.case) {
    case "plan":
      checkPlanBytes(toBinary(PlanSchema, source.value).byteLength, limits);
      return { plan: source.value, pathPrefix: "plan" };
    case "catalog": {
      const load = await loadCatalogPlan(source.value, catalogDir);
      if (load.status === "not_found") throw new PlanNotFoundError(source.value);
      if (load.status === "invalid") throw new PlanInvalidError(load.violations);
      return { plan: load.plan, pathPrefix: "" };
    }
    default:
      throw new PlanInvalidError([
        { path: "plan_source", message: "set either `plan` (inline) or `catalog` (a catalog plan name)" },
      ]);
  }
}

/** Prefixes violation paths with where the plan sits in the request. */
export function prefixViolations(violations: readonly Violation[], prefix: string): Violation[] {
  if (prefix === "") return [...violations];
  return violations.map((v) => ({
    path: v.path === "" ? prefix : `${prefix}.${v.path}`,
    message: v.message,
  }));
}

/**
 * Compiled plans by plan object, then by (seed, scale). The tenant interceptor and the handler see
 * the same request message, so an inline plan compiles once per request; catalog plans are cached
 * objects (by mtime), so they compile once per (seed, scale) until the file changes. A CompiledPlan
 * is plain read-only data, so sharing it is safe.
 */
const compiled = new WeakMap<Plan, Map<string, CompiledPlan>>();
const PER_PLAN = 16;

/** Compiles a sourced plan with request overrides, or throws PlanInvalidError with every violation. */
export function compileSourced(sourced: SourcedPlan, seed: bigint | undefined, scale: number): CompiledPlan {
  const key = `${seed ?? ""}/${scale}/${sourced.pathPrefix}`;
  const byKey = compiled.get(sourced.plan) ?? new Map<string, CompiledPlan>();
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  const plan = compileUncached(sourced, seed, scale);
  compiled.set(sourced.plan, byKey);
  if (byKey.size >= PER_PLAN) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, plan);
  return plan;
}

function compileUncached(sourced: SourcedPlan, seed: bigint | undefined, scale: number): CompiledPlan {
  const res = compilePlan(sourced.plan, {
    seed,
    scale: scale === 0 ? undefined : scale,
    limits: DEFAULT_LIMITS,
  });
  if (!res.ok) throw new PlanInvalidError(prefixViolations(res.violations, sourced.pathPrefix));
  return res.plan;
}
