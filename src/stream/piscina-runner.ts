/**
 * stream: the service's and CLI's BatchRunner — a piscina pool of batch workers.
 * BatchTask → BatchResult on a worker thread; results' bytes are moved, not copied.
 * A failing or dying worker rejects only its own task; piscina replaces the worker.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { BatchResult, BatchRunner, BatchTask } from "./stream-types.js";
import { generateWorkerPath } from "./worker-path.js";

/** Options of the worker pool. */
export interface PiscinaRunnerOptions {
  /** Worker threads; default `os.availableParallelism()`. */
  readonly workers?: number | undefined;
  /** Milliseconds an idle worker above the minimum lives; default piscina's. */
  readonly idleTimeout?: number | undefined;
  /** The compiled worker entry; default dist/workers/generate-worker.js (tests inject others). */
  readonly workerFile?: string | undefined;
}

/**
 * Creates a pool-backed runner. Cancelling a task through its signal removes it from the queue, or,
 * if it already runs, terminates its worker (piscina starts a fresh one): batches are short, and a
 * cancelled stream must stop using CPU.
 */
export function createPiscinaRunner(options: PiscinaRunnerOptions = {}): BatchRunner {
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const pool = new Piscina<BatchTask, BatchResult>({
    filename: options.workerFile ?? generateWorkerPath(),
    minThreads: workers,
    maxThreads: workers,
    ...(options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout }),
  });
  // Our own count: settles the moment a task resolves, rejects or is aborted (piscina's queueSize
  // misses running tasks, and tasks with a signal sit in a separate queue).
  let pending = 0;
  return {
    async run(task, signal) {
      pending++;
      try {
        return await pool.run(task, signal === undefined ? {} : { signal });
      } finally {
        pending--;
      }
    },
    get pending() {
      return pending;
    },
    get busyWorkers() {
      // Workers still starting up are not idle; capping by `pending` keeps an idle pool at 0.
      return Math.min(pending, pool.threads.length - pool.idleThreads);
    },
    get totalWorkers() {
      return pool.threads.length;
    },
    close: () => pool.close(),
  };
}
