/**
 * sink: the shapes shared by the file writers.
 * A writer receives one table's batches in row order (framed IPC bytes plus a lazy decode) and
 * turns them into one file; it never holds more than the batch it is given plus its own buffers.
 */
import type { RecordBatch } from "apache-arrow";
import type { WrittenFile } from "./output-file.js";

/** File formats the CLI writes. */
export type FileFormat = "parquet" | "arrow" | "csv" | "ndjson";

/** Parquet compression codecs (other formats ignore it). */
export type Compression = "zstd" | "snappy" | "lz4" | "none";

/** File name extension per format. */
export const FORMAT_EXTENSION: Readonly<Record<FileFormat, string>> = {
  parquet: "parquet",
  arrow: "arrow",
  csv: "csv",
  ndjson: "ndjson",
};

/** One record batch on its way to a file. */
export interface SinkBatch {
  /** The framed IPC record-batch message (no schema, no dictionaries). */
  readonly bytes: Uint8Array;
  readonly rowCount: number;
  /** The batch decoded with its table's dictionaries; computed once, on first call. */
  decoded(): RecordBatch;
}

/** Writes one file of one table. */
export interface FormatWriter {
  write(batch: SinkBatch): Promise<void>;
  /** Completes the file and renames it into place. */
  finish(): Promise<WrittenFile>;
  /** Removes the partial file. */
  abort(): Promise<void>;
  readonly rows: number;
}

/** What every writer is opened with. */
export interface WriterOptions {
  /** Absolute path of the final file. */
  readonly path: string;
  /** Path relative to the output directory, as the manifest records it. */
  readonly relPath: string;
  /** The table's stream header: schema message then dictionary messages, framed. */
  readonly header: Uint8Array;
  readonly compression: Compression;
  /** Parquet: rows per row group. */
  readonly rowGroupRows: number;
}
