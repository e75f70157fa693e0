/**
 * defects: the `_defects` label column — for each bronze row, every defect it carries, as
 * "column:kind" items joined by ";" ("_row:duplicate", "_row:near_duplicate" for copies), or null
 * for a clean row. Labels come from the same pure decisions that apply the damage.
 */
import type { Data } from "apache-arrow";
import type { CompiledTable } from "../compile/compiled-plan.js";
import { writeColumn } from "../expr/write-column.js";
import { type Rows, rowAt } from "../kernels/kernel.js";
import { defectHits, isNearDuplicate } from "./compiled-defects.js";

/** Builds the label column; `isValid(column, i)` says whether the clean cell was non-null. */
export function defectLabels(
  table: CompiledTable,
  rows: Rows,
  isValid: (column: string, i: number) => boolean,
): Data {
  const p = table.defects!;
  const near = p.nearColumn;
  const labels = new Array<string>(rows.count);
  const valid = new Uint8Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    const r = rowAt(rows, i);
    const c = rows.copies?.[i] ?? 0;
    const items: string[] = [];
    if (c > 0) {
      const nearDup = isNearDuplicate(p, r, c);
      items.push(nearDup ? "_row:near_duplicate" : "_row:duplicate");
      if (nearDup && near !== undefined && isValid(near, i)) items.push(`${near}:typo`);
    }
    for (const d of p.defects)
      if (defectHits(d, r, c) && isValid(d.column, i)) items.push(`${d.column}:${d.kind}`);
    labels[i] = items.join(";");
    valid[i] = items.length > 0 ? 1 : 0;
  }
  return writeColumn({ kind: "str", v: labels, valid }, "string", { name: "string" });
}
