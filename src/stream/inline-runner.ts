/**
 * stream: a BatchRunner on the main thread, for tests and tiny requests.
 * Same runBatch as the workers, so it yields the same bytes; each task runs on a later macrotask
 * so a signal can still cancel it while queued, like in the pool.
 */
import { runBatch } from "./run-batch.js";
import type { BatchRunner } from "./stream-types.js";

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

/** Creates a runner that generates batches inline, one per macrotask. */
export function createInlineRunner(): BatchRunner {
  let pending = 0;
  let busy = 0;
  return {
    async run(task, signal) {
      pending++;
      try {
        await new Promise<void>((res) => setImmediate(res));
        if (signal?.aborted === true) throw abortError(signal);
        busy = 1;
        try {
          return runBatch(task);
        } finally {
          busy = 0;
        }
      } finally {
        pending--;
      }
    },
    get pending() {
      return pending;
    },
    get busyWorkers() {
      return busy;
    },
    totalWorkers: 1,
    close: async () => {},
  };
}
