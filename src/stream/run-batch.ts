/**
 * stream: one batch task → one encoded record-batch message (the work a worker thread does).
 * BatchTask (plain data) → BatchResult whose `bytes` own their whole ArrayBuffer, so a worker can
 * transfer them to the main thread without a copy. Pure: same task, same bytes.
 */
import { generateBatch } from "../arrow/batch.js";
import { encodeRecordBatch } from "../arrow/ipc.js";
import type { BatchResult, BatchTask } from "./stream-types.js";

/** Generates and encodes one batch; throws plain errors (the runner reports them per task). */
export function runBatch(task: BatchTask): BatchResult {
  const t0 = performance.now();
  const batch = generateBatch(task.plan, task.table, task.rowStart, task.rowCount, task.columns);
  const msg = encodeRecordBatch(batch);
  // `frame` allocates exactly one buffer per message; guard the transfer assumption anyway.
  const bytes =
    msg.bytes.byteOffset === 0 && msg.bytes.byteLength === msg.bytes.buffer.byteLength
      ? msg.bytes
      : msg.bytes.slice();
  return {
    bytes,
    headerLength: msg.header.byteLength,
    bodyOffset: msg.body.byteOffset - msg.bytes.byteOffset,
    buildSeconds: (performance.now() - t0) / 1000,
  };
}

/** The Flight view of a result: (flatbuffer header, body) as views into its bytes. */
export function resultMessage(r: BatchResult): { readonly header: Uint8Array; readonly body: Uint8Array } {
  return { header: r.bytes.subarray(8, 8 + r.headerLength), body: r.bytes.subarray(r.bodyOffset) };
}
