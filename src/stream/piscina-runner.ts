/**
 * stream: the service's and CLI's BatchRunner — a piscina pool of batch workers behind one FIFO.
 * BatchTask → BatchResult on a worker thread; results' bytes are moved, not copied.
 * A failing or dying worker rejects only its own task; piscina replaces the worker.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { createSpareBuffers } from "./buffer-recycling.js";
import { createPlanRefs } from "./plan-refs.js";
import type { BatchResult, BatchRunner, BatchTask } from "./stream-types.js";
import { generateWorkerPath } from "./worker-path.js";
import type { WorkerTask } from "./worker-task.js";

/** Recycled buffers sent along with one task (each task brings one buffer back). */
const SPARES_PER_TASK = 1;

/** Options of the worker pool. */
export interface PiscinaRunnerOptions {
  /** Worker threads; default `os.availableParallelism()`. */
  readonly workers?: number | undefined;
  /** Milliseconds an idle worker above the minimum lives; default piscina's. */
  readonly idleTimeout?: number | undefined;
  /** The compiled worker entry; default dist/workers/generate-worker.js (tests inject others). */
  readonly workerFile?: string | undefined;
}

interface Entry {
  readonly task: BatchTask;
  readonly resolve: (r: BatchResult) => void;
  readonly reject: (e: unknown) => void;
  /** Set once the caller has been answered (result, error or abort). */
  settled: boolean;
  detach?: () => void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

/**
 * Creates a pool-backed runner. Tasks wait in our FIFO and go to piscina only when a worker is
 * free. Cancelling a queued task removes it; cancelling a running one answers the caller at once
 * and lets the worker finish and drop the batch (a few ms), instead of piscina's default of
 * terminating the thread, whose replacement takes over a second to load the engine.
 */
export function createPiscinaRunner(options: PiscinaRunnerOptions = {}): BatchRunner {
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const pool = new Piscina<WorkerTask, BatchResult>({
    filename: options.workerFile ?? generateWorkerPath(),
    minThreads: workers,
    maxThreads: workers,
    // Piscina tries require() first; Node ≥ 20.19 then loads our ESM worker through require(esm),
    // which can abort the process if the pool closes mid-load. Make it take its import() path.
    execArgv: [...process.execArgv, "--no-experimental-require-module"],
    // Batch build time is measured in the worker (BatchResult.buildSeconds); piscina's own
    // run/wait histograms would cost a record per task on the main thread for nothing.
    recordTiming: false,
    ...(options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout }),
  });
  const queue: Entry[] = [];
  const planRef = createPlanRefs();
  // Enough spares for every worker's in-flight batch and the transports' write queues.
  const spares = createSpareBuffers(4 * workers);
  let running = 0;
  let attached = 0; // running tasks whose caller still waits
  let closed = false;

  const settle = (e: Entry, answer: () => void) => {
    if (e.settled) return;
    e.settled = true;
    e.detach?.();
    answer();
  };
  const pump = () => {
    while (running < workers && queue.length > 0) {
      const e = queue.shift()!;
      running++;
      attached++;
      const done = (answer: () => void) => {
        running--;
        if (!e.settled) attached--;
        settle(e, answer);
        pump();
      };
      const { plan, ...rest } = e.task;
      const give = spares.take(SPARES_PER_TASK);
      pool.run({ ...rest, plan: planRef(plan), spares: give }, { transferList: give }).then(
        (r) => {
          spares.lease(r.bytes.buffer);
          done(() => e.resolve(r));
        },
        (err: unknown) => done(() => e.reject(err)),
      );
    }
  };

  return {
    run(task, signal) {
      if (closed) return Promise.reject(new Error("the batch runner is closed"));
      if (signal?.aborted === true) return Promise.reject(abortReason(signal));
      return new Promise<BatchResult>((resolve, reject) => {
        const e: Entry = { task, resolve, reject, settled: false };
        if (signal !== undefined) {
          const onAbort = () => {
            const at = queue.indexOf(e);
            if (at >= 0) queue.splice(at, 1);
            else attached--;
            settle(e, () => reject(abortReason(signal)));
          };
          signal.addEventListener("abort", onAbort, { once: true });
          e.detach = () => signal.removeEventListener("abort", onAbort);
        }
        queue.push(e);
        pump();
      });
    },
    get pending() {
      return queue.length + attached;
    },
    get busyWorkers() {
      return running;
    },
    get totalWorkers() {
      return workers;
    },
    recycle(buffer) {
      spares.recycle(buffer);
    },
    async close() {
      closed = true;
      for (const e of queue.splice(0)) settle(e, () => e.reject(new Error("the batch runner was closed")));
      await pool.close();
    },
  };
}
