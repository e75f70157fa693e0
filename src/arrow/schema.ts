/**
 * arrow: a compiled table (and optional projection) → its Arrow Schema.
 * Field metadata carries the generator and description; schema metadata the plan hash, engine
 * version, seed, plan name and table. Dictionary ids are column positions, so they are stable
 * for every projection of a table.
 */
import { type DataType, Dictionary, Field, Int32, Schema, Utf8 } from "apache-arrow";
import type { CompiledColumn, CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import { DEFECTS_COLUMN } from "../defects/compiled-defects.js";
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
  if (columns === undefined || columns.length === 0) return table.columns.filter((c) => !c.omit);
  return columns
    .filter((name) => !(name === DEFECTS_COLUMN && table.defects !== undefined))
    .map((name) => {
      const c = table.columns.find((x) => x.name === name);
      if (c === undefined) throw new Error(`unknown column "${name}" in table "${table.name}"`);
      return c;
    });
}

/** True when a bronze table's projection includes its `_defects` label column (always last). */
export function includesDefects(table: CompiledTable, columns?: readonly string[]): boolean {
  return (
    table.defects !== undefined &&
    (columns === undefined || columns.length === 0 || columns.includes(DEFECTS_COLUMN))
  );
}

/** True when the column is dictionary-encoded in this table's output (bronze text columns are not). */
export function isDictionaryField(table: CompiledTable, col: CompiledColumn): boolean {
  return !table.defects?.textColumns.includes(col.name) && isDictionaryColumn(col);
}

// Kinds whose values are never null unless the plan asks for nulls.
const NEVER_NULL = new Set([
  "sequence",
  "permutation",
  "uuid",
  "number",
  "boolean",
  "categorical",
  "semantic",
  "temporal",
]);

/** The schema of a table, or of a projection of it. */
export function tableSchema(plan: CompiledPlan, table: CompiledTable, columns?: readonly string[]): Schema {
  const nullDefects = new Set(table.defects?.defects.filter((d) => d.kind === "null").map((d) => d.column));
  const fields = projectColumns(table, columns).map((col) => {
    const meta = new Map<string, string>([
      [META.generator, col.kind],
      [META.params, columnParams(col)],
      [META.type, typeText(col.type)],
    ]);
    if (col.description !== "") meta.set(META.description, col.description);
    const type =
      isDictionaryField(table, col) || !table.defects?.textColumns.includes(col.name)
        ? columnArrowType(col)
        : new Utf8();
    const nullable = col.nullRate > 0 || !NEVER_NULL.has(col.kind) || nullDefects.has(col.name);
    return new Field(col.name, type, nullable, meta);
  });
  if (includesDefects(table, columns)) {
    fields.push(
      new Field(
        DEFECTS_COLUMN,
        new Utf8(),
        true,
        new Map([[META.description, "Defects injected into this row, as column:kind items joined by ';'"]]),
      ),
    );
  }
  const meta = new Map<string, string>([
    [META.planHash, plan.planHash],
    [META.engineVersion, plan.engineVersion],
    [META.seed, plan.seed],
    [META.plan, plan.name],
    [META.table, table.name],
  ]);
  return new Schema(fields, meta);
}
