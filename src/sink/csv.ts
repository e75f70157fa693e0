/**
 * sink/csv: batches → RFC 4180 CSV (header row, CRLF-free `\n` rows, quoted when a value holds a
 * comma, quote or line break; empty strings quoted so they differ from nulls, which are empty).
 * Streamed one batch at a time: each batch becomes one string, written, then dropped.
 */

import { decodeHeaderSchema } from "./ipc-frames.js";
import { openOutputFile, type WrittenFile } from "./output-file.js";
import type { FormatWriter, SinkBatch, WriterOptions } from "./sink-types.js";
import { type CellText, columnText, type DictionaryCache } from "./text-values.js";

const NEEDS_QUOTES = /[",\r\n]/;
const encoder = new TextEncoder();

/** Quotes a CSV field when RFC 4180 requires it. */
export function csvField(s: string): string {
  if (s === "" || NEEDS_QUOTES.test(s)) return `"${s.replaceAll('"', '""')}"`;
  return s;
}

/** Opens a CSV writer; the header row is written at once. */
export async function createCsvWriter(opts: WriterOptions): Promise<FormatWriter> {
  const file = await openOutputFile(opts.path);
  const names = decodeHeaderSchema(opts.header).fields.map((f) => f.name);
  const dictionaries: DictionaryCache = new Map();
  let rows = 0;
  await file.write(encoder.encode(`${names.map(csvField).join(",")}\n`));
  return {
    get rows() {
      return rows;
    },
    async write(batch: SinkBatch) {
      const rb = batch.decoded();
      const cells: CellText[] = names.map((n, i) => columnText(n, rb.getChildAt(i)!, dictionaries));
      const lines: string[] = new Array(rb.numRows);
      const row: string[] = new Array(cells.length);
      for (let r = 0; r < rb.numRows; r++) {
        for (let c = 0; c < cells.length; c++) {
          const v = cells[c]!(r);
          row[c] = v === null ? "" : csvField(v);
        }
        lines[r] = row.join(",");
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
