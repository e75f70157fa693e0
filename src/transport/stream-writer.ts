/**
 * transport: writes frames to one HTTP/2 stream with bounded buffering. Frames → stream.write of
 * each part (views, never copied); it waits for 'drain' only once more than `highWaterBytes` are
 * queued, so the next message is prepared while the socket sends the previous one. Rejects as soon
 * as the stream closes or fails, so a gone client stops its producer. `onFlushed` learns when a
 * frame's bytes have left for the socket, so their buffers can be reused.
 */
import type * as http2 from "node:http2";
import type { Frame } from "./message-frames.js";

/**
 * Bytes a stream may queue before the writer waits: two ~4 MiB messages, so one is on the wire
 * while the next is handed over. Bounds memory per stream (the engine holds K batches on top).
 */
export const STREAM_HIGH_WATER_BYTES = 8 * 1024 * 1024;

/** The stream went away (reset, closed or failed) before the response was written. */
export class StreamGoneError extends Error {
  override readonly name = "StreamGoneError";
  constructor(cause?: unknown) {
    super("the client's stream closed before the response was written", { cause });
  }
}

/** A writer bound to one HTTP/2 stream. */
export interface StreamWriter {
  /**
   * Queues a frame; resolves when more may be queued. Rejects with StreamGoneError, or with the
   * signal's reason if `signal` aborts while waiting (a deadline passing on a stalled client).
   */
  write(frame: Frame, signal: AbortSignal | undefined): Promise<void>;
  /** True once the stream is closed or destroyed. */
  readonly gone: boolean;
}

/**
 * Creates a writer; it swallows the stream's own 'error' events (they end the write loop instead).
 * `onFlushed(frame)` runs once HTTP/2 has written every part of the frame to the socket (never
 * for a frame the stream dropped), after which no part is read again.
 */
export function createStreamWriter(
  stream: http2.ServerHttp2Stream,
  highWaterBytes = STREAM_HIGH_WATER_BYTES,
  onFlushed?: (frame: Frame) => void,
): StreamWriter {
  let failure: unknown;
  stream.on("error", (e: unknown) => {
    failure ??= e;
  });
  const gone = () => stream.destroyed || stream.closed || failure !== undefined;
  const drained = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const done = (e?: unknown) => {
        stream.off("drain", onDrain);
        stream.off("close", onClose);
        stream.off("error", onError);
        signal?.removeEventListener("abort", onAbort);
        if (e === undefined) resolve();
        else reject(e);
      };
      const onDrain = () => done();
      const onClose = () => done(new StreamGoneError(failure));
      const onError = (e: unknown) => done(new StreamGoneError(e));
      const onAbort = () => done(gone() ? new StreamGoneError(signal?.reason) : signal?.reason);
      stream.on("drain", onDrain);
      stream.on("close", onClose);
      stream.on("error", onError);
      signal?.addEventListener("abort", onAbort);
      if (signal?.aborted === true) onAbort();
    });
  return {
    async write(frame, signal) {
      if (gone()) throw new StreamGoneError(failure);
      const parts = frame.parts.filter((p) => p.byteLength > 0);
      const last = parts.length - 1;
      // Corked, the parts go down as one writev (one write request and one completion callback
      // per frame, not one per part). Writes complete in order, so the last part's callback
      // covers the whole frame.
      if (last > 0) stream.cork();
      parts.forEach((part, i) => {
        if (i < last || onFlushed === undefined) stream.write(part);
        else
          stream.write(part, (err) => {
            if (err == null) onFlushed(frame);
          });
      });
      if (last > 0) stream.uncork();
      // 'drain' follows only a write that returned false: needDrain says one is coming.
      if (stream.writableNeedDrain && stream.writableLength > highWaterBytes) await drained(signal);
    },
    get gone() {
      return gone();
    },
  };
}
