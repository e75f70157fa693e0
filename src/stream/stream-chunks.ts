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

/** Encoded headers by (plan, table, projection): the same request shape repeats between streams. */
const HEADER_CACHE_ENTRIES = 64;
const headers = new Map<string, StreamChunk>();

function headerKey(plan: CompiledPlan, job: TableJob): string {
  // Everything the schema and dictionaries depend on; the hash covers the plan's own content.
  const cols = job.columns === undefined ? "*" : job.columns.join("\u0000");
  return [
    plan.planHash,
    plan.engineVersion,
    plan.seed,
    plan.scale,
    plan.name,
    job.table.name,
    job.table.rows,
    cols,
  ].join("\u0001");
}

function encodeHeader(plan: CompiledPlan, job: TableJob): Omit<StreamChunk, "rowStart"> {
  const encoded: EncodedMessage[] = encodeStreamHeader(plan, job.table, job.columns);
  const bytes = concatBytes(encoded.map((m) => m.bytes));
  let pos = 0;
  const messages = encoded.map((m) => {
    const h = pos + (m.header.byteOffset - m.bytes.byteOffset);
    const b = pos + (m.body.byteOffset - m.bytes.byteOffset);
    pos += m.bytes.byteLength;
    return { header: bytes.subarray(h, h + m.header.byteLength), body: bytes.subarray(b, pos) };
  });
  return { table: job.table.name, kind: "header", bytes, messages, rowCount: 0 };
}

/**
 * The schema and dictionary messages opening a table's IPC stream. Encoding the dictionaries
 * costs milliseconds on the way to the first batch, so headers are kept (bytes are shared and
 * never mutated: transports only read them).
 */
export function headerChunk(plan: CompiledPlan, job: TableJob): StreamChunk {
  const key = headerKey(plan, job);
  let chunk = headers.get(key);
  if (chunk === undefined) {
    chunk = { ...encodeHeader(plan, job), rowStart: 0 };
    if (headers.size >= HEADER_CACHE_ENTRIES) headers.delete(headers.keys().next().value!);
    headers.set(key, chunk);
  }
  return { ...chunk, rowStart: job.start };
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
