/**
 * workers: the piscina entry for batch generation — a thin shell over src/stream/worker-task.ts.
 * The result's buffer is transferred (moved), not copied, back to the main thread.
 * Throws plain errors; never imports connect.
 */
import { Piscina } from "piscina";
import type { BatchResult } from "../src/stream/stream-types.js";
import { createWorkerHandler, type WorkerTask } from "../src/stream/worker-task.js";

const handle = createWorkerHandler();

/** Generates one batch and moves its buffer to the caller. */
export default function generate(task: WorkerTask): BatchResult {
  const result = handle(task);
  // Piscina only moves a top-level Transferable, so wrap the whole result and list its buffer.
  const movable = { [Piscina.transferableSymbol]: result.bytes.buffer, [Piscina.valueSymbol]: result };
  return Piscina.move(movable as never) as unknown as BatchResult;
}
