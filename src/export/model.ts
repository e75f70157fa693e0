/**
 * export: a CompiledPlan → the neutral table model every export renders (dictionary, DDL,
 * lineage, Mermaid): output columns with logical and Arrow types, keys, and the foreign keys the
 * generators imply. Pure; reads only the compiled plan and the schema it would stream.
 */
import { tableSchema } from "../arrow/schema.js";
import type { CompiledColumn, CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import { DEFECTS_COLUMN } from "../defects/compiled-defects.js";
import { typeText } from "../plan/logical-type.js";

/** One output column. */
export interface ModelColumn {
  readonly name: string;
  /** The plan's logical type, or "string" for a bronze column that defects turn into text. */
  readonly logicalType: string;
  /** The logical type before defects (equal to logicalType on clean tables). */
  readonly cleanType: string;
  readonly arrowType: string;
  readonly nullable: boolean;
  readonly description: string;
  /** Generator kind (`sequence`, `foreign_key`, ...); `defects` for the label column. */
  readonly generator: string;
  /** The plan's generator parameters (resolved helper data left out). */
  readonly params: Readonly<Record<string, unknown>>;
}

/** A reference from a child column to a parent's key. */
export interface ModelForeignKey {
  readonly column: string;
  readonly table: string;
  readonly refColumn: string;
  /** `per_parent` for a child's parent link, `foreign_key` for a drawn reference. */
  readonly via: "per_parent" | "foreign_key";
}

/** One table. */
export interface ModelTable {
  readonly name: string;
  readonly description: string;
  readonly rows: number;
  /** "" when the table has no single-column key. */
  readonly primaryKey: string;
  readonly columns: readonly ModelColumn[];
  readonly foreignKeys: readonly ModelForeignKey[];
  readonly parent?: { readonly table: string; readonly min: number; readonly max: number };
  /** Bronze tables carry labelled defects: duplicate keys and orphan references may occur. */
  readonly bronze: boolean;
}

/** The whole plan. */
export interface PlanModel {
  readonly name: string;
  readonly seed: string;
  readonly scale: number;
  readonly planHash: string;
  readonly engineVersion: string;
  readonly tables: readonly ModelTable[];
}

// Plan-level helper data that compile resolved into params; noise outside the engine.
const HIDDEN_PARAMS = new Set(["alias", "target", "ast", "where", "parentRows", "spec", "parts", "result"]);

function planParams(col: CompiledColumn): Record<string, unknown> {
  return Object.fromEntries(Object.entries(col.params).filter(([k]) => !HIDDEN_PARAMS.has(k)));
}

/** The key a column references, when its generator is a reference to a parent's primary key. */
export function referenceOf(
  plan: CompiledPlan,
  table: CompiledTable,
  col: CompiledColumn,
): ModelForeignKey | undefined {
  const p = col.params as Record<string, unknown>;
  const pkOf = (name: string) => plan.tables.find((t) => t.name === name)?.primaryKey ?? "";
  if (col.kind === "foreign_key") {
    const t = String(p.table ?? "");
    const c = String(p.column ?? "");
    if (t !== "" && c !== "" && c === pkOf(t))
      return { column: col.name, table: t, refColumn: c, via: "foreign_key" };
  }
  if (col.kind === "lookup") {
    const t = String(p.table ?? "");
    const c = String(p.column ?? "");
    if (t === "" || c === "" || c !== pkOf(t)) return undefined;
    if (p.via === "parent" && table.parent?.parentTable === t)
      return { column: col.name, table: t, refColumn: c, via: "per_parent" };
    // A lookup of the key through a foreign-key column is the same reference again.
    const fk = table.columns.find((x) => x.name === p.via);
    if (fk !== undefined && fk.kind === "foreign_key")
      return { column: col.name, table: t, refColumn: c, via: "foreign_key" };
  }
  return undefined;
}

/** Builds the model of a compiled plan. */
export function buildModel(plan: CompiledPlan): PlanModel {
  const tables = plan.tables.map((t): ModelTable => {
    const schema = tableSchema(plan, t);
    const text = new Set(t.defects?.textColumns ?? []);
    const columns = schema.fields.map((f): ModelColumn => {
      if (f.name === DEFECTS_COLUMN && t.defects !== undefined)
        return {
          name: f.name,
          logicalType: "string",
          cleanType: "string",
          arrowType: String(f.type),
          nullable: true,
          description: f.metadata.get("description") ?? "",
          generator: "defects",
          params: {},
        };
      const col = t.columns.find((c) => c.name === f.name)!;
      return {
        name: col.name,
        logicalType: text.has(col.name) ? "string" : typeText(col.type),
        cleanType: typeText(col.type),
        arrowType: String(f.type),
        nullable: f.nullable,
        description: col.description,
        generator: col.kind,
        params: planParams(col),
      };
    });
    const foreignKeys = t.columns
      .filter((c) => !c.omit)
      .map((c) => referenceOf(plan, t, c))
      .filter((x): x is ModelForeignKey => x !== undefined);
    return {
      name: t.name,
      description: t.description,
      rows: t.rows,
      primaryKey: t.primaryKey,
      columns,
      foreignKeys,
      ...(t.parent === undefined
        ? {}
        : { parent: { table: t.parent.parentTable, min: t.parent.min, max: t.parent.max } }),
      bronze: t.defects !== undefined,
    };
  });
  return {
    name: plan.name,
    seed: plan.seed,
    scale: plan.scale,
    planHash: plan.planHash,
    engineVersion: plan.engineVersion,
    tables,
  };
}
