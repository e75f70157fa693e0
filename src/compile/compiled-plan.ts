/**
 * compile: the plain-data form of a plan that workers receive.
 * No closures, no class instances: a CompiledPlan survives structured clone (postMessage) intact,
 * and every worker that receives it computes the same values.
 */

import type { CompiledDefects } from "../defects/compiled-defects.js";
import type { LogicalType } from "../plan/logical-type.js";
import type { ColumnKey } from "../rng/hash.js";
import type { ChildCounts } from "./child-counts.js";

/** The engine version in schema metadata; bump it when output bytes change (see CHANGELOG.md). */
export const ENGINE_VERSION = "2";

/** A generator's parameters as proto JSON (proto field names), plus what compile resolved. */
export type GeneratorParams = Readonly<Record<string, unknown>>;

/** One column, ready for its kernel. */
export interface CompiledColumn {
  readonly name: string;
  /** Position in the table's full column list. */
  readonly index: number;
  readonly type: LogicalType;
  /** The generator kind: the kernel registry key (`sequence`, `number`, ...). */
  readonly kind: string;
  readonly params: GeneratorParams;
  readonly key: ColumnKey;
  readonly nullKey: ColumnKey;
  readonly nullRate: number;
  /** Columns of the same table this column reads, row by row. */
  readonly deps: readonly string[];
  readonly description: string;
  /** A working column: readable by other columns, left out of the default output. */
  readonly omit: boolean;
}

/** One table, ready to generate. */
export interface CompiledTable {
  readonly name: string;
  /** Total rows after scale. */
  readonly rows: number;
  readonly primaryKey: string;
  readonly columns: readonly CompiledColumn[];
  readonly description: string;
  /** For a child table (`per_parent`): how its rows hang off the parent's. */
  readonly parent?: ChildCounts;
  /** Bronze tables: the defect profile, and duplicate copies inserted after their clean rows. */
  readonly defects?: CompiledDefects;
  readonly duplicates?: ChildCounts;
}

/** A whole plan, tables in dependency order (parents before children). */
export interface CompiledPlan {
  readonly name: string;
  /** The effective seed, as a decimal string (uint64). */
  readonly seed: string;
  readonly scale: number;
  /** SHA-256 (hex) of the plan's canonical binary form. */
  readonly planHash: string;
  readonly engineVersion: string;
  readonly tables: readonly CompiledTable[];
}

/** Finds a table by name, or throws a plain error naming it (workers only see validated plans). */
export function tableOf(plan: CompiledPlan, name: string): CompiledTable {
  const t = plan.tables.find((x) => x.name === name);
  if (t === undefined) throw new Error(`unknown table "${name}" in plan "${plan.name}"`);
  return t;
}

/** Finds a column by name in a table, or throws a plain error naming it. */
export function columnOf(table: CompiledTable, name: string): CompiledColumn {
  const c = table.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`unknown column "${name}" in table "${table.name}"`);
  return c;
}

/** Rows other tables may reference: a bronze table's clean rows, not its duplicate copies. */
export function referenceRows(table: CompiledTable): number {
  return table.duplicates?.parentRows ?? table.rows;
}
