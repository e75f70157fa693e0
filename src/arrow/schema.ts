/**
 * arrow: a compiled table (and optional projection) → its Arrow Schema.
 * Field metadata carries the generator and description; schema metadata the plan hash, engine
 * version, seed, plan name and table. Dictionary ids are column positions, so they are stable
 * for every projection of a table.
 */
import { type DataType, Dictionary, Field, Int32, Schema, Utf8 } from "apache-arrow";
import type { CompiledColumn, CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import { requireKernel } from "../kernels/registry.js";
import { typeText } from "../plan/logical-type.js";
import { arrowTypeFor } from "./values.js";

/** Metadata keys, shared with readers (pyarrow sees them as b"synthstream.plan_hash"). */
export const META = {
  planHash: "synthstream.plan_hash",
  engineVersion: "synthstream.engine_version",
  seed: "synthstream.seed",
  plan: "synthstream.plan",
  table: "synthstream.table",
  generator: "synthstream.generator",
  params: "synthstream.params",
  type: "synthstream.type",
  description: "description",
} as const;

/** True when the column is dictionary-encoded. */
export function isDictionaryColumn(col: CompiledColumn): boolean {
  const k = requireKernel(col.kind);
  return k.dictionaryValues !== undefined && k.dictionaryValues(col).length > 0;
}

/** The Arrow type of a column. */
export function columnArrowType(col: CompiledColumn): DataType {
  return isDictionaryColumn(col)
    ? new Dictionary(new Utf8(), new Int32(), col.index)
    : arrowTypeFor(col.type);
}

function columnParams(col: CompiledColumn): string {
  // Resolved helper tables (alias tables) are noise in metadata; keep the plan's own parameters.
  const { alias: _alias, ...rest } = col.params as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The columns of a table in projection order (all columns when no projection is given). */
export function projectColumns(table: CompiledTable, columns?: readonly string[]): CompiledColumn[] {
  if (columns === undefined || columns.length === 0) return [...table.columns];
  return columns.map((name) => {
    const c = table.columns.find((x) => x.name === name);
    if (c === undefined) throw new Error(`unknown column "${name}" in table "${table.name}"`);
    return c;
  });
}

/** The schema of a table, or of a projection of it. */
export function tableSchema(plan: CompiledPlan, table: CompiledTable, columns?: readonly string[]): Schema {
  const fields = projectColumns(table, columns).map((col) => {
    const meta = new Map<string, string>([
      [META.generator, col.kind],
      [META.params, columnParams(col)],
      [META.type, typeText(col.type)],
    ]);
    if (col.description !== "") meta.set(META.description, col.description);
    return new Field(col.name, columnArrowType(col), col.nullRate > 0, meta);
  });
  const meta = new Map<string, string>([
    [META.planHash, plan.planHash],
    [META.engineVersion, plan.engineVersion],
    [META.seed, plan.seed],
    [META.plan, plan.name],
    [META.table, table.name],
  ]);
  return new Schema(fields, meta);
}
