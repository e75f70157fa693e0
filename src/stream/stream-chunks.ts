/**
 * stream: builds the StreamChunks of one table — header (schema + dictionaries), batch, end (EOS).
 * Encoded pieces → chunks whose `messages` are (flatbuffer header, body) views into `bytes`, so the
 * Generate transport sends `bytes` and Flight sends `messages`, both without copying.
 */

import { concatBytes, type EncodedMessage, EOS } from "../arrow/ipc.js";
import { encodeStreamHeader } from "../arrow/stream-header.js";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import type { TableJob } from "./resolve-request.js";
import { resultMessage } from "./run-batch.js";
import type { BatchResult, StreamChunk } from "./stream-types.js";

/** The schema and dictionary messages opening a table's IPC stream. */
export function headerChunk(plan: CompiledPlan, job: TableJob): StreamChunk {
  const encoded: EncodedMessage[] = encodeStreamHeader(plan, job.table, job.columns);
  const bytes = concatBytes(encoded.map((m) => m.bytes));
  let pos = 0;
  const messages = encoded.map((m) => {
    const h = pos + (m.header.byteOffset - m.bytes.byteOffset);
    const b = pos + (m.body.byteOffset - m.bytes.byteOffset);
    pos += m.bytes.byteLength;
    return { header: bytes.subarray(h, h + m.header.byteLength), body: bytes.subarray(b, pos) };
  });
  return { table: job.table.name, kind: "header", bytes, messages, rowStart: job.start, rowCount: 0 };
}

/** One record batch. */
export function batchChunk(table: string, rowStart: number, rowCount: number, r: BatchResult): StreamChunk {
  return { table, kind: "batch", bytes: r.bytes, messages: [resultMessage(r)], rowStart, rowCount };
}

/** The end-of-stream marker closing a table (Flight sends nothing for it). */
export function endChunk(job: TableJob): StreamChunk {
  return {
    table: job.table.name,
    kind: "end",
    bytes: EOS.slice(),
    messages: [],
    rowStart: job.end,
    rowCount: 0,
  };
}
