/**
 * kernels/template: compiles resolved template parts into render ops, once per batch.
 * (parts, key, rows, ctx) → Op[]. Every placeholder that picks one of a fixed set of words (list
 * kinds, product names, dictionary columns) becomes word indices computed column-wise here, so
 * the render loop only copies words. Semantic placeholder j draws with draw index j (lists) or a
 * sub-key of j (multi-draw kinds), so each placeholder is independent.
 */
import { type Data, DataType } from "apache-arrow";
import { type ColumnKey, mix32 } from "../rng/hash.js";
import { compositeData } from "./composite.js";
import { encodedList } from "./composite-lists.js";
import { PRODUCT_KINDS, productIndex, productNames } from "./composite-product.js";
import type { BatchContext, Rows } from "./kernel.js";
import { belowRows } from "./row-draws.js";
import { LIST_KINDS } from "./semantic-data.js";
import { columnValueWriter } from "./template-columns.js";
import type { TemplatePart } from "./template-render.js";
import type { Utf8Writer } from "./utf8-writer.js";
import {
  foldedPool,
  memoPool,
  type PoolMemo,
  packBytes,
  packDictionary,
  packWords,
  suffixedPool,
  type WordPool,
} from "./word-pool.js";

/** Op kinds: a literal, a word per row, or the general writer path. */
export const LIT = 0;
export const WORDS = 1;
export const WRITER = 2;

/**
 * One literal or placeholder of a batch. Every op has the same fields (one hidden class), so the
 * render loop reads them monomorphically; unused fields hold neutral values.
 */
export interface Op {
  readonly kind: number;
  /** The most bytes one write takes (0 for WRITER: the writer reserves for itself). */
  readonly max: number;
  /** LIT: word 0 is the literal; WORDS: row i writes word idx[i] (case already folded). */
  readonly pool: WordPool;
  readonly idx: Int32Array;
  /** WORDS: validity bitmap of a dictionary column with nulls (a null writes nothing). */
  readonly valid: Uint8Array | undefined;
  /** WRITER: writes through Utf8Writer methods (row numbers, composite kinds, other columns). */
  readonly writer: ((w: Utf8Writer, i: number, r: number) => void) | undefined;
  /** WRITER: case filter folded over what was written (0 none, 1 lower, 2 upper). */
  readonly filter: number;
}

const NO_WORDS = packBytes([]);
const NO_INDEX = new Int32Array(0);
const TEMPLATE_LOCALE = "en";
let productPool: WordPool | undefined;

function makeOp(kind: number, fields: Partial<Op>): Op {
  return {
    kind,
    max: fields.max ?? 0,
    pool: fields.pool ?? NO_WORDS,
    idx: fields.idx ?? NO_INDEX,
    valid: fields.valid,
    writer: fields.writer,
    filter: fields.filter ?? 0,
  };
}

function wordsOp(pool: WordPool, idx: Int32Array, valid?: Uint8Array): Op {
  return makeOp(WORDS, { max: pool.maxBytes, pool, idx, valid });
}

/** A key for placeholder j of a column, independent of the column's own draws. */
function subKey(key: ColumnKey, j: number): ColumnKey {
  return {
    k0: mix32(key.k0 ^ Math.imul(j + 1, 0x9e3779b9)),
    k1: mix32(key.k1 + Math.imul(j + 1, 0x85ebca6b)),
  };
}

function semanticOp(kind: string, draw: number, key: ColumnKey, filter: number, rows: Rows): Op {
  const n = rows.count;
  const index = rows.index;
  const idx = new Int32Array(n);
  if (LIST_KINDS.includes(kind)) {
    const pool = foldedPool(encodedList(kind, TEMPLATE_LOCALE), filter);
    belowRows(key, rows, draw, pool.size, idx);
    return wordsOp(pool, idx);
  }
  const { k0, k1 } = subKey(key, draw);
  if (PRODUCT_KINDS.includes(kind)) {
    productPool ??= packWords(productNames(TEMPLATE_LOCALE));
    for (let i = 0; i < n; i++) {
      idx[i] = productIndex(TEMPLATE_LOCALE, k0, k1, index === undefined ? rows.start + i : index[i]!);
    }
    return wordsOp(foldedPool(productPool, filter), idx);
  }
  // Multi-draw kinds are built as a whole column under the sub-key, then copied row by row.
  const data = compositeData(kind, TEMPLATE_LOCALE, { k0, k1 }, rows);
  const offsets = data.valueOffsets;
  const bytes = data.values;
  return makeOp(WRITER, { writer: (w, i) => w.slice(bytes, offsets[i]!, offsets[i + 1]!), filter });
}

/** Packed, folded dictionaries per dictionary Data and filter: dictionaries are stable per plan. */
const dictionaryPools: PoolMemo<Data> = new WeakMap();

function dictionaryPool(dict: Data, filter: number): WordPool {
  return memoPool(dictionaryPools, dict, filter, () =>
    packDictionary(dict.valueOffsets as Int32Array, dict.values as Uint8Array, dict.length, filter),
  );
}

/** A same-row column: dictionary strings copy pooled words, anything else goes through the writer. */
function columnOp(data: Data, pad: number, filter: number): Op {
  const t = data.type;
  const dict = data.dictionary?.data;
  if (
    data.offset === 0 &&
    DataType.isDictionary(t) &&
    DataType.isUtf8(t.dictionary) &&
    dict?.length === 1 &&
    dict[0]!.offset === 0
  ) {
    const valid = data.nullCount > 0 ? data.nullBitmap : undefined;
    return wordsOp(dictionaryPool(dict[0]!, filter), data.values as Int32Array, valid);
  }
  const write = columnValueWriter(data, pad, filter);
  return makeOp(WRITER, { writer: (w, i) => write(w, i) });
}

function compileOp(p: TemplatePart, key: ColumnKey, rows: Rows, ctx: BatchContext): Op {
  switch (p.t) {
    case "lit": {
      const pool = packBytes([Uint8Array.from(p.bytes)]);
      return makeOp(LIT, { max: pool.maxBytes, pool });
    }
    case "row":
      return makeOp(WRITER, { writer: (w, _i, r) => w.digits(r, p.pad), filter: p.filter });
    case "col":
      return columnOp(ctx.column(p.name), p.pad, p.filter);
    case "sem":
      return semanticOp(p.kind, p.draw, key, p.filter, rows);
  }
}

/** The ops of one batch, in template order. */
export function compileOps(
  parts: readonly TemplatePart[],
  key: ColumnKey,
  rows: Rows,
  ctx: BatchContext,
): Op[] {
  return parts.map((p) => compileOp(p, key, rows, ctx));
}

/** True when every op copies pooled words: the render loop then needs no writer at all. */
export function onlyWords(ops: readonly Op[]): boolean {
  return ops.every((op) => op.kind === LIT || (op.kind === WORDS && op.valid === undefined));
}

/**
 * Folds each literal into the word op before it ("{first}.{last}@{domain}": three copies a row,
 * not five). A word op with a validity bitmap keeps its literal: a null must still write it.
 */
export function fuseLiterals(ops: readonly Op[]): Op[] {
  const out: Op[] = [];
  for (const op of ops) {
    const prev = out[out.length - 1];
    if (op.kind === LIT && prev !== undefined && prev.kind === WORDS && prev.valid === undefined) {
      const lit = op.pool.bytes.subarray(op.pool.offsets[0]!, op.pool.offsets[1]!);
      const pool = suffixedPool(prev.pool, lit);
      out[out.length - 1] = wordsOp(pool, prev.idx);
    } else out.push(op);
  }
  return out;
}
