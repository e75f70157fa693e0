/**
 * sink/partition: a partition spec + a decoded batch → Hive-style folder per row group.
 * `col` gives `col=<value>`; `date:col` gives `year=YYYY/month=MM/day=DD` (layout ymd) or
 * `date=YYYY-MM-DD` (layout date). Values are escaped as Hive does; nulls go to Hive's default.
 */
import { DataType, type RecordBatch, type Schema } from "apache-arrow";
import { columnText, type DictionaryCache } from "./text-values.js";

/** How rows are split into folders. */
export interface PartitionSpec {
  readonly column: string;
  /** Split a date/timestamp column by calendar day. */
  readonly byDate: boolean;
  readonly dateLayout: "ymd" | "date";
}

/** Hive's folder for null partition values. */
export const HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

/** Parses `COLUMN` or `date:COLUMN`. */
export function parsePartitionSpec(text: string, dateLayout: "ymd" | "date"): PartitionSpec {
  if (text.startsWith("date:")) return { column: text.slice(5), byDate: true, dateLayout };
  return { column: text, byDate: false, dateLayout };
}

/** Why a spec does not fit a table's schema, or undefined when it does. */
export function partitionProblem(spec: PartitionSpec, schema: Schema, table: string): string | undefined {
  const f = schema.fields.find((x) => x.name === spec.column);
  if (f === undefined) {
    const names = schema.fields.map((x) => x.name).join(", ");
    return `--partition-by: table "${table}" has no column "${spec.column}" (columns: ${names})`;
  }
  if (spec.byDate && !DataType.isDate(f.type) && !DataType.isTimestamp(f.type)) {
    return `--partition-by date:${spec.column}: column "${spec.column}" of "${table}" is ${String(f.type)}, not a date or timestamp`;
  }
  return undefined;
}

const HIVE_UNSAFE = `"#%'*/:=?\\{}[]^`;

/** Escapes a partition value the way Hive does (percent-encodes path-unsafe characters). */
export function escapeHiveValue(s: string): string {
  if (s === "") return HIVE_NULL;
  let out = "";
  for (const c of s) {
    const code = c.charCodeAt(0);
    out +=
      code < 0x20 || code === 0x7f || HIVE_UNSAFE.includes(c)
        ? `%${code.toString(16).toUpperCase().padStart(2, "0")}`
        : c;
  }
  return out;
}

function folderOf(spec: PartitionSpec, value: string | null): string {
  if (value === null)
    return spec.byDate && spec.dateLayout === "ymd"
      ? `year=${HIVE_NULL}`
      : `${spec.byDate ? "date" : spec.column}=${HIVE_NULL}`;
  if (!spec.byDate) return `${spec.column}=${escapeHiveValue(value)}`;
  const day = value.slice(0, 10);
  if (spec.dateLayout === "date") return `date=${day}`;
  return `year=${day.slice(0, 4)}/month=${day.slice(5, 7)}/day=${day.slice(8, 10)}`;
}

/** Groups a batch's rows by partition folder, rows in order within each group. */
export function splitByPartition(
  spec: PartitionSpec,
  batch: RecordBatch,
  dictionaries: DictionaryCache,
): Map<string, Int32Array> {
  const idx = batch.schema.fields.findIndex((f) => f.name === spec.column);
  const text = columnText(spec.column, batch.getChildAt(idx)!, dictionaries);
  const byValue = new Map<string | null, number[]>();
  for (let r = 0; r < batch.numRows; r++) {
    const v = text(r);
    const key = spec.byDate && v !== null ? v.slice(0, 10) : v;
    let rows = byValue.get(key);
    if (rows === undefined) {
      rows = [];
      byValue.set(key, rows);
    }
    rows.push(r);
  }
  const out = new Map<string, Int32Array>();
  for (const [value, rows] of byValue) out.set(folderOf(spec, value), Int32Array.from(rows));
  return out;
}
