/**
 * kernels/aggregate: a parent column computed from its children (order.subtotal =
 * sum(quantity * unit_price) over its line items). The children of parent p are child rows
 * [offset(p), offset(p) + count(p)), recomputed on demand, so aggregates always add up and are
 * identical in every shard. The child expression is type-checked once the child table compiles.
 */
import type { Data } from "apache-arrow";
import { childCount, childOffset } from "../compile/child-counts.js";
import type { CompiledColumn, CompiledTable } from "../compile/compiled-plan.js";
import { tableOf } from "../compile/compiled-plan.js";
import type { TNode } from "../expr/ast.js";
import { compileExpression } from "../expr/compile-expression.js";
import { evaluateExpression } from "../expr/evaluate.js";
import { logicalTypeOf } from "../expr/types.js";
import { num as numVec } from "../expr/vector.js";
import { writeColumn } from "../expr/write-column.js";
import type { Violation } from "../plan/violation.js";
import type { BatchContext, Kernel, Rows } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { str } from "./params.js";

/** Children of each requested parent row: one contiguous range per parent. */
function childRanges(
  child: CompiledTable,
  rows: Rows,
): { first: Float64Array; counts: Int32Array; total: number } {
  const link = child.parent!;
  const first = new Float64Array(rows.count);
  const counts = new Int32Array(rows.count);
  let total = 0;
  let next = -1;
  let nextParent = -1;
  for (let i = 0; i < rows.count; i++) {
    const p = rowAt(rows, i);
    // Consecutive parents continue where the previous one ended; others search the prefix sums.
    first[i] = p === nextParent ? next : childOffset(link, p);
    counts[i] = childCount(link, p);
    total += counts[i]!;
    next = first[i]! + counts[i]!;
    nextParent = p + 1;
  }
  return { first, counts, total };
}

function reduce(
  fn: string,
  values: Float64Array,
  valid: Uint8Array | undefined,
  from: number,
  n: number,
): number | null {
  let acc = fn === "min" ? Number.POSITIVE_INFINITY : fn === "max" ? Number.NEGATIVE_INFINITY : 0;
  let seen = 0;
  for (let j = from; j < from + n; j++) {
    if (valid !== undefined && valid[j] === 0) continue;
    const v = values[j]!;
    seen++;
    if (fn === "min") acc = Math.min(acc, v);
    else if (fn === "max") acc = Math.max(acc, v);
    else acc += v;
  }
  if (fn === "count") return seen;
  if (seen === 0) return fn === "sum" ? 0 : null;
  return fn === "avg" ? acc / seen : acc;
}

/** Type-checks every aggregate's child expression once all tables are compiled. */
export function resolveAggregates(
  tables: Map<string, CompiledTable>,
  pathOf: (table: string, col: CompiledColumn) => string,
): Violation[] {
  const out: Violation[] = [];
  for (const [name, t] of tables) {
    const columns = t.columns.map((c) => {
      if (c.kind !== "aggregate") return c;
      const child = tables.get(str(c.params, "table"))!;
      const expr = str(c.params, "expr");
      if (expr === "") return { ...c, params: { ...c.params, ast: null } };
      const r = compileExpression(expr, child.columns, `${pathOf(name, c)}.expr`);
      if (!r.ok) {
        out.push(...r.violations);
        return c;
      }
      return { ...c, params: { ...c.params, ast: r.expr.ast } };
    });
    tables.set(name, { ...t, columns });
  }
  return out;
}

export const aggregateKernel: Kernel = {
  naturalType: (gen) => {
    const fn = str(gen, "function");
    return fn === "count"
      ? { name: "int64" }
      : fn === "min" || fn === "max"
        ? logicalTypeOf("number")
        : { name: "float64" };
  },
  accepts: (t) => t.name !== "string" && t.name !== "uuid" && t.name !== "bool",
  compile: ({ gen }) => ({
    params: { table: str(gen, "table"), function: str(gen, "function"), expr: str(gen, "expr") },
    deps: [],
    violations: [],
  }),
  build(col: CompiledColumn, rows: Rows, ctx: BatchContext): Data {
    const child = tableOf(ctx.plan, str(col.params, "table"));
    const fn = str(col.params, "function");
    const { first, counts, total } = childRanges(child, rows);
    const ast = col.params.ast as TNode | null;
    let values: Float64Array = new Float64Array(0);
    let valid: Uint8Array | undefined;
    if (ast !== null && total > 0) {
      // Children of a contiguous run of parents are contiguous: one range, else an index list.
      const contiguous = rows.index === undefined;
      const index = contiguous ? undefined : new Float64Array(total);
      if (index !== undefined) {
        let k = 0;
        for (let i = 0; i < rows.count; i++) for (let j = 0; j < counts[i]!; j++) index[k++] = first[i]! + j;
      }
      const at: Rows = { start: rows.count > 0 ? first[0]! : 0, count: total, index };
      const vec = numVec(
        evaluateExpression(ast, { column: (name) => ctx.foreign(child.name, name, at) }, at),
      );
      values = vec.v;
      valid = vec.valid;
    }
    const out = new Float64Array(rows.count);
    const ok = new Uint8Array(rows.count);
    let pos = 0;
    for (let i = 0; i < rows.count; i++) {
      const n = counts[i]!;
      const v = ast === null ? (fn === "count" ? n : null) : reduce(fn, values, valid, pos, n);
      pos += n;
      out[i] = v ?? 0;
      ok[i] = v === null ? 0 : 1;
    }
    return writeColumn({ kind: "num", v: out, valid: ok }, "number", col.type);
  },
};
