/**
 * sink/table-sink: one table's stream chunks → its files under DIR/<table>/.
 * header → schema + dictionaries; batches, in row order → the writer of their partition folder
 * (or the one file); end → every file finished and renamed. Open partition writers are capped
 * (least recently used closes first; the folder's next file is part-00001, …) so memory is bounded.
 */
import type { RecordBatch } from "apache-arrow";
import { encodeRecordBatch } from "../arrow/ipc.js";
import { createFormatWriter } from "./create-writer.js";
import { decodeBatch, decodeHeaderSchema } from "./ipc-frames.js";
import type { WrittenFile } from "./output-file.js";
import type { ParquetWasm } from "./parquet-properties.js";
import { type PartitionSpec, partitionProblem, splitByPartition } from "./partition.js";
import {
  type Compression,
  type FileFormat,
  FORMAT_EXTENSION,
  type FormatWriter,
  type SinkBatch,
} from "./sink-types.js";
import { takeRows } from "./take.js";
import type { DictionaryCache } from "./text-values.js";

/** How a table's files are written. */
export interface TableSinkOptions {
  /** The output directory (absolute). */
  readonly root: string;
  readonly table: string;
  readonly format: FileFormat;
  readonly compression: Compression;
  readonly partition?: PartitionSpec | undefined;
  readonly rowGroupRows: number;
  readonly maxOpenPartitions: number;
  readonly wasm?: ParquetWasm | undefined;
}

/** Receives one table's chunks. */
export interface TableSink {
  write(bytes: Uint8Array, rowCount: number): Promise<void>;
  finish(): Promise<WrittenFile[]>;
  abort(): Promise<void>;
}

/** A plain error for a partition spec that does not fit the table (exit code 2 in the CLI). */
export class PartitionSpecError extends Error {}

function sinkBatch(
  header: Uint8Array,
  bytes: Uint8Array,
  rowCount: number,
  decoded?: RecordBatch,
): SinkBatch {
  let rb = decoded;
  return { bytes, rowCount, decoded: () => (rb ??= decodeBatch(header, bytes)) };
}

/** Opens a table sink with the table's stream header. */
export function createTableSink(opts: TableSinkOptions, header: Uint8Array): TableSink {
  const schema = decodeHeaderSchema(header);
  if (opts.partition !== undefined) {
    const problem = partitionProblem(opts.partition, schema, opts.table);
    if (problem !== undefined) throw new PartitionSpecError(problem);
  }
  const ext = FORMAT_EXTENSION[opts.format];
  const open = new Map<string, FormatWriter>(); // insertion order = least recently used first
  const nextPart = new Map<string, number>();
  const done: WrittenFile[] = [];
  const dictionaries: DictionaryCache = new Map();

  const writerFor = async (folder: string): Promise<FormatWriter> => {
    const hit = open.get(folder);
    if (hit !== undefined) {
      open.delete(folder);
      open.set(folder, hit);
      return hit;
    }
    if (open.size >= opts.maxOpenPartitions) {
      const [oldest, w] = open.entries().next().value as [string, FormatWriter];
      open.delete(oldest);
      done.push(await w.finish());
    }
    const part = nextPart.get(folder) ?? 0;
    nextPart.set(folder, part + 1);
    const relPath = [opts.table, folder, `part-${String(part).padStart(5, "0")}.${ext}`]
      .filter((s) => s !== "")
      .join("/");
    const w = await createFormatWriter(
      opts.format,
      {
        path: `${opts.root}/${relPath}`,
        relPath,
        header,
        compression: opts.compression,
        rowGroupRows: opts.rowGroupRows,
      },
      opts.wasm,
    );
    open.set(folder, w);
    return w;
  };

  return {
    async write(bytes, rowCount) {
      if (rowCount === 0) return;
      const spec = opts.partition;
      if (spec === undefined) {
        await (await writerFor("")).write(sinkBatch(header, bytes, rowCount));
        return;
      }
      const rb = decodeBatch(header, bytes);
      const groups = splitByPartition(spec, rb, dictionaries);
      for (const [folder, rows] of groups) {
        const w = await writerFor(folder);
        if (groups.size === 1) await w.write(sinkBatch(header, bytes, rowCount, rb));
        else {
          const sub = takeRows(rb, rows);
          await w.write(sinkBatch(header, encodeRecordBatch(sub).bytes, rows.length, sub));
        }
      }
    },
    async finish() {
      // A table with no rows still gets its (empty) file, so every selected table appears.
      if (open.size === 0 && done.length === 0 && opts.partition === undefined) await writerFor("");
      for (const w of open.values()) done.push(await w.finish());
      open.clear();
      return done.sort((a, b) => (a.path < b.path ? -1 : 1));
    },
    async abort() {
      const all = [...open.values()];
      open.clear();
      await Promise.allSettled(all.map((w) => w.abort()));
    },
  };
}
