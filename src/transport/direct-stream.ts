/**
 * transport: the direct write path of the server-streaming hot methods (Generate, Flight DoGet).
 * A binary gRPC or Connect request over HTTP/2 → connect's own request parsing, interceptors
 * (tracing, auth, tenants) and handler, with each response framed by message-frames.ts and written
 * straight to the HTTP/2 stream: no protobuf copy, no envelope copy, no wait per message. Anything
 * else (other methods, gRPC-Web, JSON, HTTP/1.1) goes to connect-node unchanged.
 */
import type * as http from "node:http";
import type * as http2 from "node:http2";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import {
  type ConnectError,
  createHandlerContext,
  type Interceptor,
  type MethodImplSpec,
} from "@connectrpc/connect";
import {
  compressionNegotiate,
  createMethodSerializationLookup,
  pipe,
  transformDecompressEnvelope,
  transformInvokeImplementation,
  transformParseEnvelope,
  transformPrepend,
  transformSplitEnvelope,
} from "@connectrpc/connect/protocol";
import { endStreamFlag } from "@connectrpc/connect/protocol-connect";
import { universalRequestFromNodeRequest } from "@connectrpc/connect-node";
import { messageFrame } from "./message-frames.js";
import { createStreamWriter, STREAM_HIGH_WATER_BYTES, StreamGoneError } from "./stream-writer.js";
import { asConnectError, type WireProtocol, wireProtocolOf } from "./wire-protocol.js";

/** A request listener for node:http and node:http2 (what connectNodeAdapter returns). */
export type NodeHandler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

/** A server-streaming method served on the direct path. */
export type DirectMethod = Extract<MethodImplSpec, { kind: "server_streaming" }>;

/** What the direct path needs: the same interceptors and limits connect-node is given. */
export interface DirectStreamOptions {
  readonly methods: readonly DirectMethod[];
  readonly interceptors: readonly Interceptor[];
  readonly readMaxBytes: number;
  readonly writeMaxBytes: number;
  readonly highWaterBytes?: number | undefined;
  /**
   * Takes back the buffers of a response once it is on the socket (the engine's batch buffers;
   * it ignores buffers it does not own). Only this path knows when a write has completed.
   */
  readonly recycle?: ((buffer: ArrayBufferLike) => void) | undefined;
  /** Called with an error the write loop itself could not handle (never a handler error). */
  readonly onInternalError?: ((e: unknown) => void) | undefined;
}

/** The direct path in front of a fallback handler. */
export interface DirectStreams {
  /** Wraps `fallback`: direct methods over binary gRPC/Connect on HTTP/2 are served here. */
  handler(fallback: NodeHandler): NodeHandler;
  /** Streams served on the direct path so far (tests and diagnostics). */
  readonly served: number;
}

function nodeHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

const noop = () => {};

/** Creates the direct path for `methods`. */
export function createDirectStreams(opts: DirectStreamOptions): DirectStreams {
  const byPath = new Map(opts.methods.map((m) => [`/${m.method.parent.typeName}/${m.method.name}`, m]));
  let served = 0;
  return {
    handler(fallback) {
      return (req, res) => {
        if (req.httpVersionMajor === 2 && "stream" in req) {
          const spec = byPath.get((req.url ?? "").split("?", 1)[0] ?? "");
          const protocol = spec && wireProtocolOf(req.method, req.headers["content-type"]);
          if (spec !== undefined && protocol !== undefined) {
            served++;
            const h2res = res as http2.Http2ServerResponse;
            serve(spec, protocol, req, h2res, opts).catch((e: unknown) => {
              opts.onInternalError?.(e);
              if (!h2res.stream.destroyed) h2res.stream.close(2 /* NGHTTP2_INTERNAL_ERROR */);
            });
            return;
          }
        }
        fallback(req, res);
      };
    },
    get served() {
      return served;
    },
  };
}

/** Serves one stream; mirrors connect's gRPC/Connect stream handlers except for the output path. */
async function serve(
  spec: DirectMethod,
  protocol: WireProtocol,
  req: http2.Http2ServerRequest,
  res: http2.Http2ServerResponse,
  opts: DirectStreamOptions,
): Promise<void> {
  const uReq = universalRequestFromNodeRequest(req, res, undefined, undefined);
  const timeout = protocol.parseTimeout(uReq.header.get(protocol.timeoutHeader));
  const context = createHandlerContext({
    service: spec.method.parent,
    method: spec.method,
    protocolName: protocol.name,
    requestMethod: uReq.method,
    url: uReq.url,
    requestSignal: uReq.signal,
    requestHeader: uReq.header,
    responseHeader: { "content-type": protocol.contentType },
    ...(timeout.timeoutMs === undefined ? {} : { timeoutMs: timeout.timeoutMs }),
    ...(protocol.initialTrailer === undefined ? {} : { responseTrailer: protocol.initialTrailer }),
  });
  // No compression is offered (Arrow bytes do not compress well enough to pay for gzip).
  const compression = compressionNegotiate(
    [],
    uReq.header.get(protocol.encodingHeader),
    uReq.header.get(protocol.acceptEncodingHeader),
    protocol.acceptEncodingHeader,
  );
  const serialization = createMethodSerializationLookup(spec.method, undefined, undefined, opts);
  const input = pipe(
    uReq.body as AsyncIterable<Uint8Array>,
    transformPrepend<Uint8Array>(() => {
      // Raised here, as connect does, so they reach the client as the stream's status.
      if (compression.error) throw compression.error;
      if (timeout.error) throw timeout.error;
      return undefined;
    }),
    transformSplitEnvelope(opts.readMaxBytes),
    transformDecompressEnvelope(compression.request, opts.readMaxBytes),
    transformParseEnvelope(serialization.getI(true), endStreamFlag),
  );
  const it = transformInvokeImplementation(spec, context, [...opts.interceptors])(input)[
    Symbol.asyncIterator
  ]();
  const { recycle } = opts;
  const writer = createStreamWriter(
    res.stream,
    opts.highWaterBytes ?? STREAM_HIGH_WATER_BYTES,
    recycle &&
      ((frame) => {
        for (const p of frame.parts) recycle(p.buffer);
      }),
  );
  const sendHeaders = () => {
    if (!res.headersSent) res.writeHead(200, nodeHeaders(context.responseHeader));
  };
  const output = spec.method.output as DescMessage;
  let error: ConnectError | undefined;
  try {
    for (let r = await it.next(); r.done !== true; ) {
      const frame = messageFrame(output, r.value as MessageShape<DescMessage>, opts.writeMaxBytes);
      sendHeaders(); // after the first message, so the handler may still set response headers
      try {
        await writer.write(frame, context.signal);
      } catch (e) {
        if (writer.gone) {
          // The client went away: nothing more to send. The handler sees the error at its yield.
          context.abort(e);
          it.throw?.(e).catch(noop);
          return;
        }
        r = await (it.throw?.(e) ?? Promise.reject(e)); // a deadline: the handler maps it
        continue;
      }
      r = await it.next();
    }
    context.abort();
  } catch (e) {
    context.abort(e);
    error = asConnectError(e);
  } finally {
    it.return?.().catch(noop);
  }
  if (writer.gone) return; // the client left while the handler was failing: no one to tell
  const end = protocol.end(context.responseTrailer, error);
  sendHeaders();
  if (end.frame !== undefined) {
    try {
      await writer.write(end.frame, undefined);
    } catch (e) {
      if (e instanceof StreamGoneError) return;
      throw e;
    }
  }
  if (end.trailers !== undefined) res.addTrailers(nodeHeaders(end.trailers));
  if (!writer.gone) res.end();
}
