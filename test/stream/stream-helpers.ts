/** Test helpers for the stream runner: a multi-kind plan, stream collection, references, digests. */
import { createHash } from "node:crypto";
import { tableFromIPC } from "apache-arrow";
import { generateBatch } from "../../src/arrow/batch.js";
import { concatBytes, encodeStream } from "../../src/arrow/ipc.js";
import { tableDictionaries } from "../../src/arrow/stream-header.js";
import { type CompiledPlan, tableOf } from "../../src/compile/compiled-plan.js";
import type { StreamChunk } from "../../src/stream/stream-types.js";
import { compileText } from "../helpers/plans.js";

/** Two tables with fixed-width, dictionary, byte-built and nullable columns. */
export const PLAN_TEXT = `
name: stream-test
seed: 777
tables:
  - name: customers
    rows: 5000
    primary_key: id
    columns:
      - { name: id, sequence: {} }
      - { name: code, permutation: { start: 1000 } }
      - { name: uid, uuid: {} }
      - { name: first_name, semantic: { kind: first_name } }
      - { name: city, semantic: { kind: city }, null_rate: 0.1 }
      - { name: zip, semantic: { kind: zip } }
      - { name: tier, categorical: { values: [Bronze, Silver, Gold], weights: [6, 3, 1] } }
      - { name: age, type: int32, number: { normal: { mean: 40, stddev: 12 }, min: 18, max: 99 } }
      - { name: balance, type: "decimal(12,2)", number: { lognormal: { mu: 5, sigma: 1 } } }
      - { name: score, number: { uniform: { min: 0, max: 1 } }, null_rate: 0.2 }
      - { name: active, boolean: { probability: 0.8 } }
  - name: events
    rows: 3000
    primary_key: id
    columns:
      - { name: id, sequence: {} }
      - { name: kind, categorical: { values: [view, click, buy] } }
      - { name: amount, type: float64, number: { uniform: { min: 1, max: 500 } } }
`;

/** The compiled test plan. */
export const plan: CompiledPlan = compileText(PLAN_TEXT);

/** A stream's chunks, and each table's bytes concatenated in order. */
export async function collect(
  stream: AsyncIterable<StreamChunk>,
): Promise<{ chunks: StreamChunk[]; tables: Map<string, Uint8Array> }> {
  const chunks: StreamChunk[] = [];
  for await (const c of stream) chunks.push(c);
  const parts = new Map<string, Uint8Array[]>();
  for (const c of chunks) parts.set(c.table, [...(parts.get(c.table) ?? []), c.bytes]);
  return { chunks, tables: new Map([...parts].map(([t, p]) => [t, concatBytes(p)])) };
}

/** The reference IPC stream built directly: generateBatch over the given boundaries, encodeStream. */
export function reference(
  p: CompiledPlan,
  table: string,
  bounds: readonly number[],
  columns?: string[],
): Uint8Array {
  const batches = bounds.slice(0, -1).map((s, i) => generateBatch(p, table, s, bounds[i + 1]! - s, columns));
  const schema = batches[0]?.schema ?? generateBatch(p, table, 0, 0, columns).schema;
  return encodeStream(schema, tableDictionaries(p, tableOf(p, table), columns), batches);
}

/** Batch boundaries [start, start+size, ..., end]. */
export function boundsOf(start: number, end: number, size: number): number[] {
  const out: number[] = [];
  for (let r = start; r < end; r += size) out.push(r);
  return [...out, end];
}

/** SHA-256 hex of bytes. */
export const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Decoded values, column by column (nulls kept), independent of how rows were batched. */
export function decodedColumns(bytes: Uint8Array): Record<string, unknown[]> {
  const t = tableFromIPC(bytes);
  const out: Record<string, unknown[]> = {};
  for (const f of t.schema.fields) out[f.name] = [...t.getChild(f.name)!].map(plain);
  return out;
}

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (ArrayBuffer.isView(v)) return [...(v as Uint32Array)];
  return v;
}

/** Decoded row count of an IPC stream. */
export const numRows = (bytes: Uint8Array) => tableFromIPC(bytes).numRows;
