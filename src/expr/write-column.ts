/**
 * expr: writes an evaluated vector as Arrow Data of the column's logical type.
 * NumVec → numericData (ints rounded half away from zero, dates → timestamps at midnight);
 * StrVec → Utf8 bytes + offsets. Null rows get a validity bitmap; their values are zeros/empty.
 */
import { type Data, makeData } from "apache-arrow";
import { numericData, packBits } from "../arrow/values.js";
import { Utf8Writer } from "../kernels/utf8-writer.js";
import type { LogicalType } from "../plan/logical-type.js";
import type { ExprType } from "./ast.js";
import { MICROS_PER_DAY } from "./dates.js";
import { num, str, type Validity, type Vec } from "./vector.js";

/** Returns `data` with the validity mask as its null bitmap (unchanged when nothing is null). */
export function withValidity(data: Data, valid: Validity): Data {
  if (valid === undefined) return data;
  let nulls = 0;
  for (let i = 0; i < valid.length; i++) nulls += 1 - valid[i]!;
  if (nulls === 0) return data;
  return makeData({
    type: data.type,
    length: data.length,
    nullCount: nulls,
    nullBitmap: packBits(valid),
    data: data.values,
    valueOffsets: data.valueOffsets,
  } as Parameters<typeof makeData>[0]);
}

function roundHalfAway(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 ? -r : r;
}

/** The vector as Data of `type`; `t` is the expression's result type (checked compatible). */
export function writeColumn(vec: Vec, t: ExprType, type: LogicalType): Data {
  if (type.name === "string" || type.name === "uuid") {
    const s = str(vec);
    const w = new Utf8Writer(s.v.length);
    for (let i = 0; i < s.v.length; i++) {
      if (s.valid === undefined || s.valid[i] === 1) w.text(s.v[i]!);
      w.end();
    }
    return withValidity(w.finish(), s.valid);
  }
  const v = num(vec);
  let values = v.v;
  if (type.name === "int32" || type.name === "int64") values = values.map(roundHalfAway);
  else if (type.name === "timestamp" && t === "date") values = values.map((d) => d * MICROS_PER_DAY);
  return withValidity(numericData(type, values), v.valid);
}
