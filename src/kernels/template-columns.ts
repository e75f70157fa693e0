/**
 * kernels/template: writes another column's value at row i into a template's bytes.
 * (Arrow Data of a dependency) → a per-row writer; Utf8 and Dictionary<Utf8> copy bytes, integers
 * and dates are formatted as digits, other types fall back to their string form. Nulls write nothing.
 */

import { type Data, DataType, makeVector } from "apache-arrow";
import { civilFromDays } from "../expr/dates.js";
import type { Utf8Writer } from "./utf8-writer.js";

/** Writes the value of row i (0-based within the batch). */
export type ValueWriter = (w: Utf8Writer, i: number) => void;

const TWO_32 = 4294967296;

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
function writeIsoDate(w: Utf8Writer, days: number): void {
  const [y, m, d] = civilFromDays(days);
  w.digits(y, 4).byte(45).digits(m, 2).byte(45).digits(d, 2);
}

/** A Dictionary<Utf8> whose dictionary is one chunk: its entries can be pre-encoded per batch. */
function isFlatUtf8Dictionary(data: Data): boolean {
  const t = data.type;
  return DataType.isDictionary(t) && DataType.isUtf8(t.dictionary) && data.dictionary?.data.length === 1;
}

/** A dictionary's entries as byte arrays, case-folded once per batch instead of once per row. */
function dictionaryEntries(dict: Data, filter: number): Uint8Array[] {
  const offsets = dict.valueOffsets as Int32Array;
  const bytes = dict.values as Uint8Array;
  return Array.from({ length: dict.length }, (_, j) => {
    const e = bytes.slice(offsets[j]!, offsets[j + 1]!);
    for (let k = 0; k < e.length; k++) {
      const c = e[k]!;
      if (filter === 1 && c >= 65 && c <= 90) e[k] = c + 32;
      else if (filter === 2 && c >= 97 && c <= 122) e[k] = c - 32;
    }
    return e;
  });
}

function utf8Writer(offsets: Int32Array, bytes: Uint8Array): (w: Utf8Writer, j: number) => void {
  return (w, j) => {
    w.slice(bytes, offsets[j]!, offsets[j + 1]!);
  };
}

function valueWriter(data: Data, pad: number, filter: number): ValueWriter {
  const t = data.type;
  if (data.offset === 0) {
    if (DataType.isUtf8(t)) {
      const copy = utf8Writer(data.valueOffsets as Int32Array, data.values as Uint8Array);
      return copy;
    }
    if (isFlatUtf8Dictionary(data)) {
      const entries = dictionaryEntries(data.dictionary!.data[0]!, filter);
      const idx = data.values as Int32Array;
      return (w, i) => {
        w.bytesOf(entries[idx[i]!]!);
      };
    }
    if (DataType.isInt(t) && t.bitWidth === 64) {
      const v = data.values as BigInt64Array;
      const words = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
      const hiOf = t.isSigned ? (x: number) => x : (x: number) => x >>> 0;
      return (w, i) => {
        w.digits(hiOf(words[2 * i + 1]!) * TWO_32 + (words[2 * i]! >>> 0), pad);
      };
    }
    if (DataType.isInt(t) || DataType.isFloat(t)) {
      const v = data.values as Int32Array | Float64Array | Float32Array;
      return (w, i) => {
        w.digits(v[i]!, pad);
      };
    }
    if (DataType.isDate(t) && t.unit === 0) {
      const v = data.values as Int32Array;
      return (w, i) => writeIsoDate(w, v[i]!);
    }
  }
  // Booleans, decimals, timestamps: rare in templates, so the generic accessor is good enough.
  const vec = makeVector(data);
  return (w, i) => {
    const x: unknown = vec.get(i);
    w.text(x instanceof Date ? x.toISOString() : String(x));
  };
}

/** Applies a case filter (1 lower, 2 upper) to whatever `write` appends. */
function folded(write: ValueWriter, filter: number): ValueWriter {
  return (w, i) => {
    const start = w.position;
    write(w, i);
    w.foldSince(start, filter);
  };
}

/**
 * A writer for `data`'s row i, case-filtered (0 none, 1 lower, 2 upper), that writes nothing where
 * the value is null.
 */
export function columnValueWriter(data: Data, pad: number, filter: number): ValueWriter {
  const raw = valueWriter(data, pad, filter);
  const inner = filter === 0 || (data.offset === 0 && isFlatUtf8Dictionary(data)) ? raw : folded(raw, filter);
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  if (bitmap === undefined) return inner;
  const off = data.offset;
  return (w, i) => {
    const j = i + off;
    if (((bitmap[j >> 3]! >> (j & 7)) & 1) === 1) inner(w, i);
  };
}
