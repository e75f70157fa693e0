/**
 * client: connect's minimal HTTP client contract (UniversalClientFn) over node:http2, for bulk
 * streams. Request → response whose body yields one whole envelope per item (see
 * envelope-framer.ts) instead of one 16 KiB DATA frame, so connect's per-item pipeline (several
 * async generators deep) runs per message, not per frame; backpressure pauses the stream.
 */
import type { ClientHttp2Stream, IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http2";
import { constants } from "node:http2";
import { Code, ConnectError } from "@connectrpc/connect";
import type {
  UniversalClientFn,
  UniversalClientRequest,
  UniversalClientResponse,
} from "@connectrpc/connect/protocol";
import { getAbortSignalReason } from "@connectrpc/connect/protocol";
import type { Http2SessionManager } from "@connectrpc/connect-node";
import { createEnvelopeFramer } from "./envelope-framer.js";

/** Received bytes buffered ahead of the reader before the stream pauses (and flow control bites). */
export const BODY_HIGH_WATER = 32 * 1024 * 1024;

/** Streaming content types carry envelopes; unary bodies and error JSON pass through unframed. */
const ENVELOPED = /^application\/(grpc|connect\+)/;

function toWebHeaders(node: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith(":") || v === undefined) continue;
    if (Array.isArray(v)) for (const e of v) out.append(k, e);
    else out.append(k, String(v));
  }
  return out;
}

function toNodeHeaders(header: Headers): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  header.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/** Node and HTTP/2 failures → ConnectError, with the codes connect-node uses. */
function connectErrorOf(reason: unknown): ConnectError {
  if (reason instanceof ConnectError) return reason;
  const code = (reason as { code?: unknown } | undefined)?.code;
  const mapped =
    code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "ENOTFOUND" || code === "EAI_AGAIN"
      ? Code.Unavailable
      : code === "ECONNRESET" || code === "ERR_STREAM_DESTROYED" || code === "ERR_HTTP2_INVALID_STREAM"
        ? Code.Aborted
        : Code.Internal;
  return ConnectError.from(reason, mapped);
}

/** An RST_STREAM code → the error it means, or undefined for a normal close. */
function resetError(rstCode: number): ConnectError | undefined {
  const c = constants;
  const code =
    rstCode === c.NGHTTP2_REFUSED_STREAM
      ? Code.Unavailable
      : rstCode === c.NGHTTP2_CANCEL
        ? Code.Canceled
        : rstCode === c.NGHTTP2_ENHANCE_YOUR_CALM
          ? Code.ResourceExhausted
          : rstCode === c.NGHTTP2_INADEQUATE_SECURITY || rstCode === c.NGHTTP2_HTTP_1_1_REQUIRED
            ? Code.PermissionDenied
            : rstCode === c.NGHTTP2_NO_ERROR || rstCode === c.NGHTTP2_STREAM_CLOSED
              ? undefined
              : Code.Internal;
  return code === undefined
    ? undefined
    : new ConnectError(`http/2 stream closed with error code 0x${rstCode.toString(16)}`, code);
}

