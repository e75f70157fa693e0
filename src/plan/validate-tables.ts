/**
 * validate: table rules — row counts and limits, the per_parent link, the primary key, defects.
 * (context, table) → violations under `tables[i]`. Never throws.
 */
import type { Table } from "../gen/synthstream/v1/plan_pb.js";
import { quote, unknownName } from "./did-you-mean.js";
import { typeFamily, type ValidationContext } from "./validate-context.js";
import { isRate } from "./validate-weights.js";
import { childPath, type Violation } from "./violation.js";

/** Generators that cannot promise a distinct value per row. */
const NOT_UNIQUE = new Set([
  "categorical",
  "boolean",
  "number",
  "semantic",
  "temporal",
  "faker",
  "foreign_key",
  "lookup",
  "aggregate",
]);

/** Defect kinds (see DefectProfile in plan.proto) and the type family each needs, if any. */
const DEFECT_KINDS: Readonly<Record<string, string | undefined>> = {
  null: undefined,
  empty: "text",
  typo: "text",
  case: "text",
  whitespace: "text",
  date_format: "date or timestamp",
  invalid_email: "text",
  invalid_phone: "text",
  outlier: "number",
  orphan: "foreign key",
};

function validateRows(ctx: ValidationContext, t: Table, tp: string, out: Violation[]): void {
  const limit = ctx.limits.maxRowsPerTable;
  const pp = t.perParent;
  if (pp === undefined) {
    if (t.rows < 0n)
      out.push({ path: childPath(tp, "rows"), message: `row count must not be negative, got ${t.rows}` });
    else if (ctx.maxRows(t) > limit)
      out.push({
        path: childPath(tp, "rows"),
        message: `row count ${t.rows}${t.fixedSize ? "" : ` × scale ${ctx.scale}`} exceeds the limit of ${limit}`,
      });
    return;
  }
  const p = childPath(tp, "per_parent");
  if (pp.table === t.name && t.name !== "")
    out.push({ path: childPath(p, "table"), message: "a table cannot be its own parent" });
  else if (!ctx.tables.has(pp.table))
    out.push({ path: childPath(p, "table"), message: unknownName("table", pp.table, ctx.tableNames) });
  if (pp.min < 0n) out.push({ path: childPath(p, "min"), message: `must not be negative, got ${pp.min}` });
  if (pp.max < 0n) out.push({ path: childPath(p, "max"), message: `must not be negative, got ${pp.max}` });
  else if (pp.min > pp.max) out.push({ path: p, message: `min (${pp.min}) > max (${pp.max})` });
  else if (ctx.maxRows(t) > limit)
    out.push({
      path: childPath(p, "max"),
      message: `up to ${ctx.maxRows(t)} rows (parent rows × max) exceed the limit of ${limit}`,
    });
}

function validatePrimaryKey(t: Table, tp: string, out: Violation[]): void {
  if (t.primaryKey === "") return;
  const path = childPath(tp, "primary_key");
  const pk = t.columns.find((c) => c.name === t.primaryKey);
  if (pk === undefined) {
    out.push({
      path,
      message: unknownName(
        "column",
        t.primaryKey,
        t.columns.map((c) => c.name),
      ),
    });
    return;
  }
  const g = pk.generator;
  if (pk.nullRate > 0) out.push({ path, message: `primary key ${quote(pk.name)} cannot have a null_rate` });
  const kind = g.case === "foreignKey" ? "foreign_key" : (g.case ?? "");
  if (NOT_UNIQUE.has(kind))
    out.push({
      path,
      message: `primary key ${quote(pk.name)} uses "${kind}", which repeats values; use sequence, permutation or uuid`,
    });
  if (g.case === "sequence" && g.value.step === 0n)
    out.push({ path, message: `primary key ${quote(pk.name)} is a sequence with step 0` });
}

function validateDefects(ctx: ValidationContext, t: Table, tp: string, out: Violation[]): void {
  const d = t.defects;
  if (d === undefined) return;
  const dp = childPath(tp, "defects");
  if (!isRate(d.duplicateRate))
    out.push({ path: childPath(dp, "duplicate_rate"), message: `must be in [0, 1], got ${d.duplicateRate}` });
  if (!isRate(d.nearDuplicateRate))
    out.push({
      path: childPath(dp, "near_duplicate_rate"),
      message: `must be in [0, 1], got ${d.nearDuplicateRate}`,
    });
  const names = t.columns.map((c) => c.name);
  d.defects.forEach((def, i) => {
    const p = childPath(childPath(dp, "defects"), i);
    if (!isRate(def.rate))
      out.push({ path: childPath(p, "rate"), message: `must be in [0, 1], got ${def.rate}` });
    const known = Object.hasOwn(DEFECT_KINDS, def.kind);
    if (!known)
      out.push({
        path: childPath(p, "kind"),
        message: unknownName("defect kind", def.kind, Object.keys(DEFECT_KINDS)),
      });
    const col = t.columns.find((c) => c.name === def.column);
    if (col === undefined) {
      out.push({ path: childPath(p, "column"), message: unknownName("column", def.column, names) });
      return;
    }
    const needs = known ? DEFECT_KINDS[def.kind] : undefined;
    const type = ctx.typeOf(t, col);
    let fits = true;
    // A lookup of the parent's key (a child's per_parent reference) is a foreign key too.
    if (needs === "foreign key")
      fits = col.generator.case === "foreignKey" || col.generator.case === "lookup";
    else if (needs === "date or timestamp")
      fits = type === undefined || type.name === "date" || type.name === "timestamp";
    else if (needs !== undefined) fits = type === undefined || typeFamily(type) === needs;
    if (!fits)
      out.push({
        path: childPath(p, "kind"),
        message: `defect "${def.kind}" needs a ${needs} column; ${quote(col.name)} is not`,
      });
  });
}

/** Table-level violations for one table. */
export function validateTable(ctx: ValidationContext, t: Table, ti: number, out: Violation[]): void {
  const tp = childPath("tables", ti);
  validateRows(ctx, t, tp, out);
  if (t.columns.length === 0)
    out.push({ path: childPath(tp, "columns"), message: "a table needs at least one column" });
  validatePrimaryKey(t, tp, out);
  validateDefects(ctx, t, tp, out);
  if (t.description.length > ctx.limits.maxTextLength)
    out.push({
      path: childPath(tp, "description"),
      message: `longer than ${ctx.limits.maxTextLength} characters`,
    });
}
