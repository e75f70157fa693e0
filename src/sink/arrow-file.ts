/**
 * sink/arrow-file: framed IPC messages → an Arrow IPC *file* (.arrow): magic, the stream's
 * messages unchanged, EOS, then a footer indexing each dictionary and record batch.
 * The batch bytes are the engine's own, copied through, so files equal the stream byte for byte.
 */
import { MetadataVersion, type Schema } from "apache-arrow";
import { FileBlock, Footer } from "apache-arrow/ipc/metadata/file";
import { Message } from "apache-arrow/ipc/metadata/message";
import { EOS } from "../arrow/ipc.js";
import { readFrames } from "./ipc-frames.js";
import { openOutputFile, type WrittenFile } from "./output-file.js";
import type { FormatWriter, SinkBatch, WriterOptions } from "./sink-types.js";

const MAGIC = new TextEncoder().encode("ARROW1");

/** Opens an Arrow IPC file writer. */
export async function createArrowFileWriter(opts: WriterOptions): Promise<FormatWriter> {
  const file = await openOutputFile(opts.path);
  const frames = readFrames(opts.header);
  const schemaFrame = frames[0];
  if (schemaFrame?.kind !== "schema") throw new Error("IPC header does not start with a schema message");
  const schemaMsg = Message.decode(opts.header.subarray(8, schemaFrame.metaLength));
  const dictionaries: FileBlock[] = [];
  const batches: FileBlock[] = [];
  // Magic (6 bytes) padded to 8, so every message starts 8-byte aligned.
  let offset = 8;
  let rows = 0;
  await file.write(new Uint8Array([...MAGIC, 0, 0]));
  for (const f of frames) {
    if (f.kind === "dictionary")
      dictionaries.push(new FileBlock(f.metaLength, f.bodyLength, offset + f.offset));
  }
  await file.write(opts.header);
  offset += opts.header.byteLength;
  return {
    get rows() {
      return rows;
    },
    async write(batch: SinkBatch) {
      const [f] = readFrames(batch.bytes);
      if (f === undefined) return;
      batches.push(new FileBlock(f.metaLength, f.bodyLength, offset));
      await file.write(batch.bytes);
      offset += batch.bytes.byteLength;
      rows += batch.rowCount;
    },
    async finish(): Promise<WrittenFile> {
      const footer = Footer.encode(
        new Footer(schemaMsg.header() as Schema, MetadataVersion.V5, batches, dictionaries),
      );
      const tail = new Uint8Array(4);
      new DataView(tail.buffer).setInt32(0, footer.byteLength, true);
      await file.write(EOS);
      await file.write(footer);
      await file.write(tail);
      await file.write(MAGIC);
      const { bytes, sha256 } = await file.commit();
      return { path: opts.relPath, rows, bytes, sha256 };
    },
    abort: () => file.discard(),
  };
}
