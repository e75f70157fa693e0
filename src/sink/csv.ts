/**
 * sink/csv: batches → RFC 4180 CSV (header row, CRLF-free `\n` rows, quoted when a value holds a
 * comma, quote or line break; empty strings quoted so they differ from nulls, which are empty).
 * Streamed one batch at a time through the shared line writer.
 */
import type { FormatWriter, WriterOptions } from "./sink-types.js";
import { createLineWriter } from "./text-lines.js";

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a CSV field when RFC 4180 requires it. */
export function csvField(s: string): string {
  if (s === "" || NEEDS_QUOTES.test(s)) return `"${s.replaceAll('"', '""')}"`;
  return s;
}

/** Opens a CSV writer; the header row is written at once. */
export function createCsvWriter(opts: WriterOptions): Promise<FormatWriter> {
  return createLineWriter(opts, {
    header: (fields) => fields.map((f) => csvField(f.name)).join(","),
    rowRenderer: () => (cells) => cells.map((v) => (v === null ? "" : csvField(v))).join(","),
  });
}
