/**
 * arrow: concatenates record batches of one schema into a single contiguous batch.
 * batches → one RecordBatch whose buffers are the batches' buffers joined (offsets rebased,
 * bitmaps re-packed). Used to compare shardings byte for byte and to form large row groups.
 */
import { type Data, DataType, makeData, RecordBatch, type Schema, Struct } from "apache-arrow";

function concatBitmaps(
  parts: readonly Data[],
  length: number,
): { bitmap: Uint8Array | undefined; nulls: number } {
  const nulls = parts.reduce((n, d) => n + d.nullCount, 0);
  if (nulls === 0) return { bitmap: undefined, nulls: 0 };
  const bitmap = new Uint8Array((length + 7) >> 3);
  let pos = 0;
  for (const d of parts) {
    for (let i = 0; i < d.length; i++, pos++) if (d.getValid(i)) bitmap[pos >> 3]! |= 1 << (pos & 7);
  }
  return { bitmap, nulls };
}

function concatBits(parts: readonly Data[], length: number): Uint8Array {
  const out = new Uint8Array((length + 7) >> 3);
  let pos = 0;
  for (const d of parts) {
    const v = d.values as Uint8Array;
    for (let i = 0; i < d.length; i++, pos++) {
      const j = d.offset + i;
      if ((v[j >> 3]! >> (j & 7)) & 1) out[pos >> 3]! |= 1 << (pos & 7);
    }
  }
  return out;
}

function concatTyped(parts: readonly Data[]): ArrayBufferView {
  const first = parts[0]!.values as Uint8Array;
  const Ctor = first.constructor as new (n: number) => Uint8Array;
  const stride = parts[0]!.stride;
  const out = new Ctor(parts.reduce((n, d) => n + d.length * stride, 0));
  let pos = 0;
  for (const d of parts) {
    const v = (d.values as Uint8Array).subarray(d.offset * stride, (d.offset + d.length) * stride);
    out.set(v, pos);
    pos += v.length;
  }
  return out;
}

function concatUtf8(parts: readonly Data[]): { offsets: Int32Array; bytes: Uint8Array } {
  const length = parts.reduce((n, d) => n + d.length, 0);
  const offsets = new Int32Array(length + 1);
  const chunks: Uint8Array[] = [];
  let row = 0;
  let base = 0;
  for (const d of parts) {
    const o = d.valueOffsets as Int32Array;
    const start = o[d.offset]!;
    for (let i = 1; i <= d.length; i++) offsets[row + i] = base + o[d.offset + i]! - start;
    const end = o[d.offset + d.length]!;
    chunks.push((d.values as Uint8Array).subarray(start, end));
    base += end - start;
    row += d.length;
  }
  const bytes = new Uint8Array(base);
  let pos = 0;
  for (const c of chunks) {
    bytes.set(c, pos);
    pos += c.length;
  }
  return { offsets, bytes };
}

/** Concatenates one column's Data chunks (flat types and dictionaries). */
export function concatData(parts: readonly Data[]): Data {
  const type = parts[0]!.type;
  const length = parts.reduce((n, d) => n + d.length, 0);
  const { bitmap, nulls } = concatBitmaps(parts, length);
  type Props = Parameters<typeof makeData>[0];
  const make = (rest: Record<string, unknown>) =>
    makeData({ type, length, nullCount: nulls, nullBitmap: bitmap, ...rest } as unknown as Props);
  if (DataType.isUtf8(type) || DataType.isBinary(type)) {
    const { offsets, bytes } = concatUtf8(parts);
    return make({ valueOffsets: offsets, data: bytes });
  }
  if (DataType.isBool(type)) return make({ data: concatBits(parts, length) });
  if (DataType.isDictionary(type)) {
    return make({ data: concatTyped(parts), dictionary: parts[0]!.dictionary });
  }
  return make({ data: concatTyped(parts) });
}

/** Joins batches of one schema into one batch. */
export function concatBatches(schema: Schema, batches: readonly RecordBatch[]): RecordBatch {
  const length = batches.reduce((n, b) => n + b.numRows, 0);
  const children = schema.fields.map((_, i) => concatData(batches.map((b) => b.data.children[i]!)));
  return new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }),
  );
}
