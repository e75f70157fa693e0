/**
 * sink/text-lines: the shared shell of line-oriented text formats (CSV, NDJSON) — one line per
 * row, an optional header line, each batch rendered to one string, written, then dropped, so
 * memory stays bounded by one batch whatever the row count.
 */
import type { Field } from "apache-arrow";
import { decodeHeaderSchema } from "./ipc-frames.js";
import { openOutputFile, type WrittenFile } from "./output-file.js";
import type { FormatWriter, SinkBatch, WriterOptions } from "./sink-types.js";
import { type CellText, columnText, type DictionaryCache } from "./text-values.js";

const encoder = new TextEncoder();

/** A line format: an optional header line, and a row's cell texts (null for SQL NULL) → a line. */
export interface LineFormat {
  readonly header?: (fields: readonly Field[]) => string;
  /** Builds the per-row renderer once per file, so it can precompute per-field state. */
  readonly rowRenderer: (fields: readonly Field[]) => (cells: readonly (string | null)[]) => string;
}

/** Opens a writer for a line format; the header line, if any, is written at once. */
export async function createLineWriter(opts: WriterOptions, format: LineFormat): Promise<FormatWriter> {
  const file = await openOutputFile(opts.path);
  const fields = decodeHeaderSchema(opts.header).fields;
  const render = format.rowRenderer(fields);
  const dictionaries: DictionaryCache = new Map();
  let rows = 0;
  if (format.header !== undefined) await file.write(encoder.encode(`${format.header(fields)}\n`));
  return {
    get rows() {
      return rows;
    },
    async write(batch: SinkBatch) {
      const rb = batch.decoded();
      const cells: CellText[] = fields.map((f, i) => columnText(f.name, rb.getChildAt(i)!, dictionaries));
      const lines: string[] = new Array(rb.numRows);
      const values: (string | null)[] = new Array(cells.length);
      for (let r = 0; r < rb.numRows; r++) {
        for (let c = 0; c < cells.length; c++) values[c] = cells[c]!(r);
        lines[r] = render(values);
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
