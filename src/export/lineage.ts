/**
 * export/lineage: a CompiledPlan → its lineage graph. Nodes are tables and output or working
 * columns; edges say how a value is derived: a child table from its parent (per_parent), a column
 * from a parent key (foreign_key), a parent's column (lookup), a child's columns (aggregate), or
 * same-row columns (expression, template and other same-table reads). Rendered as JSON or YAML.
 */
import { stringify } from "yaml";
import type { CompiledColumn, CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";

/** A table or column node. */
export interface LineageNode {
  readonly id: string;
  readonly kind: "table" | "column";
  readonly table: string;
  readonly column?: string;
  readonly generator?: string;
  /** Working columns (omit: true) are read by others but not output. */
  readonly omitted?: boolean;
}

/** How `to` is derived from `from`. */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind:
    | "per_parent"
    | "foreign_key"
    | "lookup"
    | "aggregate"
    | "expression"
    | "same_row"
    | "contains";
}

/** The lineage graph. */
export interface LineageGraph {
  readonly plan: string;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
}

/** Node id of a table. */
export const tableNode = (t: string): string => `table:${t}`;
/** Node id of a column. */
export const columnNode = (t: string, c: string): string => `column:${t}.${c}`;

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Child columns an aggregate's expression names (identifiers that are columns of the child). */
function aggregateInputs(child: CompiledTable | undefined, expr: string): string[] {
  if (child === undefined) return [];
  const names = new Set(child.columns.map((c) => c.name));
  return [...new Set(expr.replace(/'(?:[^']|'')*'/g, "").match(IDENT) ?? [])].filter((n) => names.has(n));
}

function columnEdges(plan: CompiledPlan, t: CompiledTable, c: CompiledColumn): LineageEdge[] {
  const to = columnNode(t.name, c.name);
  const p = c.params as Record<string, unknown>;
  const out: LineageEdge[] = [];
  if (c.kind === "foreign_key")
    out.push({ from: columnNode(String(p.table), String(p.column)), to, kind: "foreign_key" });
  else if (c.kind === "lookup") {
    out.push({ from: columnNode(String(p.table), String(p.column)), to, kind: "lookup" });
    if (p.via !== "parent") out.push({ from: columnNode(t.name, String(p.via)), to, kind: "lookup" });
  } else if (c.kind === "aggregate") {
    const child = plan.tables.find((x) => x.name === p.table);
    out.push({ from: tableNode(String(p.table)), to, kind: "aggregate" });
    for (const n of aggregateInputs(child, String(p.expr ?? "")))
      out.push({ from: columnNode(String(p.table), n), to, kind: "aggregate" });
  }
  const same = c.kind === "expression" ? "expression" : "same_row";
  for (const d of c.deps)
    if (d !== "row" && !(c.kind === "lookup" && d === p.via))
      out.push({ from: columnNode(t.name, d), to, kind: same });
  return out;
}

/** Builds the lineage graph of a compiled plan. */
export function buildLineage(plan: CompiledPlan): LineageGraph {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  for (const t of plan.tables) {
    nodes.push({ id: tableNode(t.name), kind: "table", table: t.name });
    if (t.parent !== undefined)
      edges.push({ from: tableNode(t.parent.parentTable), to: tableNode(t.name), kind: "per_parent" });
    for (const c of t.columns) {
      nodes.push({
        id: columnNode(t.name, c.name),
        kind: "column",
        table: t.name,
        column: c.name,
        generator: c.kind,
        ...(c.omit ? { omitted: true } : {}),
      });
      edges.push({ from: tableNode(t.name), to: columnNode(t.name, c.name), kind: "contains" });
      edges.push(...columnEdges(plan, t, c));
    }
  }
  return { plan: plan.name, nodes, edges };
}

/** The graph as JSON or YAML text. */
export function formatLineage(graph: LineageGraph, format: "json" | "yaml"): string {
  return format === "yaml" ? stringify(graph) : `${JSON.stringify(graph, null, 2)}\n`;
}
