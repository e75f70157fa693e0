/**
 * stream: the message a pool worker receives for one batch, and the worker's handling of it.
 * WorkerTask (plan by reference, spare buffers moved in) → BatchResult whose bytes sit in a
 * pooled buffer, ready to be moved out. Same runBatch as the inline runner: same bytes.
 */
import { createWorkerBufferPool } from "./buffer-recycling.js";
import { createMessageShapes } from "./message-shapes.js";
import { createPlanCache, type PlanRef } from "./plan-refs.js";
import { runBatch } from "./run-batch.js";
import type { BatchResult, BatchTask } from "./stream-types.js";

/** A BatchTask as posted to a worker thread. */
export interface WorkerTask extends Omit<BatchTask, "plan"> {
  readonly plan: PlanRef;
  /** Buffers of earlier batches, handed back for reuse (transferred, not copied). */
  readonly spares: readonly ArrayBuffer[];
}

/** A worker's task handler, with its own plan cache, buffer pool and message shapes. */
export function createWorkerHandler(): (task: WorkerTask) => BatchResult {
  const plans = createPlanCache();
  const buffers = createWorkerBufferPool();
  const shapes = createMessageShapes();
  return (task) => {
    buffers.give(task.spares);
    const { plan, spares: _, ...rest } = task;
    return runBatch({ ...rest, plan: plans(plan) }, buffers.take, shapes);
  };
}
