/**
 * kernels/composite: the shape of one composite-string builder.
 * (key, row) → bytes appended to the current value of a Utf8Writer; no JS strings per row.
 */
import type { Utf8Writer } from "./utf8-writer.js";

/** Writes one value of a composite kind; a pure function of (k0, k1, row). */
export interface CompositeBuilder {
  /** A size hint for the writer's first allocation. */
  readonly bytesPerRow: number;
  write(w: Utf8Writer, k0: number, k1: number, row: number): void;
}
