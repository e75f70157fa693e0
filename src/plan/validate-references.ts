/**
 * validate: generators that reach other tables — foreign_key, lookup, aggregate.
 * (context, site) → violations for unknown tables and columns (with did-you-mean), references of
 * the wrong shape, and declared types that disagree with the referenced column.
 */
import type { Column, Table } from "../gen/synthstream/v1/plan_pb.js";
import { quote, unknownName } from "./did-you-mean.js";
import { type LogicalType, typeText } from "./logical-type.js";
import { lookupTarget, typeFamily, type ValidationContext } from "./validate-context.js";
import { expressionViolations } from "./validate-expr.js";
import type { GeneratorRule } from "./validate-generators.js";
import { checkFinite } from "./validate-weights.js";
import { childPath, type Violation } from "./violation.js";

const AGGREGATES = ["sum", "count", "min", "max", "avg"];

/** Reports a declared type whose family differs from the referenced column's. */
function checkSameFamily(
  ctx: ValidationContext,
  type: LogicalType | undefined,
  column: Column,
  target: Table,
  tc: Column,
  path: string,
  out: Violation[],
): void {
  if (column.type === "" || type === undefined) return;
  const want = ctx.typeOf(target, tc);
  if (want !== undefined && typeFamily(want) !== typeFamily(type))
    out.push({
      path,
      message: `type mismatch: ${target.name}.${tc.name} is ${typeText(want)}, but this column is declared ${typeText(type)}`,
    });
}

function addDep(ctx: ValidationContext, column: Column, name: string): void {
  const deps = ctx.columnDeps.get(column) ?? [];
  deps.push(name);
  ctx.columnDeps.set(column, deps);
}

export const REFERENCE_RULES: Readonly<Record<string, GeneratorRule>> = {
  foreign_key(ctx, { column, type, path }, out) {
    const g = column.generator.case === "foreignKey" ? column.generator.value : undefined;
    if (g === undefined) return;
    const parent = ctx.tables.get(g.table);
    if (parent === undefined) {
      out.push({ path: childPath(path, "table"), message: unknownName("table", g.table, ctx.tableNames) });
      return;
    }
    if (ctx.maxRows(parent) === 0)
      out.push({
        path: childPath(path, "table"),
        message: `parent table ${quote(g.table)} has no rows to reference`,
      });
    const names = parent.columns.map((c) => c.name);
    const col = g.column === "" ? parent.primaryKey : g.column;
    const pc = parent.columns.find((c) => c.name === col);
    if (col === "")
      out.push({
        path: childPath(path, "column"),
        message: `table ${quote(g.table)} has no primary_key; name the column`,
      });
    else if (pc === undefined)
      out.push({
        path: childPath(path, "column"),
        message: unknownName("column", col, names, `table ${quote(g.table)}`),
      });
    else
      checkSameFamily(
        ctx,
        type,
        column,
        parent,
        pc,
        childPath(path.slice(0, path.lastIndexOf(".")), "type"),
        out,
      );
    const choice = g.choice?.kind;
    const cp = childPath(childPath(path, "choice"), choice?.case ?? "");
    if (choice?.case === "zipf") checkFinite(choice.value.s, childPath(cp, "s"), out, "positive");
    if (choice?.case === "weighted") {
      const wc = parent.columns.find((c) => c.name === choice.value.column);
      if (wc === undefined)
        out.push({
          path: childPath(cp, "column"),
          message: unknownName("column", choice.value.column, names, `table ${quote(g.table)}`),
        });
      else {
        const wt = ctx.typeOf(parent, wc);
        if (wt !== undefined && typeFamily(wt) !== "number")
          out.push({
            path: childPath(cp, "column"),
            message: `weights must be numeric; ${g.table}.${wc.name} is ${typeText(wt)}`,
          });
      }
    }
    if (g.where !== "")
      out.push(...expressionViolations(g.where, childPath(path, "where"), names).violations);
  },
  lookup(ctx, { table, column, type, path }, out) {
    const g = column.generator.case === "lookup" ? column.generator.value : undefined;
    if (g === undefined) return;
    const vp = childPath(path, "via");
    const fks = table.columns.filter((c) => c.generator.case === "foreignKey").map((c) => c.name);
    const vias = table.perParent === undefined ? fks : [...fks, "parent"];
    const target = lookupTarget(ctx.tables, table, g.via);
    if (g.via === "")
      out.push({
        path: vp,
        message: `via is required (a foreign-key column${table.perParent ? ' or "parent"' : ""})`,
      });
    else if (g.via === "parent" && table.perParent === undefined)
      out.push({ path: vp, message: 'via "parent" needs this table to have a per_parent' });
    else if (g.via !== "parent" && !fks.includes(g.via)) {
      const exists = table.columns.some((c) => c.name === g.via);
      out.push({
        path: vp,
        message: exists
          ? `column ${quote(g.via)} is not a foreign_key column`
          : unknownName("foreign-key column", g.via, vias),
      });
    } else if (g.via !== "parent") addDep(ctx, column, g.via);
    if (target === undefined) return; // the via or the foreign key's table is already reported
    const tc = target.columns.find((c) => c.name === g.column);
    if (tc === undefined)
      out.push({
        path: childPath(path, "column"),
        message: unknownName(
          "column",
          g.column,
          target.columns.map((c) => c.name),
          `table ${quote(target.name)}`,
        ),
      });
    else
      checkSameFamily(
        ctx,
        type,
        column,
        target,
        tc,
        childPath(path.slice(0, path.lastIndexOf(".")), "type"),
        out,
      );
  },
  aggregate(ctx, { table, column, type, path }, out) {
    const g = column.generator.case === "aggregate" ? column.generator.value : undefined;
    if (g === undefined) return;
    const child = ctx.tables.get(g.table);
    if (child === undefined)
      out.push({ path: childPath(path, "table"), message: unknownName("table", g.table, ctx.tableNames) });
    else if (child.perParent?.table !== table.name)
      out.push({
        path: childPath(path, "table"),
        message: `table ${quote(g.table)} is not a child of ${quote(table.name)} (its per_parent.table must be ${quote(table.name)})`,
      });
    const fp = childPath(path, "function");
    if (!AGGREGATES.includes(g.function))
      out.push({ path: fp, message: unknownName("aggregate function", g.function, AGGREGATES) });
    if (g.expr === "" && g.function !== "count" && AGGREGATES.includes(g.function))
      out.push({
        path: childPath(path, "expr"),
        message: `${g.function} needs an expression over ${quote(g.table)} columns`,
      });
    if (g.expr !== "" && child !== undefined)
      out.push(
        ...expressionViolations(
          g.expr,
          childPath(path, "expr"),
          child.columns.map((c) => c.name),
        ).violations,
      );
    if (
      type !== undefined &&
      column.type !== "" &&
      typeFamily(type) !== "number" &&
      (g.function === "sum" || g.function === "avg" || g.function === "count")
    )
      out.push({
        path: childPath(path.slice(0, path.lastIndexOf(".")), "type"),
        message: `type mismatch: ${g.function} produces a number, but this column is declared ${typeText(type)}`,
      });
  },
};
