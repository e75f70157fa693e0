/**
 * arrow: turns computed values into Arrow Data of a column's logical type, without builders.
 * Float64Array of values (ints, days, epoch micros, decimals as plain numbers) → typed buffers →
 * makeData. This is the one place that knows each logical type's physical layout.
 */
import {
  Bool,
  type Data,
  DateDay,
  Decimal,
  Float32,
  Float64,
  Int32,
  Int64,
  makeData,
  TimestampMicrosecond,
  Utf8,
} from "apache-arrow";
import type { LogicalType } from "../plan/logical-type.js";

const TWO_32 = 4294967296;

/** The Arrow type for a non-dictionary logical type. */
export function arrowTypeFor(
  t: LogicalType,
): Int32 | Int64 | Float32 | Float64 | Decimal | Bool | DateDay | TimestampMicrosecond | Utf8 {
  switch (t.name) {
    case "int32":
      return new Int32();
    case "int64":
      return new Int64();
    case "float32":
      return new Float32();
    case "float64":
      return new Float64();
    case "decimal":
      return new Decimal(t.scale, t.precision, 128);
    case "bool":
      return new Bool();
    case "date":
      return new DateDay();
    case "timestamp":
      return new TimestampMicrosecond("UTC");
    case "string":
    case "uuid":
      return new Utf8();
  }
}

/** A typed-array constructor over (buffer, byteOffset, length). */
interface ElementArrayConstructor<T> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * `length` elements for a caller that writes every one: no zero fill. A fresh buffer's first touch
 * costs as much as writing the values, so zeroing first doubles a column's memory traffic.
 */
export function unfilled<T>(ctor: ElementArrayConstructor<T>, length: number): T {
  return new ctor(Buffer.allocUnsafeSlow(length * ctor.BYTES_PER_ELEMENT).buffer, 0, length);
}

/** `length` elements over `bytes` (aligned for the type), e.g. from BatchContext.valuesBuffer. */
export function elementsOf<T>(ctor: ElementArrayConstructor<T>, bytes: Uint8Array, length: number): T {
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, length);
}

/** Writes doubles (exact integers below 2^53) as little-endian int64 words. */
export function int64Words(values: Float64Array): Int32Array {
  const n = values.length;
  const words = unfilled(Int32Array, n * 2);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // `| 0` keeps the low 32 bits (ToInt32 is modulo 2^32) without a heap-number round trip.
    words[2 * i] = v | 0;
    words[2 * i + 1] = v >= -2147483648 && v <= 2147483647 ? (v < 0 ? -1 : 0) : Math.floor(v / TWO_32) | 0;
  }
  return words;
}

/** Writes numbers scaled by 10^scale as little-endian two's-complement 128-bit words. */
function decimalWords(values: Float64Array, scale: number): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(n * 4);
  const mul = 10 ** scale;
  for (let i = 0; i < n; i++) {
    const v = Math.round(values[i]! * mul);
    const lo = v >>> 0;
    const hi = Math.floor(v / TWO_32);
    const sign = v < 0 ? 0xffffffff : 0;
    words[4 * i] = lo;
    words[4 * i + 1] = hi >>> 0;
    words[4 * i + 2] = sign;
    words[4 * i + 3] = sign;
  }
  return words;
}

/** Packs 0/1 bytes into an Arrow bitmap (LSB first). */
export function packBits(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array((bits.length + 7) >> 3);
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/**
 * A fixed-width values buffer already in the column's physical layout → Data: Int32Array for int32
 * and date, little-endian int64 words (Int32Array, two per value) for int64 and timestamp,
 * Float32Array, Float64Array.
 */
export function layoutData(t: LogicalType, data: Int32Array | Float32Array | Float64Array): Data {
  const wide = t.name === "int64" || t.name === "timestamp";
  const type = arrowTypeFor(t) as Int32 | Int64 | Float32 | Float64;
  return makeData({ type, length: wide ? data.length / 2 : data.length, data } as Parameters<
    typeof makeData
  >[0]);
}

/** Numeric-like values → Data of the logical type. Ints must already be integral. */
export function numericData(t: LogicalType, values: Float64Array): Data {
  const length = values.length;
  switch (t.name) {
    case "int32":
    case "date":
      return layoutData(t, Int32Array.from(values));
    case "int64":
    case "timestamp":
      return layoutData(t, int64Words(values));
    case "float32":
      return layoutData(t, Float32Array.from(values));
    case "float64":
      return layoutData(t, values);
    case "decimal":
      return makeData({ type: arrowTypeFor(t) as Decimal, length, data: decimalWords(values, t.scale) });
    case "bool": {
      const bits = new Uint8Array(length);
      for (let i = 0; i < length; i++) bits[i] = values[i] !== 0 ? 1 : 0;
      return makeData({ type: new Bool(), length, data: packBits(bits) });
    }
    default:
      throw new Error(`numericData: ${t.name} is not numeric`);
  }
}
