/**
 * kernels/template: renders resolved template parts into a Utf8 column, batch by batch.
 * (parts, key, rows, ctx) → Utf8 Data. Ops are compiled once per batch (template-ops.ts); the row
 * loop copies pooled words straight into the column buffer and falls back to Utf8Writer methods
 * only for row numbers and non-dictionary columns.
 */
import type { Data } from "apache-arrow";
import type { ColumnKey } from "../rng/hash.js";
import type { BatchContext, Rows } from "./kernel.js";
import { compileOps, fuseLiterals, LIT, type Op, onlyWords, WORDS } from "./template-ops.js";
import { Utf8Writer } from "./utf8-writer.js";
import { putWord, WORD_OVERRUN } from "./word-pool.js";

/** A resolved template part: plain data, so it travels inside the CompiledPlan. */
export type TemplatePart =
  | { readonly t: "lit"; readonly bytes: readonly number[] }
  | { readonly t: "col"; readonly name: string; readonly pad: number; readonly filter: number }
  | { readonly t: "row"; readonly pad: number; readonly filter: number }
  | { readonly t: "sem"; readonly kind: string; readonly draw: number; readonly filter: number };

/** Writes op's value for batch row i (row number r) at byte p; returns the end position. */
function runOp(op: Op, w: Utf8Writer, out: DataView, p: number, i: number, r: number): number {
  if (op.kind === WORDS) {
    const v = op.valid;
    if (v !== undefined && ((v[i >> 3]! >> (i & 7)) & 1) === 0) return p;
    return putWord(out, p, op.pool, op.idx[i]!);
  }
  if (op.kind === LIT) return putWord(out, p, op.pool, 0);
  w.moveTo(p);
  op.writer!(w, i, r);
  if (op.filter !== 0) w.foldSince(p, op.filter);
  return w.position;
}

/**
 * The common case, a template of words and literals only: each row is a fixed number of pooled
 * word copies (a literal is word 0 of its own pool), with no per-op dispatch.
 */
function renderWords(ops: readonly Op[], n: number): Data {
  const m = ops.length;
  const pools = ops.map((op) => op.pool);
  // Fused templates rarely keep a literal (only a leading one): zero indices only if they do.
  const zeros = ops.some((op) => op.kind === LIT) ? new Int32Array(n) : undefined;
  const idx = ops.map((op) => (op.kind === LIT && zeros !== undefined ? zeros : op.idx));
  let rowMax = 0;
  let mean = 1;
  for (const op of ops) {
    rowMax += op.max;
    mean += op.pool.meanBytes || op.max;
  }
  const w = new Utf8Writer(n, Math.ceil(mean));
  let out = w.room(0, rowMax);
  let limit = w.buffer.length - rowMax - WORD_OVERRUN;
  let p = 0;
  for (let i = 0; i < n; i++) {
    if (p > limit) {
      out = w.room(p, rowMax);
      limit = w.buffer.length - rowMax - WORD_OVERRUN;
    }
    for (let j = 0; j < m; j++) p = putWord(out, p, pools[j]!, idx[j]![i]!);
    w.endAt(p);
  }
  return w.finish();
}

/** Renders one batch. */
export function renderTemplate(
  parts: readonly TemplatePart[],
  key: ColumnKey,
  rows: Rows,
  ctx: BatchContext,
): Data {
  const ops = compileOps(parts, key, rows, ctx);
  if (onlyWords(ops)) return renderWords(fuseLiterals(ops), rows.count);
  let rowMax = 0;
  let mean = 1;
  for (const op of ops) {
    rowMax += op.max;
    mean += op.max === 0 ? 8 : op.pool.meanBytes || op.max;
  }
  const w = new Utf8Writer(rows.count, Math.ceil(mean));
  const index = rows.index;
  const n = rows.count;
  let out = w.room(0, rowMax);
  // Bytes of the buffer a row may start below and still fit its bounded ops; WRITER ops reserve
  // for themselves and may move the buffer, so the view is refreshed after them.
  let limit = w.buffer.length - rowMax - WORD_OVERRUN;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const r = index === undefined ? rows.start + i : index[i]!;
    if (p > limit) {
      out = w.room(p, rowMax);
      limit = w.buffer.length - rowMax - WORD_OVERRUN;
    }
    for (let j = 0; j < ops.length; j++) {
      const op = ops[j]!;
      p = runOp(op, w, out, p, i, r);
      if (op.max === 0) {
        out = w.room(p, rowMax);
        limit = w.buffer.length - rowMax - WORD_OVERRUN;
      }
    }
    w.endAt(p);
  }
  return w.finish();
}
