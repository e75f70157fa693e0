/**
 * validate: what every rule may ask about the plan as a whole — tables by name, row bounds, the
 * resolved type of any column, and the same-row references rules record for cycle detection.
 * Plan + limits → a context built once per validation. Lookups never throw on bad references.
 */
import type { Column, Plan, Table } from "../gen/synthstream/v1/plan_pb.js";
import { kernelFor } from "../kernels/registry.js";
import { generatorOf } from "./generator-kind.js";
import type { ResolvedLimits } from "./limits.js";
import { scaledRows } from "./limits.js";
import { type LogicalType, parseLogicalType } from "./logical-type.js";

/** Shared, read-mostly facts for the rules of one validation run. */
export interface ValidationContext {
  readonly plan: Plan;
  readonly limits: ResolvedLimits;
  readonly scale: number;
  /** The first table of each name (duplicates are reported separately). */
  readonly tables: ReadonlyMap<string, Table>;
  readonly tableNames: readonly string[];
  /** Same-row column references per column (templates, expressions, lookups), for cycle checks. */
  readonly columnDeps: Map<Column, string[]>;
  /** Largest row count a table can reach: root tables scale, child tables multiply by max. */
  maxRows(table: Table): number;
  /** The column's logical type, following foreign keys and lookups; undefined when unknowable. */
  typeOf(table: Table, column: Column): LogicalType | undefined;
}

/** Builds the context for one plan. */
export function createValidationContext(
  plan: Plan,
  limits: ResolvedLimits,
  scale: number,
): ValidationContext {
  const tables = new Map<string, Table>();
  for (const t of plan.tables) if (!tables.has(t.name)) tables.set(t.name, t);
  const rowMemo = new Map<Table, number>();
  const maxRows = (t: Table): number => {
    const hit = rowMemo.get(t);
    if (hit !== undefined) return hit;
    rowMemo.set(t, Number.NaN); // a per_parent cycle resolves to NaN, which no limit check trips on
    let n: number;
    if (t.perParent === undefined) n = scaledRows(t.rows, t.fixedSize, scale);
    else {
      const parent = tables.get(t.perParent.table);
      n = parent === undefined ? Number.NaN : maxRows(parent) * Number(t.perParent.max);
    }
    rowMemo.set(t, n);
    return n;
  };
  const typeOf = (t: Table, c: Column, depth = 0): LogicalType | undefined => {
    if (c.type !== "") {
      const parsed = parseLogicalType(c.type);
      return typeof parsed === "string" ? undefined : parsed;
    }
    if (depth > 8) return undefined;
    const g = c.generator;
    if (g.case === "foreignKey") {
      const parent = tables.get(g.value.table);
      const name = g.value.column === "" ? parent?.primaryKey : g.value.column;
      const pc = parent?.columns.find((x) => x.name === name);
      return parent === undefined || pc === undefined ? undefined : typeOf(parent, pc, depth + 1);
    }
    if (g.case === "lookup") {
      const target = lookupTarget(tables, t, g.value.via);
      const lc = target?.columns.find((x) => x.name === g.value.column);
      return target === undefined || lc === undefined ? undefined : typeOf(target, lc, depth + 1);
    }
    const gen = generatorOf(c);
    const kernel = gen === undefined ? undefined : kernelFor(gen.kind);
    if (gen === undefined || kernel === undefined) return undefined;
    try {
      return kernel.naturalType(gen.params);
    } catch {
      return undefined; // the column's own rules report the failure
    }
  };
  return {
    plan,
    limits,
    scale,
    tables,
    tableNames: plan.tables.map((t) => t.name),
    columnDeps: new Map(),
    maxRows,
    typeOf,
  };
}

/** The table a lookup's `via` reaches: the per_parent table for "parent", else a foreign key's table. */
export function lookupTarget(
  tables: ReadonlyMap<string, Table>,
  table: Table,
  via: string,
): Table | undefined {
  if (via === "parent") return table.perParent === undefined ? undefined : tables.get(table.perParent.table);
  const fk = table.columns.find((c) => c.name === via);
  return fk?.generator.case === "foreignKey" ? tables.get(fk.generator.value.table) : undefined;
}

/** Coarse type families: values move between types of one family without surprise. */
export function typeFamily(t: LogicalType): string {
  switch (t.name) {
    case "string":
    case "uuid":
      return "text";
    case "bool":
    case "date":
    case "timestamp":
      return t.name;
    default:
      return "number";
  }
}
