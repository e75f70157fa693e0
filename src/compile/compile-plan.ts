/**
 * compile: a validated Plan → CompiledPlan (plain data: tables in dependency order, kernels
 * resolved, column keys derived, child-table counts summed). Returns violations instead of
 * throwing; a plan with any violation never compiles. Parents compile before children, so a
 * kernel may read a parent's compiled columns (lookups copy their type and dictionary).
 */
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { resolveAggregates } from "../kernels/aggregate.js";
import type { TypeEnv } from "../kernels/kernel.js";
import { requireKernel } from "../kernels/registry.js";
import { dependencyOrder } from "../plan/dependency-order.js";
import { generatorOf } from "../plan/generator-kind.js";
import { DEFAULT_LIMITS, effectiveScale, type PlanLimits, scaledRows } from "../plan/limits.js";
import { parseLogicalType } from "../plan/logical-type.js";
import { tableParents } from "../plan/validate-columns.js";
import { validatePlan } from "../plan/validate-plan.js";
import { childPath, type Violation } from "../plan/violation.js";
import { deriveKey } from "../rng/keys.js";
import { buildChildCounts, type ChildCounts, totalChildren } from "./child-counts.js";
import { columnCompileOrder } from "./column-order.js";
import { compileDefects } from "./compile-defects.js";
import {
  type CompiledColumn,
  type CompiledPlan,
  type CompiledTable,
  ENGINE_VERSION,
  referenceRows,
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

interface Env {
  readonly plan: Plan;
  readonly seed: string;
  readonly scale: number;
  readonly done: Map<string, CompiledTable>;
  readonly out: Violation[];
}

function compileTable(env: Env, ti: number): CompiledTable {
  const { plan, seed, scale, done, out } = env;
  const t = plan.tables[ti]!;
  let parent: ChildCounts | undefined;
  if (t.perParent !== undefined) {
    const p = done.get(t.perParent.table)!;
    parent = buildChildCounts(
      p.name,
      referenceRows(p), // a bronze parent's clean rows: duplicate copies have no children
      Number(t.perParent.min),
      Number(t.perParent.max),
      deriveKey(seed, t.name, "", "per_parent"),
    );
  }
  const cleanRows = parent === undefined ? scaledRows(t.rows, t.fixedSize, scale) : totalChildren(parent);
  const { defects, duplicates } = compileDefects(seed, t, cleanRows);
  const rows = duplicates === undefined ? cleanRows : totalChildren(duplicates);
  const columnNames = t.columns.map((c) => c.name);
  const rowsOf = (n: string) => {
    const d = done.get(n);
    return d === undefined ? undefined : referenceRows(d);
  };
  const compiled: CompiledColumn[] = [];
  const typeEnv: TypeEnv = {
    tableName: t.name,
    compiledColumn: (table, column) => done.get(table)?.columns.find((c) => c.name === column),
    siblingColumn: (column) => compiled.find((c) => c.name === column),
    tableColumns: (table) => done.get(table)?.columns,
    primaryKeyOf: (table) => plan.tables.find((x) => x.name === table)?.primaryKey,
    parentTable: t.perParent?.table,
  };
  const order = columnCompileOrder(t.columns).map((ci) => ({ c: t.columns[ci]!, ci }));
  for (const { c, ci } of order) {
    const gen = generatorOf(c)!;
    const kernel = requireKernel(gen.kind);
    const type = c.type === "" ? kernel.naturalType(gen.params, typeEnv) : parseLogicalType(c.type);
    if (typeof type === "string") throw new Error(type); // validation already rejected this
    const path = childPath(childPath(childPath(childPath("tables", ti), "columns"), ci), gen.kind);
    const res = kernel.compile({
      gen: gen.params,
      type,
      path,
      tableRows: cleanRows,
      columnNames,
      env: typeEnv,
      rowsOf,
    });
    out.push(...res.violations);
    compiled.push({
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
      omit: c.omit,
    });
  }
  compiled.sort((a, b) => a.index - b.index);
  return {
    name: t.name,
    rows,
    primaryKey: t.primaryKey,
    columns: compiled,
    description: t.description,
    ...(parent === undefined ? {} : { parent }),
    ...(defects === undefined ? {} : { defects }),
    ...(duplicates === undefined ? {} : { duplicates }),
  };
}

/** Validates and compiles a plan. */
export function compilePlan(plan: Plan, options: CompileOptions = {}): CompileResult {
  const violations = validatePlan(plan, options.limits ?? DEFAULT_LIMITS, options.scale);
  if (violations.length > 0) return { ok: false, violations };
  const env: Env = {
    plan,
    seed: (options.seed ?? plan.seed).toString(),
    scale: effectiveScale(plan.scale, options.scale),
    done: new Map(),
    out: [],
  };
  const names = plan.tables.map((t) => t.name);
  const { order } = dependencyOrder(names, (n) => tableParents(plan, n));
  for (const name of order) env.done.set(name, compileTable(env, names.indexOf(name)));
  env.out.push(
    ...resolveAggregates(env.done, (t, c) => `tables[${names.indexOf(t)}].columns[${c.index}].aggregate`),
  );
  if (env.out.length > 0) return { ok: false, violations: env.out };
  const tables = order.map((n) => env.done.get(n)!);
  return {
    ok: true,
    plan: {
      name: plan.name,
      seed: env.seed,
      scale: env.scale,
      planHash: planHash(plan),
      engineVersion: ENGINE_VERSION,
      tables,
    },
  };
}
