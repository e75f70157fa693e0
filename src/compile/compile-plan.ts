/**
 * compile: a validated Plan → CompiledPlan (plain data: tables in dependency order, kernels
 * resolved, column keys derived). Returns violations instead of throwing; a plan with any
 * violation never compiles.
 */
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { requireKernel } from "../kernels/registry.js";
import { dependencyOrder } from "../plan/dependency-order.js";
import { generatorOf } from "../plan/generator-kind.js";
import { DEFAULT_LIMITS, effectiveScale, type PlanLimits, scaledRows } from "../plan/limits.js";
import { parseLogicalType } from "../plan/logical-type.js";
import { tableParents } from "../plan/validate-columns.js";
import { validatePlan } from "../plan/validate-plan.js";
import { childPath, type Violation } from "../plan/violation.js";
import { deriveKey } from "../rng/keys.js";
import {
  type CompiledColumn,
  type CompiledPlan,
  type CompiledTable,
  ENGINE_VERSION,
} from "./compiled-plan.js";
import { planHash } from "./plan-hash.js";

/** Request-time overrides: a seed or scale from the RPC or the CLI. */
export interface CompileOptions {
  readonly seed?: bigint | undefined;
  readonly scale?: number | undefined;
  readonly limits?: PlanLimits | undefined;
}

/** A compiled plan, or every reason it could not be compiled. */
export type CompileResult = { ok: true; plan: CompiledPlan } | { ok: false; violations: Violation[] };

function compileTable(plan: Plan, ti: number, seed: string, scale: number, out: Violation[]): CompiledTable {
  const t = plan.tables[ti]!;
  const rows = scaledRows(t.rows, t.fixedSize, scale);
  const columnNames = t.columns.map((c) => c.name);
  const columns = t.columns.map((c, ci): CompiledColumn => {
    const gen = generatorOf(c)!;
    const kernel = requireKernel(gen.kind);
    const type = c.type === "" ? kernel.naturalType(gen.params) : parseLogicalType(c.type);
    if (typeof type === "string") throw new Error(type); // validation already rejected this
    const path = childPath(childPath(childPath(childPath("tables", ti), "columns"), ci), gen.kind);
    const res = kernel.compile({ gen: gen.params, type, path, tableRows: rows, columnNames });
    out.push(...res.violations);
    return {
      name: c.name,
      index: ci,
      type,
      kind: gen.kind,
      params: res.params,
      key: deriveKey(seed, t.name, c.name),
      nullKey: deriveKey(seed, t.name, c.name, "nulls"),
      nullRate: c.nullRate,
      deps: res.deps,
      description: c.description,
    };
  });
  const pp = t.perParent;
  return {
    name: t.name,
    rows,
    primaryKey: t.primaryKey,
    columns,
    description: t.description,
    ...(pp === undefined ? {} : { parent: { table: pp.table, min: Number(pp.min), max: Number(pp.max) } }),
  };
}

/** Validates and compiles a plan. */
export function compilePlan(plan: Plan, options: CompileOptions = {}): CompileResult {
  const violations = validatePlan(plan, options.limits ?? DEFAULT_LIMITS, options.scale);
  if (violations.length > 0) return { ok: false, violations };
  const seed = (options.seed ?? plan.seed).toString();
  const scale = effectiveScale(plan.scale, options.scale);
  const out: Violation[] = [];
  const byName = plan.tables.map((_, ti) => compileTable(plan, ti, seed, scale, out));
  if (out.length > 0) return { ok: false, violations: out };
  const { order } = dependencyOrder(
    plan.tables.map((t) => t.name),
    (n) => tableParents(plan, n),
  );
  const tables = order.map((n) => byName.find((t) => t.name === n)!);
  return {
    ok: true,
    plan: { name: plan.name, seed, scale, planHash: planHash(plan), engineVersion: ENGINE_VERSION, tables },
  };
}
