/**
 * export/dictionary: a PlanModel → the data dictionary as plain JSON-ready data: every table
 * (rows, description, primary key, parent link, foreign keys) and every output column (logical and
 * Arrow types, nullability, description, generator and its parameters).
 */
import type { PlanModel } from "./model.js";

/** The dictionary document. */
export interface DataDictionary {
  readonly plan: string;
  readonly seed: string;
  readonly scale: number;
  readonly planHash: string;
  readonly engineVersion: string;
  readonly tables: readonly DictionaryTable[];
}

/** One table of the dictionary. */
export interface DictionaryTable {
  readonly name: string;
  readonly description: string;
  readonly rows: number;
  readonly primaryKey: string | null;
  readonly parent: { readonly table: string; readonly min: number; readonly max: number } | null;
  readonly bronze: boolean;
  readonly foreignKeys: readonly {
    readonly column: string;
    readonly references: { readonly table: string; readonly column: string };
    readonly via: string;
  }[];
  readonly columns: readonly {
    readonly name: string;
    readonly logicalType: string;
    readonly arrowType: string;
    readonly nullable: boolean;
    readonly description: string;
    readonly primaryKey: boolean;
    readonly generator: { readonly kind: string; readonly params: Readonly<Record<string, unknown>> };
  }[];
}

/** Builds the data dictionary. */
export function buildDictionary(model: PlanModel): DataDictionary {
  return {
    plan: model.name,
    seed: model.seed,
    scale: model.scale,
    planHash: model.planHash,
    engineVersion: model.engineVersion,
    tables: model.tables.map((t) => ({
      name: t.name,
      description: t.description,
      rows: t.rows,
      primaryKey: t.primaryKey === "" ? null : t.primaryKey,
      parent: t.parent ?? null,
      bronze: t.bronze,
      foreignKeys: t.foreignKeys.map((f) => ({
        column: f.column,
        references: { table: f.table, column: f.refColumn },
        via: f.via,
      })),
      columns: t.columns.map((c) => ({
        name: c.name,
        logicalType: c.logicalType,
        arrowType: c.arrowType,
        nullable: c.nullable,
        description: c.description,
        primaryKey: c.name === t.primaryKey,
        generator: { kind: c.generator, params: c.params },
      })),
    })),
  };
}