/** The response body: a queue fed by 'data' events, read as an async iterable. */
function responseBody(stream: ClientHttp2Stream, sessions: Http2SessionManager, enveloped: boolean) {
  const framer = enveloped ? createEnvelopeFramer() : undefined;
  const queue: Uint8Array[] = [];
  let queued = 0;
  let ended = false;
  let failure: ConnectError | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (e: unknown) => {
    failure ??= connectErrorOf(e);
    notify();
  };
  const enqueue = (b: Uint8Array) => {
    queue.push(b);
    queued += b.byteLength;
  };
  stream.on("data", (chunk: Buffer) => {
    sessions.notifyResponseByteRead(stream);
    try {
      if (framer === undefined) enqueue(chunk);
      else for (const env of framer.push(chunk)) enqueue(env);
    } catch (e) {
      stream.close(constants.NGHTTP2_CANCEL);
      return fail(new ConnectError(e instanceof Error ? e.message : String(e), Code.ResourceExhausted));
    }
    if (queued >= BODY_HIGH_WATER) stream.pause();
    if (queue.length > 0) notify();
  });
  stream.once("end", () => {
    // A truncated envelope goes through as is: connect's own reader reports it.
    const rest = framer?.takePartial();
    if (rest !== undefined) enqueue(rest);
    ended = true;
    notify();
  });
  stream.once("close", () => {
    const err = resetError(stream.rstCode);
    if (err !== undefined && !ended) fail(err);
    ended = true;
    notify();
  });
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    for (;;) {
      const head = queue.shift();
      if (head !== undefined) {
        queued -= head.byteLength;
        if (stream.isPaused() && queued < BODY_HIGH_WATER / 2) stream.resume();
        return { done: false, value: head };
      }
      if (failure !== undefined) throw failure;
      if (ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next,
      // connect stops a body early through return() or throw(): both cancel the HTTP/2 stream.
      async return() {
        if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
        return { done: true, value: undefined };
      },
      async throw(e: unknown) {
        fail(e);
        if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
        throw e;
      },
    }),
  };
  return { iterable, fail };
}

/**
 * Writes the request body without waiting for each chunk to flush: a one-message body and its
 * END_STREAM then leave with the HEADERS frame in one socket write, so the server can start at
 * once instead of waiting for a second packet (under CPU load each wake-up costs milliseconds).
 */
async function writeBody(body: UniversalClientRequest["body"], stream: ClientHttp2Stream): Promise<void> {
  if (body !== undefined)
    for await (const chunk of body) {
      if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
    }
  stream.end();
}

async function request(
  sessions: Http2SessionManager,
  req: UniversalClientRequest,
): Promise<UniversalClientResponse> {
  const url = new URL(req.url);
  if (url.origin !== sessions.authority)
    throw new ConnectError(
      `cannot make a request to ${url.origin}: the http2 session is connected to ${sessions.authority}`,
      Code.Internal,
    );
  const signal = req.signal;
  if (signal?.aborted === true) throw connectErrorOf(getAbortSignalReason(signal));
  const stream = await sessions.request(req.method, url.pathname + url.search, toNodeHeaders(req.header), {});
  const trailer = new Headers();
  stream.on("trailers", (t: IncomingHttpHeaders) => {
    toWebHeaders(t).forEach((v, k) => {
      trailer.set(k, v);
    });
  });
  return new Promise<UniversalClientResponse>((resolve, reject) => {
    let failBody: ((e: unknown) => void) | undefined;
    const fail = (e: unknown) => {
      const err = connectErrorOf(e);
      reject(err);
      failBody?.(err);
    };
    const onAbort = () => {
      fail(getAbortSignalReason(signal!));
      if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    stream.once("close", () => {
      signal?.removeEventListener("abort", onAbort);
      if (failBody !== undefined) return; // answered: the body reports its own end
      reject(
        resetError(stream.rstCode) ??
          new ConnectError("http/2 stream closed before a response", Code.Unavailable),
      );
    });
    stream.on("error", (e: unknown) => {
      // The server may answer (and end) before it reads the whole request body.
      if ((e as { code?: unknown }).code === "ERR_STREAM_WRITE_AFTER_END") return;
      fail(e);
    });
    stream.once("response", (headers: IncomingHttpHeaders) => {
      const contentType = String(headers["content-type"] ?? "");
      const body = responseBody(stream, sessions, ENVELOPED.test(contentType));
      failBody = body.fail;
      resolve({
        status: Number(headers[":status"] ?? 0),
        header: toWebHeaders(headers),
        body: body.iterable,
        trailer,
      });
    });
    writeBody(req.body, stream).catch(fail);
  });
}

/** A UniversalClientFn that sends every request over `sessions` (one HTTP/2 connection). */
export function createH2ClientFn(sessions: Http2SessionManager): UniversalClientFn {
  return (req) => request(sessions, req);
}
