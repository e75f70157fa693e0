/**
 * stream: one batch task → one encoded record-batch message (the work a worker thread does).
 * BatchTask (plain data) → BatchResult whose `bytes` are the framed message, alone in their
 * ArrayBuffer (at offset 0; a pooled buffer may be longer), so a worker can transfer it to the
 * main thread without a copy. Pure: same task, same bytes, whatever buffer they are written into.
 */
import { generateBatch } from "../arrow/batch.js";
import { encodeRecordBatch, type MessageAllocator } from "../arrow/ipc.js";
import { createValuesPlacement } from "../arrow/values-placement.js";
import { type MessageShapes, messageCapacity } from "./message-shapes.js";
import type { BatchResult, BatchTask } from "./stream-types.js";

/**
 * Generates and encodes one batch into `alloc`'s bytes; throws plain errors (reported per task).
 * With `shapes` (a worker's memory of earlier messages) the buffer is taken before generating, and
 * kernels that can write their values straight into the message body do.
 */
export function runBatch(task: BatchTask, alloc?: MessageAllocator, shapes?: MessageShapes): BatchResult {
  const t0 = performance.now();
  const shape = alloc === undefined ? undefined : shapes?.get(task);
  const placement =
    shape === undefined
      ? undefined
      : createValuesPlacement(alloc!(messageCapacity(shape, task.rowCount)), shape.bodyStart);
  const batch = generateBatch(task.plan, task.table, task.rowStart, task.rowCount, task.columns, placement);
  const msg = encodeRecordBatch(batch, alloc, placement?.bytes);
  const bodyOffset = msg.body.byteOffset - msg.bytes.byteOffset;
  if (task.rowCount > 0)
    shapes?.set(task, { bodyStart: bodyOffset, bodyBytesPerRow: msg.body.byteLength / task.rowCount });
  const bytes = msg.bytes.byteOffset === 0 ? msg.bytes : msg.bytes.slice(); // guard the transfer
  return {
    bytes,
    headerLength: msg.header.byteLength,
    bodyOffset,
    buildSeconds: (performance.now() - t0) / 1000,
  };
}

/** The Flight view of a result: (flatbuffer header, body) as views into its bytes. */
export function resultMessage(r: BatchResult): { readonly header: Uint8Array; readonly body: Uint8Array } {
  return { header: r.bytes.subarray(8, 8 + r.headerLength), body: r.bytes.subarray(r.bodyOffset) };
}
