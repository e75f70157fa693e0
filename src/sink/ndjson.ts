/**
 * sink/ndjson: batches → newline-delimited JSON, one object per row, keys in column order.
 * Numbers stay JSON numbers written from their exact text (int64 and decimals never pass through
 * a double); dates and timestamps are ISO strings; nulls are null. Streamed batch by batch.
 */
import { DataType, type Field } from "apache-arrow";
import { decodeHeaderSchema } from "./ipc-frames.js";
import { openOutputFile, type WrittenFile } from "./output-file.js";
import type { FormatWriter, SinkBatch, WriterOptions } from "./sink-types.js";
import { type CellText, columnText, type DictionaryCache } from "./text-values.js";

const encoder = new TextEncoder();
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
export async function createNdjsonWriter(opts: WriterOptions): Promise<FormatWriter> {
  const file = await openOutputFile(opts.path);
  const fields = decodeHeaderSchema(opts.header).fields;
  const keys = fields.map((f) => `${JSON.stringify(f.name)}:`);
  const json = fields.map(jsonOf);
  const dictionaries: DictionaryCache = new Map();
  let rows = 0;
  return {
    get rows() {
      return rows;
    },
    async write(batch: SinkBatch) {
      const rb = batch.decoded();
      const cells: CellText[] = fields.map((f, i) => columnText(f.name, rb.getChildAt(i)!, dictionaries));
      const lines: string[] = new Array(rb.numRows);
      const parts: string[] = new Array(cells.length);
      for (let r = 0; r < rb.numRows; r++) {
        for (let c = 0; c < cells.length; c++) {
          const v = cells[c]!(r);
          parts[c] = keys[c]! + (v === null ? "null" : json[c]!(v));
        }
        lines[r] = `{${parts.join(",")}}`;
      }
      if (lines.length > 0) await file.write(encoder.encode(`${lines.join("\n")}\n`));
      rows += rb.numRows;
    },
    async finish(): Promise<WrittenFile> {
      const { bytes, sha256 } = await file.commit();
      return { path: opts.relPath, rows, bytes, sha256 };
    },
    abort: () => file.discard(),
  };
}
