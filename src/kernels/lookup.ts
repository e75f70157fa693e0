/**
 * kernels/lookup: a parent's column recomputed at the referenced parent row
 * (order.shipping_address = customer.address). via = a foreign-key column of this table, or
 * "parent" for a child table's per_parent link. Nothing is materialized.
 */

import type { CompiledColumn } from "../compile/compiled-plan.js";
import { foreignKeyParentRows } from "./foreign-key.js";
import type { Kernel, TypeEnv } from "./kernel.js";
import { str } from "./params.js";
import { copiedDictionary, copyCheck, retag } from "./retag.js";

/** The table a lookup reads from. */
function sourceTable(gen: Record<string, unknown>, env: TypeEnv): string | undefined {
  const via = str(gen, "via");
  if (via === "parent") return env.parentTable;
  const fk = env.siblingColumn(via);
  return fk === undefined ? undefined : str(fk.params, "table");
}

function source(gen: Record<string, unknown>, env: TypeEnv): CompiledColumn | undefined {
  const table = sourceTable(gen, env);
  return table === undefined ? undefined : env.compiledColumn(table, str(gen, "column"));
}

export const lookupKernel: Kernel = {
  naturalType: (gen, env) => (env === undefined ? undefined : source(gen, env))?.type ?? { name: "string" },
  accepts: () => true,
  compile: (input) => {
    const via = str(input.gen, "via");
    const env = input.env;
    if (env === undefined) return { params: input.gen, deps: via === "parent" ? [] : [via], violations: [] };
    const target = source(input.gen, env);
    const violations = copyCheck(target, input.type, input.path);
    if (target === undefined)
      violations.push({
        path: input.path,
        message: `cannot resolve lookup of "${str(input.gen, "column")}" via "${via}"`,
      });
    return {
      params: {
        via,
        column: str(input.gen, "column"),
        table: target === undefined ? "" : sourceTable(input.gen, env),
        target: target ?? null,
      },
      deps: via === "parent" ? [] : [via],
      violations,
    };
  },
  dictionaryValues: copiedDictionary,
  build(col, rows, ctx) {
    const via = str(col.params, "via");
    const parents =
      via === "parent"
        ? ctx.parents().parents
        : foreignKeyParentRows(ctx.table.columns.find((c) => c.name === via)!, rows, ctx);
    const data = ctx.foreign(str(col.params, "table"), str(col.params, "column"), {
      start: 0,
      count: rows.count,
      index: parents,
    });
    return retag(data, col, ctx);
  },
};
