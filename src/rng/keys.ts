/**
 * rng: derives per-column keys from the plan seed and names.
 * (seed, table, column[, salt]) → ColumnKey. Keys depend on names only, never on column positions,
 * so projections and reordered plans keep their values.
 */
import seedrandom from "seedrandom";
import type { ColumnKey } from "./hash.js";

/** Derives a column's key; `salt` separates independent streams of one column (e.g. its nulls). */
export function deriveKey(seed: string, table: string, column: string, salt = ""): ColumnKey {
  const rng = seedrandom(`${seed}\u0000${table}\u0000${column}\u0000${salt}`);
  return { k0: rng.int32() >>> 0, k1: rng.int32() >>> 0 };
}
