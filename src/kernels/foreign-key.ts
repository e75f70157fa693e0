/**
 * kernels/foreign-key: a reference to a parent row, yielding the parent's column at that row.
 * parentRow(row) = choice(u(row)) over the parent's rows (uniform; zipf over a keyed permutation
 * of the parents, so popular parents are spread out; or weighted by a parent column). The value is
 * recomputed from the parent's kernel: nothing is materialized, and there are no orphans.
 */
import type { Data } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import type { TNode } from "../expr/ast.js";
import { compilePredicate } from "../expr/compile-expression.js";
import { evaluatePredicate } from "../expr/evaluate.js";
import { uniform53 } from "../rng/hash.js";
import { buildAliasTable, pickAlias } from "./alias-table.js";
import type { BatchContext, Kernel, Rows, TypeEnv } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { sampleNumbers } from "./number.js";
import { num, obj, str } from "./params.js";
import { domainBits, permute } from "./permutation.js";
import { copiedDictionary, copyCheck, retag } from "./retag.js";

const WEIGHT_CHUNK = 65536;
const weightMemo = new Map<string, ReturnType<typeof buildAliasTable>>();
const filterMemo = new Map<string, Float64Array>();

/** The parent column a foreign key yields (the parent's primary key unless named). */
function target(gen: Record<string, unknown>, env: TypeEnv): CompiledColumn | undefined {
  const table = str(gen, "table");
  return env.compiledColumn(table, str(gen, "column") || (env.primaryKeyOf(table) ?? ""));
}

/** Alias table over a numeric parent column, built once per worker per plan. */
function weightTable(col: CompiledColumn, ctx: BatchContext): ReturnType<typeof buildAliasTable> {
  const table = str(col.params, "table");
  const by = str(col.params, "weightColumn");
  const n = num(col.params, "parentRows", 0);
  const key = `${ctx.plan.planHash}/${ctx.plan.seed}/${table}/${by}/${n}`;
  let t = weightMemo.get(key);
  if (t === undefined) {
    const weights = new Float64Array(n);
    for (let start = 0; start < n; start += WEIGHT_CHUNK) {
      const count = Math.min(WEIGHT_CHUNK, n - start);
      const data = ctx.foreign(table, by, { start, count });
      for (let i = 0; i < count; i++) {
        const v = Number(data.getValid(i) ? (data.values as ArrayLike<number>)[i] : 0);
        weights[start + i] = Number.isFinite(v) && v > 0 ? v : 0;
      }
    }
    t = buildAliasTable(weights);
    if (weightMemo.size > 16) weightMemo.clear();
    weightMemo.set(key, t);
  }
  return t;
}

/** Parent rows that pass the key's `where` filter, computed once per worker per plan. */
function filteredParents(col: CompiledColumn, ctx: BatchContext): Float64Array {
  const table = str(col.params, "table");
  const n = num(col.params, "parentRows", 0);
  const key = `${ctx.plan.planHash}/${ctx.plan.seed}/${ctx.table.name}/${col.name}`;
  let hit = filterMemo.get(key);
  if (hit === undefined) {
    const ast = col.params.where as TNode;
    const keep: number[] = [];
    for (let start = 0; start < n; start += WEIGHT_CHUNK) {
      const at = { start, count: Math.min(WEIGHT_CHUNK, n - start) };
      const pass = evaluatePredicate(ast, { column: (name) => ctx.foreign(table, name, at) }, at);
      for (let i = 0; i < at.count; i++) if (pass[i] === 1) keep.push(start + i);
    }
    if (keep.length === 0)
      throw new Error(
        `foreign key "${col.name}": no row of "${table}" matches where "${str(col.params, "whereText")}"`,
      );
    hit = Float64Array.from(keep);
    if (filterMemo.size > 16) filterMemo.clear();
    filterMemo.set(key, hit);
  }
  return hit;
}

/** The parent row each requested row references. */
export function foreignKeyParentRows(col: CompiledColumn, rows: Rows, ctx: BatchContext): Float64Array {
  const subset =
    col.params.where === null || col.params.where === undefined ? undefined : filteredParents(col, ctx);
  const out = chooseParents(col, rows, ctx, subset?.length);
  if (subset !== undefined) for (let i = 0; i < out.length; i++) out[i] = subset[out[i]!]!;
  return out;
}

/** Picks indexes in [0, n) (n = all parents, or the filtered subset's size). */
function chooseParents(
  col: CompiledColumn,
  rows: Rows,
  ctx: BatchContext,
  subsetSize?: number,
): Float64Array {
  const n = subsetSize ?? num(col.params, "parentRows", 1);
  const choice = str(col.params, "choice", "uniform");
  const { k0, k1 } = col.key;
  const out = new Float64Array(rows.count);
  if (choice === "zipf") {
    sampleNumbers(out, { zipf: { n, s: num(col.params, "s", 1.1) } }, { name: "int64" }, col.key, rows);
    const bits = domainBits(n);
    for (let i = 0; i < rows.count; i++) out[i] = permute(k0, k1, n, out[i]! - 1, bits);
  } else if (choice === "weighted") {
    const t = weightTable(col, ctx);
    for (let i = 0; i < rows.count; i++) out[i] = pickAlias(t, uniform53(k0, k1, rowAt(rows, i), 0));
  } else {
    for (let i = 0; i < rows.count; i++) out[i] = Math.floor(uniform53(k0, k1, rowAt(rows, i), 0) * n);
  }
  return out;
}

export const foreignKeyKernel: Kernel = {
  naturalType: (gen, env) => (env === undefined ? undefined : target(gen, env))?.type ?? { name: "int64" },
  accepts: () => true,
  compile: (input) => {
    const { gen, path } = input;
    const table = str(gen, "table");
    const parent = input.env === undefined ? undefined : target(gen, input.env);
    const column = parent?.name ?? "";
    const choiceObj = obj(gen, "choice") ?? {};
    const choice =
      obj(choiceObj, "zipf") !== undefined
        ? "zipf"
        : obj(choiceObj, "weighted") !== undefined
          ? "weighted"
          : "uniform";
    const violations = copyCheck(parent, input.type, path);
    const where = str(gen, "where");
    let whereAst: TNode | null = null;
    if (where !== "" && input.env !== undefined) {
      const r = compilePredicate(where, input.env.tableColumns(table) ?? [], `${path}.where`);
      if (r.ok) whereAst = r.expr.ast;
      else violations.push(...r.violations);
      if (choice === "weighted")
        violations.push({ path: `${path}.where`, message: "a filtered foreign key cannot also be weighted" });
    }
    const params = {
      table,
      column,
      parentRows: input.rowsOf?.(table) ?? 0,
      choice,
      s: num(obj(choiceObj, "zipf") ?? {}, "s", 1.1),
      weightColumn: str(obj(choiceObj, "weighted") ?? {}, "column"),
      target: parent ?? null,
      where: whereAst,
      whereText: where,
    };
    if (input.rowsOf !== undefined && params.parentRows === 0)
      violations.push({ path: `${path}.table`, message: `parent table "${table}" has no rows to reference` });
    return { params, deps: [], violations };
  },
  dictionaryValues: copiedDictionary,
  build(col, rows, ctx): Data {
    const parents = foreignKeyParentRows(col, rows, ctx);
    const data = ctx.foreign(str(col.params, "table"), str(col.params, "column"), {
      start: 0,
      count: rows.count,
      index: parents,
    });
    return retag(data, col, ctx);
  },
};
