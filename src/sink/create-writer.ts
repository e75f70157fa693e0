/**
 * sink/create-writer: file format → its writer, opened on one path.
 * The single switch over formats, so the table sink stays format-agnostic.
 */
import { createArrowFileWriter } from "./arrow-file.js";
import { createCsvWriter } from "./csv.js";
import { createNdjsonWriter } from "./ndjson.js";
import { createParquetWriter } from "./parquet.js";
import type { ParquetWasm } from "./parquet-properties.js";
import type { FileFormat, FormatWriter, WriterOptions } from "./sink-types.js";

/** Opens a writer of `format`; Parquet needs the loaded parquet-wasm module. */
export function createFormatWriter(
  format: FileFormat,
  opts: WriterOptions,
  wasm?: ParquetWasm,
): Promise<FormatWriter> {
  switch (format) {
    case "parquet":
      if (wasm === undefined) throw new Error("parquet-wasm is not loaded");
      return createParquetWriter(wasm, opts);
    case "arrow":
      return createArrowFileWriter(opts);
    case "csv":
      return createCsvWriter(opts);
    case "ndjson":
      return createNdjsonWriter(opts);
  }
}
