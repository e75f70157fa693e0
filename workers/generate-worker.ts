/**
 * workers: the piscina entry for batch generation — a thin shell over src/stream/run-batch.ts.
 * The result's bytes are transferred (moved), not copied, back to the main thread.
 * Throws plain errors; never imports connect.
 */
import { Piscina } from "piscina";
import { runBatch } from "../src/stream/run-batch.js";
import type { BatchResult, BatchTask } from "../src/stream/stream-types.js";

/** Generates one batch and moves its bytes to the caller. */
export default function generate(task: BatchTask): BatchResult {
  const result = runBatch(task);
  // Piscina only moves a top-level Transferable, so wrap the whole result and list its buffer.
  const movable = { [Piscina.transferableSymbol]: result.bytes.buffer, [Piscina.valueSymbol]: result };
  return Piscina.move(movable as never) as unknown as BatchResult;
}
