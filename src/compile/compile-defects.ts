/**
 * compile: a table's DefectProfile → CompiledDefects plus the duplicate layout.
 * Duplicates are extra copies inserted right after their clean row (1 + Bernoulli(rate) copies
 * per row, numbered like child rows), so dropping the labelled copies gives the clean rows back.
 */

import type { CompiledDefects } from "../defects/compiled-defects.js";
import { type DefectKind, TEXT_DEFECTS } from "../defects/defect-kinds.js";
import type { Table } from "../gen/synthstream/v1/plan_pb.js";
import { deriveKey } from "../rng/keys.js";
import { buildChildCounts, type ChildCounts } from "./child-counts.js";

/** The compiled defects of a table and its duplicate layout, or nothing for a clean table. */
export function compileDefects(
  seed: string,
  t: Table,
  cleanRows: number,
): { defects?: CompiledDefects; duplicates?: ChildCounts } {
  const p = t.defects;
  if (p === undefined) return {};
  const defects = p.defects.map((d, i) => ({
    column: d.column,
    kind: d.kind as DefectKind,
    rate: d.rate,
    key: deriveKey(seed, t.name, d.column, `defect/${i}/${d.kind}`),
  }));
  const textColumns = [...new Set(defects.filter((d) => TEXT_DEFECTS.has(d.kind)).map((d) => d.column))];
  let nearColumn: string | undefined;
  if (p.nearDuplicateRate > 0) {
    nearColumn =
      textColumns[0] ??
      t.columns.find(
        (c) =>
          (c.type === "" || c.type === "string") &&
          (c.generator.case === "semantic" || c.generator.case === "template"),
      )?.name;
    if (nearColumn !== undefined && !textColumns.includes(nearColumn)) textColumns.push(nearColumn);
  }
  const rowKey = deriveKey(seed, t.name, "", "defects/rows");
  const dupRate = p.duplicateRate + p.nearDuplicateRate;
  const compiled: CompiledDefects = {
    defects,
    duplicateRate: p.duplicateRate,
    nearDuplicateRate: p.nearDuplicateRate,
    rowKey,
    textColumns,
    nearColumn,
  };
  if (dupRate <= 0) return { defects: compiled };
  return {
    defects: compiled,
    duplicates: buildChildCounts(
      t.name,
      cleanRows,
      1,
      2,
      deriveKey(seed, t.name, "", "defects/duplicates"),
      dupRate,
    ),
  };
}
