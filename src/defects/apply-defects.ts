/**
 * defects: turns one clean column of a batch into its bronze form.
 * (clean Data, rows with their clean row and copy number) → damaged Data. Text-defect columns
 * become plain strings; other kinds keep the type. Pure: the same rows give the same damage.
 */
import { type Data, makeData, Utf8 } from "apache-arrow";
import type { CompiledColumn, CompiledTable } from "../compile/compiled-plan.js";
import { textOf } from "../expr/fn-text.js";
import { readColumn } from "../expr/read-column.js";
import { exprTypeOf } from "../expr/types.js";
import { num, str } from "../expr/vector.js";
import { writeColumn } from "../expr/write-column.js";
import { type Rows, rowAt } from "../kernels/kernel.js";
import { defectDraw, defectHits, isNearDuplicate, nearDuplicateDraw } from "./compiled-defects.js";
import { driftDate, mutateText } from "./mutate-text.js";

const copyAt = (rows: Rows, i: number) => rows.copies?.[i] ?? 0;

function asText(col: CompiledColumn, data: Data, rows: Rows, table: CompiledTable): Data {
  const p = table.defects!;
  const t = exprTypeOf(col.type);
  const clean = readColumn(data);
  const text = textOf(clean, t);
  const values = [...text.v];
  const valid = text.valid === undefined ? undefined : Uint8Array.from(text.valid);
  for (let i = 0; i < rows.count; i++) {
    if (valid !== undefined && valid[i] === 0) continue;
    const r = rowAt(rows, i);
    const c = copyAt(rows, i);
    for (const d of p.defects) {
      if (d.column !== col.name || !defectHits(d, r, c)) continue;
      const u = defectDraw(d, r, c);
      values[i] =
        d.kind === "date_format"
          ? driftDate(
              t === "timestamp"
                ? Math.floor((clean.v[i] as number) / 86_400_000_000)
                : (clean.v[i] as number),
              u,
            )
          : mutateText(d.kind, values[i]!, u);
    }
    if (c > 0 && p.nearColumn === col.name && isNearDuplicate(p, r, c))
      values[i] = mutateText("typo", values[i]!, nearDuplicateDraw(p, r, c));
  }
  return writeColumn({ kind: "str", v: values, valid }, "string", { name: "string" });
}

function damageValues(col: CompiledColumn, data: Data, rows: Rows, table: CompiledTable): Data {
  const p = table.defects!;
  const mine = p.defects.filter(
    (d) => d.column === col.name && (d.kind === "outlier" || d.kind === "orphan" || d.kind === "null"),
  );
  if (mine.length === 0) return data;
  const t = exprTypeOf(col.type);
  const vec = readColumn(data);
  const valid = vec.valid === undefined ? new Uint8Array(rows.count).fill(1) : Uint8Array.from(vec.valid);
  const isStr = vec.kind === "str";
  const sv = isStr ? [...str(vec).v] : [];
  const nv = isStr ? new Float64Array(0) : Float64Array.from(num(vec).v);
  for (let i = 0; i < rows.count; i++) {
    const r = rowAt(rows, i);
    const c = copyAt(rows, i);
    for (const d of mine) {
      if (valid[i] === 0 || !defectHits(d, r, c)) continue;
      const u = defectDraw(d, r, c);
      if (d.kind === "null") valid[i] = 0;
      else if (d.kind === "outlier")
        nv[i] = (nv[i]! === 0 ? 1 : nv[i]!) * (u < 0.5 ? -1 : 1) * (10 + Math.floor(u * 990));
      else if (isStr) sv[i] = `orphan-${Math.floor(u * 1e9).toString(36)}`;
      else nv[i] = -1 - Math.floor(u * 1e9); // keys are never negative, so these never match a parent
    }
  }
  return writeColumn(isStr ? { kind: "str", v: sv, valid } : { kind: "num", v: nv, valid }, t, col.type);
}

/** The bronze form of one projected column. */
export function applyDefects(col: CompiledColumn, data: Data, rows: Rows, table: CompiledTable): Data {
  const p = table.defects;
  if (p === undefined) return data;
  const damaged = damageValues(col, data, rows, table);
  return p.textColumns.includes(col.name) ? asText(col, damaged, rows, table) : damaged;
}

/** An all-null Utf8 column (for empty label sets). */
export function nullUtf8(length: number): Data {
  return makeData({
    type: new Utf8(),
    length,
    nullCount: length,
    nullBitmap: new Uint8Array((length + 7) >> 3),
    valueOffsets: new Int32Array(length + 1),
    data: new Uint8Array(0),
  });
}
