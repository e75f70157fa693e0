/**
 * kernels/template: renders resolved template parts into a Utf8 column, batch by batch.
 * (parts, key, rows, ctx) → Utf8 Data. Semantic placeholder j draws from the row hash with draw
 * index j (lists) or a sub-key of j (multi-draw kinds), so each placeholder is independent.
 */
import type { Data } from "apache-arrow";
import { below, type ColumnKey, mix32 } from "../rng/hash.js";
import { compositeBuilder } from "./composite.js";
import { encodedList } from "./composite-lists.js";
import { PRODUCT_KINDS, productIndex, productNames } from "./composite-product.js";
import type { BatchContext, Rows } from "./kernel.js";
import { LIST_KINDS } from "./semantic-data.js";
import { columnValueWriter } from "./template-columns.js";
import { type Utf8Writer, utf8All, Utf8Writer as Writer } from "./utf8-writer.js";

/** A resolved template part: plain data, so it travels inside the CompiledPlan. */
export type TemplatePart =
  | { readonly t: "lit"; readonly bytes: readonly number[] }
  | { readonly t: "col"; readonly name: string; readonly pad: number; readonly filter: number }
  | { readonly t: "row"; readonly pad: number; readonly filter: number }
  | { readonly t: "sem"; readonly kind: string; readonly draw: number; readonly filter: number };

type Op = (w: Utf8Writer, i: number, r: number) => void;

const TEMPLATE_LOCALE = "en";
let productBytes: Uint8Array[] | undefined;

/** A key for placeholder j of a column, independent of the column's own draws. */
function subKey(key: ColumnKey, j: number): ColumnKey {
  return {
    k0: mix32(key.k0 ^ Math.imul(j + 1, 0x9e3779b9)),
    k1: mix32(key.k1 + Math.imul(j + 1, 0x85ebca6b)),
  };
}

function semanticOp(kind: string, draw: number, key: ColumnKey): Op {
  const { k0, k1 } = key;
  if (LIST_KINDS.includes(kind)) {
    const list = encodedList(kind, TEMPLATE_LOCALE);
    const n = list.length;
    return (w, _i, r) => {
      w.bytesOf(list[below(k0, k1, r, draw, n)]!);
    };
  }
  const sk = subKey(key, draw);
  if (PRODUCT_KINDS.includes(kind)) {
    productBytes ??= utf8All(productNames(TEMPLATE_LOCALE));
    const list = productBytes;
    return (w, _i, r) => {
      w.bytesOf(list[productIndex(TEMPLATE_LOCALE, sk.k0, sk.k1, r)]!);
    };
  }
  const b = compositeBuilder(kind, TEMPLATE_LOCALE);
  return (w, _i, r) => b.write(w, sk.k0, sk.k1, r);
}

function opFor(p: TemplatePart, key: ColumnKey, ctx: BatchContext): Op {
  switch (p.t) {
    case "lit": {
      const bytes = Uint8Array.from(p.bytes);
      return (w) => {
        w.bytesOf(bytes);
      };
    }
    case "row":
      return (w, _i, r) => {
        w.digits(r, p.pad);
      };
    case "col":
      return columnValueWriter(ctx.column(p.name), p.pad, p.filter);
    case "sem":
      return semanticOp(p.kind, p.draw, key);
  }
}

function withFilter(op: Op, filter: number): Op {
  if (filter === 0) return op;
  return (w, i, r) => {
    const start = w.position;
    op(w, i, r);
    w.foldSince(start, filter);
  };
}

/** Renders one batch. */
export function renderTemplate(
  parts: readonly TemplatePart[],
  key: ColumnKey,
  rows: Rows,
  ctx: BatchContext,
): Data {
  // Column parts apply their own filter (dictionaries are folded once per batch).
  const ops = parts.map((p) => withFilter(opFor(p, key, ctx), p.t === "lit" || p.t === "col" ? 0 : p.filter));
  const w = new Writer(rows.count, 8 * parts.length);
  const index = rows.index;
  for (let i = 0; i < rows.count; i++) {
    const r = index === undefined ? rows.start + i : index[i]!;
    for (let j = 0; j < ops.length; j++) ops[j]!(w, i, r);
    w.end();
  }
  return w.finish();
}
