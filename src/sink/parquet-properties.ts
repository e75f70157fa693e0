/**
 * sink/parquet-properties: (compression, schema) → parquet-wasm WriterProperties.
 * Parquet dictionary encoding is switched on only for Arrow dictionary columns: hashing every
 * value of high-cardinality columns in wasm costs 3–5× the write time and rarely pays.
 */
import { Dictionary } from "apache-arrow";
import { decodeHeaderSchema } from "./ipc-frames.js";
import type { Compression, WriterOptions } from "./sink-types.js";

/** The parquet-wasm module (its node build), loaded once per process by the caller. */
export type ParquetWasm = typeof import("parquet-wasm");

/** Loads parquet-wasm (the node build initializes its wasm synchronously on import). */
export async function loadParquetWasm(): Promise<ParquetWasm> {
  return import("parquet-wasm");
}

function codec(wasm: ParquetWasm, c: Compression) {
  switch (c) {
    case "zstd":
      return wasm.Compression.ZSTD;
    case "snappy":
      return wasm.Compression.SNAPPY;
    case "lz4":
      return wasm.Compression.LZ4_RAW;
    case "none":
      return wasm.Compression.UNCOMPRESSED;
  }
}

/** Writer properties for one file. */
export function parquetProperties(wasm: ParquetWasm, opts: WriterOptions) {
  const fields = decodeHeaderSchema(opts.header).fields;
  let b = new wasm.WriterPropertiesBuilder()
    .setCompression(codec(wasm, opts.compression))
    .setMaxRowGroupSize(opts.rowGroupRows)
    .setDictionaryEnabled(false)
    .setCreatedBy("synthstream");
  for (const f of fields) if (f.type instanceof Dictionary) b = b.setColumnDictionaryEnabled(f.name, true);
  return b.build();
}
