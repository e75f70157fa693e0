/**
 * sink: reads the framing of the IPC bytes the engine streams, without re-encoding them.
 * framed messages → (offset, metadata length, body length, kind); a batch chunk → an arrow-js
 * RecordBatch (decoded with its table's header, so dictionaries resolve). Read-only views.
 */
import { MessageHeader, type RecordBatch, type Schema, tableFromIPC } from "apache-arrow";
import { Message } from "apache-arrow/ipc/metadata/message";
import { concatBytes, EOS } from "../arrow/ipc.js";

/** Where one framed message sits in a byte array. */
export interface Frame {
  readonly offset: number;
  /** Prefix (8 bytes) + flatbuffer + padding: the `metaDataLength` of an IPC file block. */
  readonly metaLength: number;
  readonly bodyLength: number;
  readonly kind: "schema" | "dictionary" | "batch";
}

/** Splits concatenated framed messages (continuation token, length, flatbuffer, body). */
export function readFrames(bytes: Uint8Array): Frame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Frame[] = [];
  let pos = 0;
  while (pos + 8 <= bytes.byteLength) {
    if (view.getInt32(pos, true) !== -1) throw new Error(`IPC framing: no continuation token at byte ${pos}`);
    const len = view.getInt32(pos + 4, true);
    if (len === 0) break; // EOS
    const msg = Message.decode(bytes.subarray(pos + 8, pos + 8 + len));
    const kind =
      msg.headerType === MessageHeader.Schema
        ? "schema"
        : msg.headerType === MessageHeader.DictionaryBatch
          ? "dictionary"
          : "batch";
    out.push({ offset: pos, metaLength: 8 + len, bodyLength: msg.bodyLength, kind });
    pos += 8 + len + msg.bodyLength;
  }
  return out;
}

/** Decodes one batch message against its table's header (schema + dictionaries). */
export function decodeBatch(header: Uint8Array, batch: Uint8Array): RecordBatch {
  const table = tableFromIPC(concatBytes([header, batch, EOS]));
  const rb = table.batches[0];
  if (rb === undefined) throw new Error("IPC batch chunk decoded to no record batch");
  return rb;
}

/** The schema of a table's stream header. */
export function decodeHeaderSchema(header: Uint8Array): Schema {
  return tableFromIPC(concatBytes([header, EOS])).schema;
}
