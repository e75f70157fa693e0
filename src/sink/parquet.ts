/**
 * sink/parquet: batches → a Parquet file through parquet-wasm's streaming writer
 * (`transformParquetStream`): batches go in one at a time, each finished row group comes out as
 * bytes and goes straight to disk. Memory holds one row group being encoded, whatever the row count.
 */
import { concatBytes, EOS } from "../arrow/ipc.js";
import { openOutputFile, type WrittenFile } from "./output-file.js";
import { type ParquetWasm, parquetProperties } from "./parquet-properties.js";
import type { FormatWriter, SinkBatch, WriterOptions } from "./sink-types.js";

type WasmBatch = ReturnType<ParquetWasm["Table"]["fromIPCStream"]>["recordBatches"] extends () => (infer B)[]
  ? B
  : never;

/** Opens a streaming Parquet writer. `wasm` is the loaded parquet-wasm module. */
export async function createParquetWriter(wasm: ParquetWasm, opts: WriterOptions): Promise<FormatWriter> {
  const file = await openOutputFile(opts.path);
  // A one-slot hand-off: write() parks a batch, the wasm writer pulls it; write() resolves once
  // it has been taken, so at most one batch waits here.
  const queue: (WasmBatch | null)[] = [];
  let wakePull: (() => void) | undefined;
  let wakeWrite: (() => void) | undefined;
  let failed: unknown;
  let rows = 0;
  const source = new ReadableStream<WasmBatch>(
    {
      async pull(ctrl) {
        while (queue.length === 0 && failed === undefined) await new Promise<void>((r) => (wakePull = r));
        if (failed !== undefined) {
          ctrl.error(failed);
          return;
        }
        const item = queue.shift()!;
        wakeWrite?.();
        if (item === null) ctrl.close();
        else ctrl.enqueue(item);
      },
    },
    { highWaterMark: 0 },
  );
  const props = parquetProperties(wasm, opts);
  // Not awaited here: the writer reads the first batch (for the schema) before it resolves.
  const pump = wasm
    .transformParquetStream(source, props)
    .then((out: ReadableStream<Uint8Array>) =>
      out.pipeTo(new WritableStream({ write: (chunk: Uint8Array) => file.write(chunk) })),
    );
  pump.catch((e: unknown) => {
    failed = e ?? new Error("parquet writer failed");
    wakeWrite?.();
  });
  const push = async (item: WasmBatch | null) => {
    if (failed !== undefined) throw failed;
    queue.push(item);
    wakePull?.();
    while (queue.length > 0 && failed === undefined) await new Promise<void>((r) => (wakeWrite = r));
    if (failed !== undefined) throw failed;
  };
  return {
    get rows() {
      return rows;
    },
    async write(batch: SinkBatch) {
      const table = wasm.Table.fromIPCStream(concatBytes([opts.header, batch.bytes, EOS]));
      const rb = table.recordBatch(0);
      table.free();
      if (rb === undefined) return;
      await push(rb);
      rows += batch.rowCount;
    },
    async finish(): Promise<WrittenFile> {
      await push(null);
      await pump;
      const { bytes, sha256 } = await file.commit();
      return { path: opts.relPath, rows, bytes, sha256 };
    },
    async abort() {
      failed ??= new Error("aborted");
      wakePull?.();
      wakeWrite?.();
      // The wasm writer errors out once its source does; never wait on it for long.
      await Promise.race([pump.catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
      await file.discard();
    },
  };
}
