/**
 * shard: estimated Arrow bytes per row of a table projection, for sizing batches and shards.
 * (plan, table, projection) → bytes/row from each column's logical type and kernel: fixed widths
 * exactly, strings by typical length + 4 offset bytes. An estimate only; never affects values.
 */
import { isDictionaryColumn } from "../arrow/schema.js";
import type { CompiledColumn, CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";

/** Typical UTF-8 lengths of byte-built semantic kinds; dictionary kinds cost only their index. */
const SEMANTIC_LENGTHS: Readonly<Record<string, number>> = {
  email: 24,
  phone: 14,
  street_address: 22,
  zip: 5,
  url: 28,
  ipv4: 13,
  domain: 14,
  full_name: 14,
  product_name: 22,
};
const DEFAULT_STRING = 16;
const FAKER_STRING = 32;
/** Typical length a `{placeholder}` expands to. */
const PLACEHOLDER = 10;
const OFFSET = 4;

function templateLength(template: string): number {
  let n = 0;
  const literal = template.replace(/\{[^}]*\}/g, () => {
    n++;
    return "";
  });
  return literal.length + n * PLACEHOLDER;
}

function stringBytes(col: CompiledColumn): number {
  const p = col.params as Record<string, unknown>;
  switch (col.kind) {
    case "semantic":
      return SEMANTIC_LENGTHS[String(p.kind)] ?? DEFAULT_STRING;
    case "template":
      return typeof p.template === "string" ? templateLength(p.template) : DEFAULT_STRING;
    case "faker":
      return FAKER_STRING;
    default:
      return DEFAULT_STRING;
  }
}

/** Estimated bytes one row of `col` adds to a record batch body. */
export function estimateColumnBytes(col: CompiledColumn): number {
  const validity = col.nullRate > 0 ? 1 / 8 : 0;
  if (isDictionaryColumn(col)) return 4 + validity;
  switch (col.type.name) {
    case "int64":
    case "timestamp":
    case "float64":
      return 8 + validity;
    case "int32":
    case "date":
    case "float32":
      return 4 + validity;
    case "decimal":
      return 16 + validity;
    case "bool":
      return 1 / 8 + validity;
    case "uuid":
      return 36 + OFFSET + validity;
    case "string":
      return stringBytes(col) + OFFSET + validity;
  }
}

/** Estimated Arrow body bytes per row of a table, or of a projection of it (unknown names ignored). */
export function estimateRowBytes(
  _plan: CompiledPlan,
  table: CompiledTable,
  columns?: readonly string[],
): number {
  const cols =
    columns === undefined || columns.length === 0
      ? table.columns
      : table.columns.filter((c) => columns.includes(c.name));
  let total = 0;
  for (const c of cols) total += estimateColumnBytes(c);
  return Math.max(total, 1 / 8);
}
