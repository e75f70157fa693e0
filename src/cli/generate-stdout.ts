/**
 * cli/generate-stdout: one table's chunks → a single Arrow IPC stream on stdout (`--out -`).
 * The engine's bytes are written unchanged, header to EOS; a full pipe pauses the stream
 * ('drain'), so a slow reader never makes memory grow. A write failure (a full disk, a closed
 * pipe) stops generation and surfaces as StdoutWriteError instead of an unhandled 'error' event.
 */
import type { SinkChunk } from "../sink/write-tables.js";

type Listener = (arg?: unknown) => void;
type Out = {
  write(bytes: Uint8Array): unknown;
  once?(event: "drain" | "error", cb: Listener): unknown;
  on?(event: "error", cb: Listener): unknown;
  removeListener?(event: "error" | "drain", cb: Listener): unknown;
};

/** stdout could not take the stream; `code` is the errno code (ENOSPC, EPIPE, …). */
export class StdoutWriteError extends Error {
  override readonly name = "StdoutWriteError";
  constructor(
    readonly code: string | undefined,
    cause: Error,
  ) {
    super(`writing the Arrow stream to stdout failed: ${cause.message}`, { cause });
  }
}

/** Copies every chunk's bytes to `out`, honouring backpressure when `out` is a Node stream. */
export async function writeStdoutStream(chunks: AsyncIterable<SinkChunk>, out: Out): Promise<void> {
  let failure: Error | undefined;
  const onError: Listener = (e) => {
    failure ??= e as Error;
  };
  out.on?.("error", onError);
  try {
    for await (const c of chunks) {
      if (failure !== undefined) break;
      const ok = out.write(c.bytes);
      if (ok === false && out.once !== undefined)
        await new Promise<void>((r) => {
          const done = () => {
            out.removeListener?.("drain", done);
            out.removeListener?.("error", done);
            r();
          };
          out.once!("drain", done);
          out.once!("error", done);
        });
    }
    // A synchronous stream (stdout on a file or device) reports its error on the next tick.
    await new Promise((r) => setImmediate(r));
  } finally {
    out.removeListener?.("error", onError);
  }
  if (failure !== undefined) throw new StdoutWriteError((failure as NodeJS.ErrnoException).code, failure);
}
