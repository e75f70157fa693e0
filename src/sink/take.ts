/**
 * sink/take: a decoded record batch + row indices → a new batch of just those rows, in order.
 * Partitioned writes split each batch by partition value with it. Copies typed buffers directly
 * (fixed-width values, bitmaps, UTF-8 offsets + bytes; dictionary columns keep their dictionary).
 */
import { type Data, DataType, makeData, RecordBatch, Struct } from "apache-arrow";

function bit(bits: Uint8Array, i: number): number {
  return (bits[i >> 3]! >> (i & 7)) & 1;
}

function takeBits(bits: Uint8Array, offset: number, rows: Int32Array): { out: Uint8Array; ones: number } {
  const out = new Uint8Array((rows.length + 7) >> 3);
  let ones = 0;
  for (let i = 0; i < rows.length; i++) {
    if (bit(bits, offset + rows[i]!) === 1) {
      out[i >> 3]! |= 1 << (i & 7);
      ones++;
    }
  }
  return { out, ones };
}

type Typed = Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | Uint8Array;

function takeFixed(values: Typed, stride: number, rows: Int32Array): Typed {
  const Ctor = values.constructor as new (n: number) => Typed;
  const out = new Ctor(rows.length * stride);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]! * stride;
    for (let s = 0; s < stride; s++) out[i * stride + s] = values[from + s]!;
  }
  return out;
}

function takeUtf8(d: Data, rows: Int32Array): { valueOffsets: Int32Array; data: Uint8Array } {
  const offsets = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  const valueOffsets = new Int32Array(rows.length + 1);
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    total += offsets[rows[i]! + 1]! - offsets[rows[i]!]!;
    valueOffsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < rows.length; i++) {
    data.set(bytes.subarray(offsets[rows[i]!]!, offsets[rows[i]! + 1]!), valueOffsets[i]!);
  }
  return { valueOffsets, data };
}

/** The rows of one column's Data at `rows`. Decoded IPC data starts at offset 0. */
export function takeData(d: Data, rows: Int32Array): Data {
  const length = rows.length;
  let nullBitmap: Uint8Array | undefined;
  let nullCount = 0;
  if (d.nullCount > 0 && d.nullBitmap !== undefined && d.nullBitmap.length > 0) {
    const { out, ones } = takeBits(d.nullBitmap, d.offset, rows);
    nullBitmap = out;
    nullCount = length - ones;
  }
  const base = { type: d.type, length, nullCount, ...(nullBitmap === undefined ? {} : { nullBitmap }) };
  const t = d.type;
  if (DataType.isUtf8(t)) return makeData({ ...base, type: t, ...takeUtf8(d, rows) });
  if (DataType.isBool(t)) return makeData({ ...base, type: t, data: takeBits(d.values, d.offset, rows).out });
  const values = d.values as Typed;
  const stride = d.length === 0 ? 1 : values.length / d.length;
  const data = takeFixed(values, stride, rows);
  if (DataType.isDictionary(t))
    return makeData({ ...base, type: t, data: data as Int32Array, dictionary: d.dictionary! });
  // biome-ignore lint/suspicious/noExplicitAny: the fixed-width union is checked by the stride copy above.
  return makeData({ ...base, data } as any);
}

/** A new record batch holding `rows` of `batch`, same schema. */
export function takeRows(batch: RecordBatch, rows: Int32Array): RecordBatch {
  const children = batch.schema.fields.map((_, i) => takeData(batch.getChildAt(i)!.data[0]!, rows));
  const data = makeData({
    type: new Struct(batch.schema.fields),
    length: rows.length,
    nullCount: 0,
    children,
  });
  return new RecordBatch(batch.schema, data);
}
