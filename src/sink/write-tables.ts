/**
 * sink/write-tables: a stream of IPC chunks (header, batches, end per table) → files + manifest.
 * The manifest is written first with `complete: false` and rewritten at the end; on any failure
 * or abort the files being written are removed and the manifest stays `complete: false`.
 */
import type { Manifest } from "./manifest.js";
import { writeManifest } from "./manifest.js";
import type { WrittenFile } from "./output-file.js";
import { createTableSink, type TableSink, type TableSinkOptions } from "./table-sink.js";

/** One chunk of a table's IPC stream, whichever transport it came from. */
export interface SinkChunk {
  readonly table: string;
  readonly kind: "header" | "batch" | "end";
  readonly bytes: Uint8Array;
  readonly rowCount: number;
}

/** Hooks for progress reporting. */
export interface WriteHooks {
  onTableStart?(table: string): void;
  onRows?(table: string, rows: number, bytes: number): void;
  onTableEnd?(table: string, files: readonly WrittenFile[]): void;
}

/** What a run writes, besides the chunks themselves. */
export interface WriteTablesOptions {
  readonly dir: string;
  /** Everything in the manifest except files, completion and finish time. */
  readonly manifest: Omit<Manifest, "files" | "complete" | "finishedAt" | "error">;
  /** Per-table sink options, minus the table name. */
  readonly sink: Omit<TableSinkOptions, "table" | "root"> & {
    /** Which tables the partition spec applies to (default: all). */
    readonly partitionFor?: ((table: string) => boolean) | undefined;
  };
  readonly hooks?: WriteHooks | undefined;
  /** Stops the run between chunks (the source is aborted by the same signal). */
  readonly signal?: AbortSignal | undefined;
}

/** Writes every table of `chunks`; returns the files. Throws (after cleaning up) on failure. */
export async function writeTables(
  chunks: AsyncIterable<SinkChunk>,
  opts: WriteTablesOptions,
): Promise<WrittenFile[]> {
  const files: WrittenFile[] = [];
  const save = (complete: boolean, error?: string) =>
    writeManifest(opts.dir, {
      ...opts.manifest,
      files,
      complete,
      finishedAt: complete || error !== undefined ? new Date().toISOString() : null,
      ...(error === undefined ? {} : { error }),
    });
  await save(false);
  let sink: TableSink | undefined;
  let table = "";
  try {
    for await (const c of chunks) {
      opts.signal?.throwIfAborted();
      if (c.kind === "header") {
        table = c.table;
        const { partitionFor, ...sinkOpts } = opts.sink;
        const partition =
          partitionFor === undefined || partitionFor(c.table) ? sinkOpts.partition : undefined;
        sink = createTableSink({ ...sinkOpts, partition, table: c.table, root: opts.dir }, c.bytes);
        opts.hooks?.onTableStart?.(c.table);
      } else if (c.kind === "batch") {
        if (sink === undefined || c.table !== table)
          throw new Error(`batch of "${c.table}" before its header`);
        await sink.write(c.bytes, c.rowCount);
        opts.hooks?.onRows?.(c.table, c.rowCount, c.bytes.byteLength);
      } else if (sink !== undefined) {
        const written = await sink.finish();
        sink = undefined;
        files.push(...written);
        opts.hooks?.onTableEnd?.(c.table, written);
        await save(false);
      }
    }
    opts.signal?.throwIfAborted();
    if (sink !== undefined)
      throw new Error(`the stream of "${table}" ended without its end-of-stream marker`);
  } catch (e) {
    await sink?.abort();
    await save(false, e instanceof Error ? e.message : String(e)).catch(() => undefined);
    throw e;
  }
  await save(true);
  return files;
}
