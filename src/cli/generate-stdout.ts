/**
 * cli/generate-stdout: one table's chunks → a single Arrow IPC stream on stdout (`--out -`).
 * The engine's bytes are written unchanged, header to EOS; a full pipe pauses the stream
 * ('drain'), so a slow reader never makes memory grow.
 */
import type { SinkChunk } from "../sink/write-tables.js";

type Out = { write(bytes: Uint8Array): unknown; once?(event: "drain", cb: () => void): unknown };

/** Copies every chunk's bytes to `out`, honouring backpressure when `out` is a Node stream. */
export async function writeStdoutStream(chunks: AsyncIterable<SinkChunk>, out: Out): Promise<void> {
  for await (const c of chunks) {
    const ok = out.write(c.bytes);
    if (ok === false && out.once !== undefined) await new Promise<void>((r) => out.once!("drain", r));
  }
}
