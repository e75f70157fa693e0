/**
 * export/ddl: a PlanModel → CREATE TABLE statements for PostgreSQL or DuckDB, parents first, with
 * primary keys and foreign keys. Bronze tables get no constraints: they hold duplicate keys and
 * orphan references by design, and their damaged columns are text (see BRONZE_NOTE).
 */
import type { ModelColumn, ModelTable, PlanModel } from "./model.js";

/** The SQL dialects DDL can be written in. */
export type SqlDialect = "postgres" | "duckdb";

/** Why bronze tables carry no constraints; printed in the DDL and documented in the dictionary. */
export const BRONZE_NOTE =
  "bronze table: no constraints - no PRIMARY KEY (duplicate rows repeat their key), no FOREIGN KEY from " +
  "or to it (orphan references are labelled defects), no NOT NULL (raw data; some readers load an empty " +
  "string as NULL) - and defect-bearing columns are text";

const POSTGRES: Record<string, string> = {
  int32: "integer",
  int64: "bigint",
  float32: "real",
  float64: "double precision",
  string: "text",
  bool: "boolean",
  date: "date",
  timestamp: "timestamptz",
  uuid: "uuid",
};

const DUCKDB: Record<string, string> = {
  int32: "INTEGER",
  int64: "BIGINT",
  float32: "FLOAT",
  float64: "DOUBLE",
  string: "VARCHAR",
  bool: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMPTZ",
  uuid: "UUID",
};

/** The SQL type of a logical type text ("decimal(12,2)", "int64", ...). */
export function sqlType(logicalType: string, dialect: SqlDialect): string {
  const dec = /^decimal\((\d+),(\d+)\)$/.exec(logicalType);
  if (dec !== null)
    return dialect === "postgres" ? `numeric(${dec[1]},${dec[2]})` : `DECIMAL(${dec[1]},${dec[2]})`;
  const t = (dialect === "postgres" ? POSTGRES : DUCKDB)[logicalType];
  if (t === undefined) throw new Error(`no SQL type for logical type "${logicalType}"`);
  return t;
}

/** Quotes an identifier when it is not a plain lower-case name (or is a common keyword). */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

const RESERVED = new Set([
  "order",
  "user",
  "group",
  "table",
  "select",
  "from",
  "where",
  "date",
  "year",
  "month",
]);

function columnLine(c: ModelColumn, dialect: SqlDialect, bronze: boolean): string {
  const notNull = c.nullable || bronze ? "" : " NOT NULL";
  return `  ${quoteIdent(c.name)} ${sqlType(c.logicalType, dialect)}${notNull}`;
}

/** Tables whose rows may be referenced by a constraint: clean tables with a primary key. */
function referenceable(model: PlanModel): Set<string> {
  return new Set(model.tables.filter((t) => !t.bronze && t.primaryKey !== "").map((t) => t.name));
}

function createTable(t: ModelTable, dialect: SqlDialect, targets: Set<string>): string {
  const lines = t.columns.map((c) => columnLine(c, dialect, t.bronze));
  if (!t.bronze && t.primaryKey !== "") lines.push(`  PRIMARY KEY (${quoteIdent(t.primaryKey)})`);
  if (!t.bronze)
    for (const f of t.foreignKeys)
      if (targets.has(f.table))
        lines.push(
          `  FOREIGN KEY (${quoteIdent(f.column)}) REFERENCES ${quoteIdent(f.table)} (${quoteIdent(f.refColumn)})`,
        );
  const head = [`-- ${t.description || t.name}`];
  if (t.bronze) head.push(`-- ${BRONZE_NOTE}`);
  return `${head.join("\n")}\nCREATE TABLE ${quoteIdent(t.name)} (\n${lines.join(",\n")}\n);\n`;
}

function comments(t: ModelTable): string[] {
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const out: string[] = [];
  if (t.description !== "") out.push(`COMMENT ON TABLE ${quoteIdent(t.name)} IS ${lit(t.description)};`);
  for (const c of t.columns)
    if (c.description !== "")
      out.push(`COMMENT ON COLUMN ${quoteIdent(t.name)}.${quoteIdent(c.name)} IS ${lit(c.description)};`);
  return out;
}

/**
 * CREATE TABLE statements in dependency order (parents first, so every FOREIGN KEY target exists),
 * then COMMENT ON statements carrying the descriptions.
 */
export function buildDdl(model: PlanModel, dialect: SqlDialect): string {
  const targets = referenceable(model);
  const head = `-- synthstream plan "${model.name}" (seed ${model.seed}, scale ${model.scale}, hash ${model.planHash.slice(0, 16)}), ${dialect} DDL\n`;
  const tables = model.tables.map((t) => createTable(t, dialect, targets));
  const notes = model.tables.flatMap(comments);
  return `${head}\n${tables.join("\n")}\n${notes.join("\n")}\n`;
}
