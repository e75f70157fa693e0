/**
 * defects: the compiled (plain-data) defect profile of a bronze table.
 * A defect hits (clean row r, copy c) when u(defectKey, r, c) < rate: a pure function, so the
 * same rows carry the same defects in every shard, and the clean value is always recoverable.
 */
import type { ColumnKey } from "../rng/hash.js";
import { uniform53 } from "../rng/hash.js";
import type { DefectKind } from "./defect-kinds.js";

/** One defect on one column. */
export interface CompiledDefect {
  readonly column: string;
  readonly kind: DefectKind;
  readonly rate: number;
  readonly key: ColumnKey;
}

/** A table's defect profile. */
export interface CompiledDefects {
  readonly defects: readonly CompiledDefect[];
  readonly duplicateRate: number;
  readonly nearDuplicateRate: number;
  /** Decides exact vs near duplicates and which column a near duplicate perturbs. */
  readonly rowKey: ColumnKey;
  /** Columns whose bronze type is plain text. */
  readonly textColumns: readonly string[];
  /** The text column a near duplicate gets a typo in (one of textColumns), if any. */
  readonly nearColumn?: string | undefined;
}

/** The name of the label column every bronze table ends with. */
export const DEFECTS_COLUMN = "_defects";

/** Does `d` hit (clean row, copy)? Copy 0 is the original row. */
export function defectHits(d: CompiledDefect, row: number, copy: number): boolean {
  return uniform53(d.key.k0, d.key.k1, row, copy * 2) < d.rate;
}

/** A second uniform for the same hit, to pick how the value is damaged. */
export function defectDraw(d: CompiledDefect, row: number, copy: number): number {
  return uniform53(d.key.k0, d.key.k1, row, copy * 2 + 1);
}

/** For a duplicate copy (c ≥ 1): is it a near duplicate rather than an exact one? */
export function isNearDuplicate(p: CompiledDefects, row: number, copy: number): boolean {
  const total = p.duplicateRate + p.nearDuplicateRate;
  return total > 0 && uniform53(p.rowKey.k0, p.rowKey.k1, row, copy) < p.nearDuplicateRate / total;
}

/** The uniform that shapes a near duplicate's typo. */
export function nearDuplicateDraw(p: CompiledDefects, row: number, copy: number): number {
  return uniform53(p.rowKey.k0, p.rowKey.k1, row, copy + 0x10000);
}
