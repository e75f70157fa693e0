/**
 * stream: the engine runner — a StreamRequest → StreamChunks, table by table, in row order.
 * Submits up to K batch tasks ahead and yields them in order; it submits only when the consumer
 * pulls, so memory stays bounded by K batches. Abort or early return cancels the stream's tasks.
 */

import { jobBatches, resolveRequest, type TableJob } from "./resolve-request.js";
import { batchChunk, endChunk, headerChunk } from "./stream-chunks.js";
import { BatchFailedError } from "./stream-request-error.js";
import type { BatchResult, BatchRunner, StreamChunk, StreamRequest } from "./stream-types.js";

/** Default batches in flight per stream. */
export const DEFAULT_MAX_IN_FLIGHT = 4;

/** What the metrics hook learns about each batch sent. */
export interface BatchInfo {
  readonly table: string;
  readonly rowStart: number;
  readonly rows: number;
  readonly bytes: number;
  readonly buildSeconds: number;
}

/** Tuning and hooks of one stream. */
export interface GenerateStreamOptions {
  /** K: batch tasks submitted ahead of the consumer; default 4. */
  readonly maxInFlight?: number | undefined;
  /** Called for each batch as it is yielded (table, rows, bytes, build time). */
  readonly onBatch?: ((info: BatchInfo) => void) | undefined;
}

interface InFlight {
  readonly job: TableJob;
  readonly rowStart: number;
  readonly rowCount: number;
  readonly result: Promise<BatchResult>;
}

/** Every batch of every job, in stream order; lazy, since a table may have millions of batches. */
function* spans(jobs: readonly TableJob[]): Generator<{ job: TableJob; rowStart: number; rowCount: number }> {
  for (const job of jobs) for (const span of jobBatches(job)) yield { job, ...span };
}

const noop = () => {};

/**
 * Streams a request's tables: per table a header chunk, its batch chunks in row order, an end
 * chunk. Throws StreamRequestError synchronously (before any work) for a bad request.
 *
 * Fairness: the pool's queue is FIFO and each stream keeps at most K tasks in it, so with S
 * streams the queue holds ≤ S·K tasks, interleaved in submission order, and every stream gets
 * about 1/S of the workers whatever its size; a stalled consumer only holds its own K slots.
 */
export function generateStream(
  runner: BatchRunner,
  req: StreamRequest,
  opts: GenerateStreamOptions = {},
): AsyncGenerator<StreamChunk, void, undefined> {
  const jobs = resolveRequest(req);
  const k = opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  if (!Number.isSafeInteger(k) || k < 1)
    throw new RangeError(`maxInFlight must be a positive integer, got ${k}`);
  return run(runner, req, jobs, k, opts.onBatch);
}

async function* run(
  runner: BatchRunner,
  req: StreamRequest,
  jobs: readonly TableJob[],
  k: number,
  onBatch: GenerateStreamOptions["onBatch"],
): AsyncGenerator<StreamChunk, void, undefined> {
  // One controller per stream: aborting it cancels every task this stream has queued or running.
  const ac = new AbortController();
  const onAbort = () => ac.abort(req.signal?.reason);
  req.signal?.addEventListener("abort", onAbort, { once: true });
  if (req.signal?.aborted === true) onAbort();
  const todo = spans(jobs);
  const window: InFlight[] = [];
  const fill = () => {
    while (window.length < k && !ac.signal.aborted) {
      const next = todo.next();
      if (next.done === true) return;
      const { job, rowStart, rowCount } = next.value;
      const result = runner.run(
        { plan: req.plan, table: job.table.name, rowStart, rowCount, columns: job.columns },
        ac.signal,
      );
      result.catch(noop); // rejections of tasks nobody awaits (after an abort) are expected
      window.push({ job, rowStart, rowCount, result });
    }
  };
  try {
    for (const job of jobs) {
      ac.signal.throwIfAborted();
      fill(); // the workers start on the first batches while the header is built and sent
      yield headerChunk(req.plan, job);
      for (const _span of jobBatches(job)) {
        fill();
        const head = window.shift();
        if (head === undefined)
          throw ac.signal.aborted ? ac.signal.reason : new Error("stream window ran dry");
        let result: BatchResult;
        try {
          result = await head.result;
        } catch (err) {
          throw ac.signal.aborted
            ? ac.signal.reason
            : new BatchFailedError(head.job.table.name, head.rowStart, err);
        }
        ac.signal.throwIfAborted();
        fill(); // keep the workers busy while the consumer handles this chunk
        onBatch?.({
          table: head.job.table.name,
          rowStart: head.rowStart,
          rows: head.rowCount,
          bytes: result.bytes.byteLength,
          buildSeconds: result.buildSeconds,
        });
        yield batchChunk(head.job.table.name, head.rowStart, head.rowCount, result);
      }
      yield endChunk(job);
    }
  } finally {
    req.signal?.removeEventListener("abort", onAbort);
    if (window.length > 0 && !ac.signal.aborted)
      ac.abort(new DOMException("the stream was closed", "AbortError"));
  }
}
