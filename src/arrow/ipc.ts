/**
 * arrow: the one place that encodes Arrow IPC, one function per wire shape.
 * - Generate: framed stream messages (schema, dictionaries, record batches, EOS) that concatenate
 *   into a valid Arrow IPC stream.
 * - Flight: the same record batch as (data_header = flatbuffer Message, data_body = body).
 * Record batches are encoded alone, so workers can encode them without the schema.
 */
import { Data, Message, type RecordBatch, type Schema, Vector } from "apache-arrow";
import * as metadata from "apache-arrow/ipc/metadata/message";
import { VectorAssembler } from "apache-arrow/visitor/vectorassembler";

/** One IPC message: `bytes` is the framed stream form; `header` and `body` are views into it. */
export interface EncodedMessage {
  readonly bytes: Uint8Array;
  /** The flatbuffer Message (Flight's data_header). */
  readonly header: Uint8Array;
  /** The message body (Flight's data_body). */
  readonly body: Uint8Array;
}

/** End-of-stream marker: continuation token and a zero length. */
export const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

const align8 = (n: number) => (n + 7) & ~7;

/**
 * Bytes for one message: a Uint8Array of exactly `byteLength` bytes, whose contents may be stale
 * (a recycled buffer). The default allocates a fresh, zeroed buffer.
 */
export type MessageAllocator = (byteLength: number) => Uint8Array;

const freshBytes: MessageAllocator = (n) => new Uint8Array(n);

/**
 * Frames a metadata message and its body buffers: 0xFFFFFFFF, length, flatbuffer, pad, body.
 * Every padding byte is written as zero, so a recycled buffer gives the same bytes as a fresh one.
 * `inPlace` names a buffer some of whose body buffers may already sit at their final offsets in
 * it (values-placement.ts): those are not copied, and if any sits elsewhere in it, or the layout
 * does not fit, every buffer living there is copied out first, so nothing is overwritten unread.
 */
function frame(
  message: Message,
  buffers: readonly ArrayBufferView[],
  bodyLength: number,
  alloc: MessageAllocator = freshBytes,
  inPlace?: Uint8Array,
): EncodedMessage {
  const fb = Message.encode(message);
  const metaLen = align8(fb.byteLength + 8) - 8;
  const total = 8 + metaLen + bodyLength;
  let bytes: Uint8Array;
  let parts = buffers;
  if (inPlace === undefined) bytes = alloc(total);
  else {
    bytes = inPlace.byteLength >= total ? inPlace.subarray(0, total) : alloc(total);
    if (!allInPlace(buffers, bytes, 8 + metaLen))
      parts = buffers.map((b) => (b.buffer === bytes.buffer ? copyView(b) : b));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setInt32(0, -1, true);
  view.setInt32(4, metaLen, true);
  bytes.set(fb, 8);
  bytes.fill(0, 8 + fb.byteLength, 8 + metaLen);
  let pos = 8 + metaLen;
  for (const b of parts) {
    if (b.buffer !== bytes.buffer || b.byteOffset !== bytes.byteOffset + pos)
      bytes.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), pos);
    const next = Math.min(pos + align8(b.byteLength), total);
    bytes.fill(0, pos + b.byteLength, next);
    pos = next;
  }
  bytes.fill(0, pos, total);
  return { bytes, header: bytes.subarray(8, 8 + fb.byteLength), body: bytes.subarray(8 + metaLen) };
}

/** True when every buffer living in `out`'s memory sits exactly at its body offset in `out`. */
function allInPlace(buffers: readonly ArrayBufferView[], out: Uint8Array, bodyStart: number): boolean {
  let pos = bodyStart;
  for (const b of buffers) {
    if (b.buffer === out.buffer && b.byteLength > 0 && b.byteOffset !== out.byteOffset + pos) return false;
    pos += align8(b.byteLength);
  }
  return true;
}

function copyView(b: ArrayBufferView): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice();
}

/** The schema message. */
export function encodeSchema(schema: Schema): EncodedMessage {
  return frame(Message.from(schema), [], 0);
}

function encodeBody(length: number, data: Vector | RecordBatch) {
  const { byteLength, nodes, bufferRegions, buffers, variadicBufferCounts } = VectorAssembler.assemble(data);
  return {
    byteLength,
    buffers,
    batch: new metadata.RecordBatch(length, nodes, bufferRegions, null, variadicBufferCounts),
  };
}

/** One dictionary batch message (never a delta: dictionaries are fixed per stream). */
export function encodeDictionary(id: number, dictionary: Vector | Data): EncodedMessage {
  const vector = dictionary instanceof Data ? new Vector([dictionary]) : dictionary;
  const { byteLength, buffers, batch } = encodeBody(vector.length, vector);
  const message = Message.from(new metadata.DictionaryBatch(batch, id, false), byteLength);
  return frame(message, buffers, byteLength);
}

/**
 * One record batch message, without its dictionaries; `alloc` supplies its bytes (workers pass
 * recycled buffers, so a batch costs no fresh allocation on either thread). With `inPlace` (the
 * buffer a ValuesPlacement put column values into) the message is written there when it fits.
 */
export function encodeRecordBatch(
  batch: RecordBatch,
  alloc?: MessageAllocator,
  inPlace?: Uint8Array,
): EncodedMessage {
  const { byteLength, buffers, batch: header } = encodeBody(batch.numRows, batch);
  return frame(Message.from(header, byteLength), buffers, byteLength, alloc, inPlace);
}

/** The dictionary messages a stream of this schema needs, in field order. */
export function encodeDictionaries(dictionaries: ReadonlyMap<number, Vector>): EncodedMessage[] {
  return [...dictionaries].sort(([a], [b]) => a - b).map(([id, v]) => encodeDictionary(id, v));
}

/** A whole IPC stream: schema, dictionaries, batches, EOS. */
export function encodeStream(
  schema: Schema,
  dictionaries: ReadonlyMap<number, Vector>,
  batches: readonly RecordBatch[],
): Uint8Array {
  const parts = [
    encodeSchema(schema).bytes,
    ...encodeDictionaries(dictionaries).map((m) => m.bytes),
    ...batches.map((b) => encodeRecordBatch(b).bytes),
    EOS,
  ];
  return concatBytes(parts);
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
