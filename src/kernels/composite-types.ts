/**
 * kernels/composite: the shape of one composite-string builder.
 * (batch draws) → one value per row appended to a Utf8Writer; no JS strings, no per-byte checks.
 */
import type { RowDraws } from "./row-draws.js";
import type { Utf8Writer } from "./utf8-writer.js";

/** Builds a batch of one composite kind; value i is a pure function of (key, row i). */
export interface CompositeBuilder {
  /** Typical bytes per value, for the first allocation. */
  readonly bytesPerRow: number;
  /** The most bytes one value can take. */
  readonly maxBytes: number;
  /** Appends the batch's values to `w`, drawing every part from `d` (the column's key). */
  fill(w: Utf8Writer, d: RowDraws): void;
}
