/**
 * expr: reads an Arrow column an expression depends on into an evaluator vector.
 * Data (ints, floats, Int64 words, Decimal128, Bool bits, DateDay, Timestamp, Utf8,
 * Dictionary<Utf8>) → NumVec of doubles or StrVec of strings, with the validity bitmap as bytes.
 */
import {
  type Data,
  type Date_ as DateType,
  DateUnit,
  type Decimal,
  type Dictionary,
  type Int,
  type Timestamp,
  TimeUnit,
  Type,
} from "apache-arrow";
import type { NumVec, StrVec, Validity, Vec } from "./vector.js";

const TWO_32 = 4294967296;
const decoder = new TextDecoder();

function validity(d: Data): Validity {
  if (d.nullCount === 0 || d.nullBitmap === undefined || d.nullBitmap.length === 0) return undefined;
  const bits = d.nullBitmap;
  const out = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const j = i + d.offset;
    out[i] = (bits[j >> 3]! >> (j & 7)) & 1;
  }
  return out;
}

/** Decodes one UTF-8 value; short ASCII strings skip TextDecoder. */
function utf8At(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 32) {
    let s = "";
    for (let p = start; p < end; p++) {
      const c = bytes[p]!;
      if (c >= 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}

function readUtf8(d: Data, valid: Validity): StrVec {
  const offsets = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  const v = new Array<string>(d.length);
  for (let i = 0; i < d.length; i++)
    v[i] =
      valid === undefined || valid[i] === 1
        ? utf8At(bytes, offsets[d.offset + i]!, offsets[d.offset + i + 1]!)
        : "";
  return { kind: "str", v, valid };
}

function readDictionary(d: Data<Dictionary>, valid: Validity): StrVec {
  const dict = d.dictionary!.data[0]!;
  const indices = d.values as ArrayLike<number | bigint>;
  const words = new Map<number, string>();
  const v = new Array<string>(d.length);
  for (let i = 0; i < d.length; i++) {
    if (valid !== undefined && valid[i] === 0) {
      v[i] = "";
      continue;
    }
    const k = Number(indices[d.offset + i]!);
    let s = words.get(k);
    if (s === undefined) {
      const offsets = dict.valueOffsets as Int32Array;
      s = utf8At(dict.values as Uint8Array, offsets[dict.offset + k]!, offsets[dict.offset + k + 1]!);
      words.set(k, s);
    }
    v[i] = s;
  }
  return { kind: "str", v, valid };
}

/** Int64/Uint64/Timestamp values as doubles (exact below 2^53). */
function readWords(d: Data, signed: boolean, scale: number): Float64Array {
  const buf = d.values as ArrayBufferView;
  const w = new Int32Array(buf.buffer, buf.byteOffset, d.values.length * 2);
  const out = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const j = 2 * (d.offset + i);
    const hi = signed ? w[j + 1]! : w[j + 1]! >>> 0;
    out[i] = (hi * TWO_32 + (w[j]! >>> 0)) * scale;
  }
  return out;
}

function readDecimal(d: Data, scale: number): Float64Array {
  const buf = d.values as ArrayBufferView;
  const w = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength >> 2);
  const out = new Float64Array(d.length);
  const div = 10 ** scale;
  for (let i = 0; i < d.length; i++) {
    const j = 4 * (d.offset + i);
    const top = w[j + 3]! | 0;
    out[i] = (((top * TWO_32 + w[j + 2]!) * TWO_32 + w[j + 1]!) * TWO_32 + w[j]!) / div;
  }
  return out;
}

const MICROS_PER: Record<number, number> = {
  [TimeUnit.SECOND]: 1e6,
  [TimeUnit.MILLISECOND]: 1e3,
  [TimeUnit.MICROSECOND]: 1,
  [TimeUnit.NANOSECOND]: 1e-3,
};

function readNumbers(d: Data): Float64Array {
  const t = d.type;
  switch (t.typeId) {
    case Type.Int:
      return (t as Int).bitWidth === 64
        ? readWords(d, (t as Int).isSigned, 1)
        : Float64Array.from((d.values as Int32Array).subarray(d.offset, d.offset + d.length));
    case Type.Float:
      return Float64Array.from((d.values as Float64Array).subarray(d.offset, d.offset + d.length));
    case Type.Date:
      return (t as DateType).unit === DateUnit.DAY
        ? Float64Array.from((d.values as Int32Array).subarray(d.offset, d.offset + d.length))
        : readWords(d, true, 1 / 86_400_000).map(Math.floor);
    case Type.Timestamp:
      return readWords(d, true, MICROS_PER[(t as Timestamp).unit]!);
    case Type.Decimal:
      return readDecimal(d, (t as Decimal).scale);
    case Type.Bool: {
      const out = new Float64Array(d.length);
      const bits = d.values as Uint8Array;
      for (let i = 0; i < d.length; i++) out[i] = (bits[(d.offset + i) >> 3]! >> ((d.offset + i) & 7)) & 1;
      return out;
    }
    default:
      throw new Error(`expression: cannot read a column of Arrow type ${String(t)}`);
  }
}

/** One dependency column as an evaluator vector. */
export function readColumn(d: Data): Vec {
  const valid = validity(d);
  const id = d.type.typeId;
  if (id === Type.Utf8) return readUtf8(d, valid);
  if (id === Type.Dictionary) return readDictionary(d as Data<Dictionary>, valid);
  return { kind: "num", v: readNumbers(d), valid } satisfies NumVec;
}
