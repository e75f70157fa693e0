/**
 * Test helpers: one generated column read back as plain numbers.
 * A one-table plan (YAML column spec) → compile → generateBatch → the Arrow vector's buffers, so the
 * tests exercise the same path as the engine: proto JSON params, compile, kernel, nulls, makeData.
 */
import type { Data } from "apache-arrow";
import { generateBatch } from "../../src/arrow/batch.js";
import type { CompiledPlan } from "../../src/compile/compiled-plan.js";
import { compileText } from "../helpers/plans.js";

/** A compiled one-table plan with the given column specs (YAML flow maps), table "t". */
export function planOf(columns: readonly string[], rows: number, seed = 20260201): CompiledPlan {
  const cols = columns.map((c) => `      - ${c}`).join("\n");
  return compileText(
    `name: stats\nseed: ${seed}\ntables:\n  - name: t\n    rows: ${rows}\n    columns:\n${cols}\n`,
  );
}

/** The column's Data for rows [start, start+count). */
export function columnData(plan: CompiledPlan, column: string, start: number, count: number): Data {
  const batch = generateBatch(plan, "t", start, count, [column]);
  const data = batch.getChild(column)!.data;
  if (data.length !== 1) throw new Error("expected one chunk");
  return data[0]!;
}

/** The values as doubles: ints, int64 (exact below 2^53), dates (days), timestamps (µs), floats. */
export function numbersOf(data: Data): Float64Array {
  const n = data.length;
  const v = data.values as ArrayLike<number> & ArrayBufferView;
  if (v instanceof BigInt64Array) {
    const w = new Int32Array(v.buffer, v.byteOffset + data.offset * 8, n * 2);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (w[2 * i]! >>> 0) + w[2 * i + 1]! * 4294967296;
    return out;
  }
  return Float64Array.from({ length: n }, (_, i) => v[data.offset + i]!);
}

/** Generates `rows` rows of one column spec and returns its numbers (and the Data). */
export function sampleColumn(
  spec: string,
  rows: number,
  seed?: number,
): { values: Float64Array; data: Data } {
  const plan = planOf([spec], rows, seed);
  const name = /name:\s*([A-Za-z_]\w*)/.exec(spec)![1]!;
  const data = columnData(plan, name, 0, rows);
  return { values: numbersOf(data), data };
}
