/**
 * export: metadata exports of a compiled plan — data dictionary, SQL DDL (PostgreSQL, DuckDB),
 * lineage graph and Mermaid ER diagram. (CompiledPlan, kind, format) → text; deterministic for a
 * plan and scale, and never generates data.
 */

import { stringify } from "yaml";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import { buildDdl } from "./ddl.js";
import { buildDictionary } from "./dictionary.js";
import { buildLineage, formatLineage } from "./lineage.js";
import { buildMermaid } from "./mermaid.js";
import { buildModel } from "./model.js";

export { BRONZE_NOTE, buildDdl, quoteIdent, type SqlDialect, sqlType } from "./ddl.js";
export { buildDictionary, type DataDictionary } from "./dictionary.js";
export { buildLineage, columnNode, formatLineage, type LineageGraph, tableNode } from "./lineage.js";
export { buildMermaid } from "./mermaid.js";
export { buildModel, type PlanModel } from "./model.js";

/** The export kinds, as the CLI names them. */
export const EXPORT_KINDS = ["dictionary", "ddl-postgres", "ddl-duckdb", "lineage", "mermaid"] as const;

/** One export kind. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Renders one export; `format` applies to dictionary and lineage (JSON by default). */
export function renderExport(plan: CompiledPlan, kind: ExportKind, format: "json" | "yaml" = "json"): string {
  switch (kind) {
    case "dictionary": {
      const d = buildDictionary(buildModel(plan));
      return format === "yaml" ? stringify(d) : `${JSON.stringify(d, null, 2)}\n`;
    }
    case "ddl-postgres":
      return buildDdl(buildModel(plan), "postgres");
    case "ddl-duckdb":
      return buildDdl(buildModel(plan), "duckdb");
    case "lineage":
      return formatLineage(buildLineage(plan), format);
    case "mermaid":
      return buildMermaid(buildModel(plan));
  }
}
