/**
 * sink/ndjson: batches → newline-delimited JSON, one object per row, keys in column order.
 * Numbers stay JSON numbers written from their exact text (int64 and decimals never pass through
 * a double); dates and timestamps are ISO strings; nulls are null. Streamed through the shared
 * line writer.
 */
import { DataType, type Field } from "apache-arrow";
import type { FormatWriter, WriterOptions } from "./sink-types.js";
import { createLineWriter } from "./text-lines.js";

const FINITE = /^-?\d/;

/** How a field's text becomes JSON: as-is (numbers, booleans) or quoted (strings, dates). */
function jsonOf(f: Field): (s: string) => string {
  const t = f.type;
  const bare = DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t) || DataType.isBool(t);
  if (!bare) return (s) => JSON.stringify(s);
  // NaN and ±Infinity have no JSON form.
  return DataType.isFloat(t) ? (s) => (FINITE.test(s) ? s : "null") : (s) => s;
}

/** Opens an NDJSON writer. */
export function createNdjsonWriter(opts: WriterOptions): Promise<FormatWriter> {
  return createLineWriter(opts, {
    rowRenderer: (fields) => {
      const keys = fields.map((f) => `${JSON.stringify(f.name)}:`);
      const json = fields.map(jsonOf);
      return (cells) => `{${cells.map((v, c) => keys[c]! + (v === null ? "null" : json[c]!(v))).join(",")}}`;
    },
  });
}
