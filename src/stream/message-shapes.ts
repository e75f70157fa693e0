/**
 * stream: what a worker remembers of each (plan, table, projection)'s last record-batch message —
 * its header length and body bytes per row — so the next batch's buffer can be laid out before
 * the batch exists (values-placement.ts). A wrong guess costs a copy, never different bytes.
 */
import type { BatchTask } from "./stream-types.js";

/** The layout of a previous message of the same shape. */
export interface MessageShape {
  /** Offset of the body: 8 + the flatbuffer header (padded). */
  readonly bodyStart: number;
  readonly bodyBytesPerRow: number;
}

/** Shapes seen by one worker. */
export interface MessageShapes {
  get(task: BatchTask): MessageShape | undefined;
  set(task: BatchTask, shape: MessageShape): void;
}

/** Entries kept; a worker serves few distinct shapes at once. */
const MAX_SHAPES = 256;

function keyOf(task: BatchTask): string {
  const cols = task.columns === undefined ? "*" : task.columns.join("\u0000");
  return `${task.plan.planHash}\u0001${task.plan.seed}\u0001${task.plan.scale}\u0001${task.table}\u0001${cols}`;
}

/** Creates an empty shape memory. */
export function createMessageShapes(): MessageShapes {
  const shapes = new Map<string, MessageShape>();
  return {
    get: (task) => shapes.get(keyOf(task)),
    set(task, shape) {
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shapes.set(keyOf(task), shape);
    },
  };
}

/**
 * Bytes to reserve for a batch of `rows` rows: the header, the body at the last batch's rate, and
 * slack for variable-width columns (a batch that outgrows it is encoded into a fresh buffer).
 */
export function messageCapacity(shape: MessageShape, rows: number): number {
  const body = Math.ceil(shape.bodyBytesPerRow * rows);
  return shape.bodyStart + body + Math.max(64 * 1024, body >> 5);
}
