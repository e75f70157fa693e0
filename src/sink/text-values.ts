/**
 * sink/text-values: one Arrow column of a decoded batch → text per row, for CSV and NDJSON.
 * Reads the typed buffers directly (no per-row `get`): ints and decimals exactly (decimals from
 * their 128-bit words), dates as YYYY-MM-DD, timestamps as ISO 8601 UTC with microseconds.
 */
import { type Data, DataType, type Vector } from "apache-arrow";

/** Row index → the value's text, or null for a null. */
export type CellText = (row: number) => string | null;

/** Decoded dictionaries per column name: fixed per stream, so each is decoded once. */
export type DictionaryCache = Map<string, readonly string[]>;

const utf8 = new TextDecoder();

/** Days since the epoch → YYYY-MM-DD. */
export function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Microseconds since the epoch → YYYY-MM-DDTHH:MM:SS.ffffffZ. */
export function isoMicros(micros: bigint): string {
  const ms = micros >= 0n ? micros / 1000n : -((-micros + 999n) / 1000n);
  const extra = Number(micros - ms * 1000n);
  return `${new Date(Number(ms)).toISOString().slice(0, 23)}${String(extra).padStart(3, "0")}Z`;
}

/** A 128-bit two's-complement integer scaled by 10^-scale → exact decimal text. */
export function decimalText(words: Uint32Array, at: number, scale: number): string {
  let v = 0n;
  for (let w = 3; w >= 0; w--) v = (v << 32n) | BigInt(words[at + w]!);
  if (v >= 1n << 127n) v -= 1n << 128n;
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${body}` : body;
}

function utf8Strings(d: Data): (i: number) => string {
  const offsets = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  return (i) => utf8.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
}

function valuesOf(d: Data): (i: number) => string {
  const t = d.type;
  const v = d.values as unknown as { readonly [i: number]: number | bigint };
  if (DataType.isInt(t) && t.bitWidth === 64) return (i) => String(v[i]);
  if (DataType.isInt(t)) return (i) => String(v[i]);
  if (DataType.isFloat(t) && t.precision === 1) return (i) => String(Number(Number(v[i]).toPrecision(9)));
  if (DataType.isFloat(t)) return (i) => String(v[i]);
  if (DataType.isDecimal(t)) {
    const words = d.values as unknown as Uint32Array;
    return (i) => decimalText(words, i * 4, t.scale);
  }
  if (DataType.isBool(t)) {
    const bits = d.values as Uint8Array;
    return (i) => ((bits[(d.offset + i) >> 3]! >> ((d.offset + i) & 7)) & 1 ? "true" : "false");
  }
  if (DataType.isDate(t)) return (i) => isoDate(Number(v[i]));
  if (DataType.isTimestamp(t)) {
    if (d.values instanceof BigInt64Array) return (i) => isoMicros(BigInt(v[i]!));
    const w = d.values as Int32Array;
    return (i) => isoMicros((BigInt(w[2 * i + 1]!) << 32n) | BigInt(w[2 * i]! >>> 0));
  }
  if (DataType.isUtf8(t)) return utf8Strings(d);
  throw new Error(`cannot write Arrow type ${String(t)} as text`);
}

/** Text per row of one column (a single-chunk vector, as decoded batches are). */
export function columnText(name: string, vector: Vector, dictionaries: DictionaryCache): CellText {
  const d = vector.data[0];
  if (d === undefined) return () => null;
  let text: (i: number) => string;
  if (DataType.isDictionary(d.type)) {
    let words = dictionaries.get(name);
    if (words === undefined) {
      const dict = d.dictionary!.data[0]!;
      const at = utf8Strings(dict);
      words = Array.from({ length: dict.length }, (_, i) => at(i));
      dictionaries.set(name, words);
    }
    const keys = d.values as Int32Array;
    const w = words;
    text = (i) => w[keys[i]!]!;
  } else {
    text = valuesOf(d);
  }
  const bitmap = d.nullCount > 0 ? d.nullBitmap : undefined;
  if (bitmap === undefined || bitmap.length === 0) return text;
  const off = d.offset;
  return (i) => ((bitmap[(off + i) >> 3]! >> ((off + i) & 7)) & 1 ? text(i) : null);
}
