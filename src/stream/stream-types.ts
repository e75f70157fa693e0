/**
 * stream: the contract between the engine runner and its transports (Connect/gRPC, Flight, file
 * sinks). A StreamRequest names what to generate; the runner yields StreamChunks in row order.
 * Every transport consumes this one shape, so they all send the same bytes.
 */
import type { CompiledPlan } from "../compile/compiled-plan.js";

/**
 * A resume point: continue `table` from `rowOffset` (rows already received are skipped).
 * `rowOffset` is an absolute row index of the table (like StreamChunk.rowStart), within the
 * requested range; tables before `table` are skipped, and `table` is re-sent from its header.
 */
export interface ResumeCursor {
  readonly table: string;
  readonly rowOffset: number;
}

/** What one stream generates. */
export interface StreamRequest {
  readonly plan: CompiledPlan;
  /** Tables to generate, any order given; they are streamed in the plan's dependency order. Empty = all. */
  readonly tables?: readonly string[] | undefined;
  /** Column projection per table name; a table not listed gets all its columns. */
  readonly columns?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Row range applied to every selected table: [start, end), clamped to the table's rows. */
  readonly rowStart?: number | undefined;
  readonly rowEnd?: number | undefined;
  /** Rows per record batch; 0/undefined = derived so a batch stays under ~4 MiB. */
  readonly rowsPerBatch?: number | undefined;
  readonly resume?: ResumeCursor | undefined;
  /** Aborts the stream and its pending worker tasks. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * One piece of a stream. For each table: one "header" chunk (schema + dictionary messages), then
 * "batch" chunks in row order, then an "end" chunk carrying the EOS marker. Concatenating a
 * table's `bytes` in order gives a valid Arrow IPC stream.
 */
export interface StreamChunk {
  readonly table: string;
  readonly kind: "header" | "batch" | "end";
  /** Framed IPC message bytes (for "header", schema then dictionaries, concatenated). */
  readonly bytes: Uint8Array;
  /** For Flight: each IPC message as (flatbuffer header, body) views into `bytes`. */
  readonly messages: readonly { readonly header: Uint8Array; readonly body: Uint8Array }[];
  /** First row of this batch, and its row count (0 for header/end). */
  readonly rowStart: number;
  readonly rowCount: number;
}

/** One unit of worker work: a batch of one table. Plain data, posted to a worker thread. */
export interface BatchTask {
  readonly plan: CompiledPlan;
  readonly table: string;
  readonly rowStart: number;
  readonly rowCount: number;
  readonly columns?: readonly string[] | undefined;
}

/** A worker's answer: one framed record-batch message; `headerLength` bytes of flatbuffer at offset 8. */
export interface BatchResult {
  /** The message, at offset 0 of its own ArrayBuffer (which may be longer: buffers are pooled). */
  readonly bytes: Uint8Array;
  readonly headerLength: number;
  readonly bodyOffset: number;
  /** Seconds the worker spent building and encoding, for the batch-build histogram. */
  readonly buildSeconds: number;
}

/** Runs batch tasks: a piscina pool in the service and CLI, or inline in tests. */
export interface BatchRunner {
  run(task: BatchTask, signal?: AbortSignal): Promise<BatchResult>;
  /** Tasks queued or running, for metrics and autoscaling. */
  readonly pending: number;
  readonly busyWorkers: number;
  readonly totalWorkers: number;
  /**
   * Hands back the buffer of a batch's bytes once nothing will read any view of it again (the
   * transport wrote it), so a worker reuses it. Optional; buffers the runner did not lease, or
   * ones never handed back, are ignored (then the GC frees them).
   */
  recycle?(buffer: ArrayBufferLike): void;
  close(): Promise<void>;
}
