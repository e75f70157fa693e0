/**
 * kernels/composite: the shape of one composite-string builder.
 * (key, row) → bytes written straight into the column buffer; no JS strings, no per-append checks.
 */

/** Writes one value of a composite kind; a pure function of (k0, k1, row). */
export interface CompositeBuilder {
  /** Typical bytes per value, for the first allocation. */
  readonly bytesPerRow: number;
  /** The most bytes one value can take. */
  readonly maxBytes: number;
  /**
   * Writes one value at byte p of `out` and returns its end position. Callers reserve maxBytes
   * plus WORD_OVERRUN (word copies store 16 bytes at a time; see word-pool.ts).
   */
  write(out: DataView, p: number, k0: number, k1: number, row: number): number;
}
