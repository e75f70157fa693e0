/**
 * validate: column rules — names, types, null rates, one generator whose kernel accepts the type,
 * the kernel's own compile-time checks (run guarded), and same-row reference cycles.
 * (context, table) → violations appended to `out`, each with its field path. Never throws.
 */
import type { Column, Plan, Table } from "../gen/synthstream/v1/plan_pb.js";
import { kernelFor, kernelKinds } from "../kernels/registry.js";
import { dependencyOrder } from "./dependency-order.js";
import { quote, suggestion } from "./did-you-mean.js";
import { generatorOf } from "./generator-kind.js";
import { type LogicalType, parseLogicalType, TYPE_NAMES, typeText } from "./logical-type.js";
import type { ValidationContext } from "./validate-context.js";
import { validateGenerator } from "./validate-generators.js";
import { checkNames } from "./validate-names.js";
import { childPath, type Violation } from "./violation.js";

/** The tables a table references (per_parent, foreign keys), for dependency order and cycles. */
export function tableParents(plan: Plan, name: string): string[] {
  const t = plan.tables.find((x) => x.name === name);
  if (t === undefined) return [];
  const parents = new Set<string>();
  if (t.perParent !== undefined) parents.add(t.perParent.table);
  for (const c of t.columns) if (c.generator.case === "foreignKey") parents.add(c.generator.value.table);
  return [...parents];
}

/** Runs `rule`; an exception becomes a violation at `path` instead of escaping validation. */
export function guarded(path: string, out: Violation[], rule: () => void): void {
  try {
    rule();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    out.push({ path, message: `internal validation error: ${why.slice(0, 300)}` });
  }
}

/**
 * Kinds whose kernels resolve other tables' compiled columns, which validation does not build;
 * validate-references.ts covers them, and compile reports whatever their kernels add.
 */
const CROSS_TABLE = new Set(["foreign_key", "lookup", "aggregate"]);

function declaredType(c: Column, cp: string, out: Violation[]): LogicalType | undefined | null {
  if (c.type === "") return null;
  const t = parseLogicalType(c.type);
  if (typeof t !== "string") return t;
  const hint = /^\s*decimal/i.test(c.type) ? "" : suggestion(c.type.trim().toLowerCase(), TYPE_NAMES);
  out.push({ path: childPath(cp, "type"), message: `${t}${hint}` });
  return undefined;
}

function validateColumn(ctx: ValidationContext, t: Table, c: Column, cp: string, out: Violation[]): void {
  if (!(c.nullRate >= 0 && c.nullRate <= 1))
    out.push({ path: childPath(cp, "null_rate"), message: `null rate must be in [0, 1], got ${c.nullRate}` });
  if (c.description.length > ctx.limits.maxTextLength)
    out.push({
      path: childPath(cp, "description"),
      message: `longer than ${ctx.limits.maxTextLength} characters`,
    });
  const declared = declaredType(c, cp, out);
  const gen = generatorOf(c);
  if (gen === undefined) {
    out.push({
      path: cp,
      message: `column ${quote(c.name)} has no generator (set one of ${kernelKinds().join(", ")})`,
    });
    return;
  }
  const gp = childPath(cp, gen.kind);
  const kernel = kernelFor(gen.kind);
  const type = declared === null ? kernel?.naturalType(gen.params) : declared;
  const before = out.length;
  validateGenerator(ctx, { table: t, column: c, kind: gen.kind, params: gen.params, type, path: gp }, out);
  if (kernel === undefined) {
    out.push({
      path: gp,
      message: `generator "${gen.kind}" is not supported by this engine version (supported: ${kernelKinds().join(", ")})`,
    });
    return;
  }
  if (type === undefined) return;
  if (!kernel.accepts(type))
    out.push({
      path: childPath(cp, "type"),
      message: `type mismatch: generator "${gen.kind}" cannot produce ${typeText(type)}`,
    });
  if (CROSS_TABLE.has(gen.kind)) return;
  // The kernel's own checks, as compile will run them, so a plan that validates compiles.
  const seen = new Set(out.slice(before).map((v) => v.path));
  const rows = ctx.maxRows(t);
  const res = kernel.compile({
    gen: gen.params,
    type,
    path: gp,
    tableRows: Number.isFinite(rows) ? rows : 0,
    columnNames: t.columns.map((x) => x.name),
    rowsOf: (n) => {
      const other = ctx.tables.get(n);
      return other === undefined ? undefined : ctx.maxRows(other);
    },
  });
  for (const v of res.violations) if (!seen.has(v.path)) out.push(v);
}

/** Reports cycles among same-row references (templates, expressions, lookups via). */
function validateColumnCycles(ctx: ValidationContext, t: Table, tp: string, out: Violation[]): void {
  const names = t.columns.map((c) => c.name);
  const byName = new Map<string, Column>();
  for (const c of t.columns) if (!byName.has(c.name)) byName.set(c.name, c);
  const { cycle } = dependencyOrder(names, (n) => {
    const c = byName.get(n);
    return c === undefined ? [] : (ctx.columnDeps.get(c) ?? []);
  });
  if (cycle === undefined) return;
  const ci = names.indexOf(cycle[0]!);
  out.push({
    path: childPath(childPath(tp, "columns"), ci),
    message: `column reference cycle: ${cycle.join(" → ")}`,
  });
}

/** Column-level violations for one table. */
export function validateColumns(ctx: ValidationContext, t: Table, ti: number, out: Violation[]): void {
  const tp = childPath("tables", ti);
  const colPath = (i: number) => childPath(childPath(tp, "columns"), i);
  checkNames(
    t.columns.map((c) => c.name),
    "column",
    colPath,
    ctx.limits.maxNameLength,
    out,
  );
  t.columns.forEach((c, ci) => {
    guarded(colPath(ci), out, () => validateColumn(ctx, t, c, colPath(ci), out));
  });
  guarded(tp, out, () => validateColumnCycles(ctx, t, tp, out));
}
