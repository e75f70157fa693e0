/**
 * shard: a table's row range → the ordered record batches a stream sends.
 * (table rows, [start, end), rows per batch) → (rowStart, rowCount) list covering the clamped range
 * exactly once, in row order. Sizing only: values never depend on how rows are batched.
 */

/** Target body size of one batch: under the 4 MiB default gRPC message limit with headroom. */
export const TARGET_BATCH_BYTES = 3.5 * 1024 * 1024;
/** Bounds on derived batch sizes. */
export const MIN_ROWS_PER_BATCH = 1024;
export const MAX_ROWS_PER_BATCH = 131_072;

/** One record batch of a table. */
export interface BatchSpan {
  readonly rowStart: number;
  readonly rowCount: number;
}

/** A half-open row range; missing ends mean the table's start or end. */
export interface RowRange {
  readonly start?: number | undefined;
  readonly end?: number | undefined;
}

/**
 * Rows per batch so a batch body stays near ≤ 3.5 MiB, within [1024, 131072], rounded down to a
 * multiple of 1024 (very wide rows may exceed the target at the 1024-row floor).
 */
export function defaultRowsPerBatch(rowBytes: number): number {
  const fit = Math.floor(TARGET_BATCH_BYTES / Math.max(rowBytes, 1e-9));
  const rounded = Math.floor(fit / MIN_ROWS_PER_BATCH) * MIN_ROWS_PER_BATCH;
  return Math.min(MAX_ROWS_PER_BATCH, Math.max(MIN_ROWS_PER_BATCH, rounded));
}

/** Clamps a range to [0, tableRows]; an inverted range becomes empty. */
export function clampRange(tableRows: number, range: RowRange): { start: number; end: number } {
  const start = Math.min(Math.max(range.start ?? 0, 0), tableRows);
  const end = Math.max(Math.min(range.end ?? tableRows, tableRows), start);
  return { start, end };
}

/** The batches covering `range` of a table of `tableRows` rows, in row order. */
export function planBatches(tableRows: number, range: RowRange, rowsPerBatch: number): BatchSpan[] {
  if (!Number.isInteger(rowsPerBatch) || rowsPerBatch < 1)
    throw new RangeError(`rowsPerBatch must be a positive integer, got ${rowsPerBatch}`);
  const { start, end } = clampRange(tableRows, range);
  const out: BatchSpan[] = [];
  for (let r = start; r < end; r += rowsPerBatch)
    out.push({ rowStart: r, rowCount: Math.min(rowsPerBatch, end - r) });
  return out;
}
