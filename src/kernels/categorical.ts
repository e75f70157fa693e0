/**
 * kernels/categorical: one of a fixed list of values, optionally weighted, dictionary-encoded.
 * value(row) = values[alias(u(row))]. The dictionary is the plan's value list, so it is the same for
 * every batch of every stream of the plan.
 */
import { Dictionary, Int32, makeData, Utf8 } from "apache-arrow";
import { elementsOf, unfilled } from "../arrow/values.js";
import { type AliasTable, buildAliasTable, pickAliasColumn, toPlainAlias } from "./alias-table.js";
import type { Kernel } from "./kernel.js";
import { wasmAliasPicks } from "./number-wasm.js";
import { nums, strs } from "./params.js";
import { uniform53Rows } from "./row-draws.js";

export const categoricalKernel: Kernel = {
  naturalType: () => ({ name: "string" }),
  accepts: (t) => t.name === "string",
  compile: ({ gen }) => {
    const values = strs(gen, "values");
    const w = nums(gen, "weights");
    const weights = w.length === values.length ? w : values.map(() => 1);
    const ok =
      values.length > 0 && weights.every((x) => Number.isFinite(x) && x >= 0) && weights.some((x) => x > 0);
    return {
      params: { ...gen, alias: ok ? toPlainAlias(buildAliasTable(weights)) : { prob: [1], alias: [0] } },
      deps: [],
      violations: [],
    };
  },
  dictionaryValues: (col) => strs(col.params, "values"),
  build(col, rows, ctx) {
    const table = col.params.alias as AliasTable;
    const n = rows.count;
    // Every index is written below.
    const idx = elementsOf(Int32Array, ctx.valuesBuffer(4 * n), n);
    if (!wasmAliasPicks(table, col.key, rows, idx)) {
      // Scattered rows, or no WASM: the uniforms, then the picks (the same indices).
      const u = unfilled(Float64Array, n);
      uniform53Rows(col.key, rows, u);
      pickAliasColumn(table, u, idx);
    }
    const dict = ctx.dictionary(col);
    return makeData({
      type: new Dictionary(new Utf8(), new Int32(), col.index),
      length: rows.count,
      data: idx,
      dictionary: dict,
    });
  },
};
