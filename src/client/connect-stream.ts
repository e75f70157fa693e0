/**
 * client: the Connect protocol's streaming call (Transport.stream) with no copy past the framer.
 * Whole envelopes (from h2-client.ts) → decoded messages whose `bytes` fields are views into the
 * envelope, where connect's generic pipeline would copy every message into a fresh buffer first.
 * Headers, status checks, end-of-stream errors, interceptors and deadlines are connect's own code.
 */
import { type DescMessage, fromBinary, type MessageShape, toBinary } from "@bufbuild/protobuf";
import {
  Code,
  ConnectError,
  createContextValues,
  type Interceptor,
  type Transport,
} from "@connectrpc/connect";
import {
  compressedFlag,
  createMethodUrl,
  encodeEnvelope,
  runStreamingCall,
  type UniversalClientFn,
} from "@connectrpc/connect/protocol";
import {
  endStreamFlag,
  endStreamFromJson,
  requestHeaderWithCompression,
  validateResponseWithCompression,
} from "@connectrpc/connect/protocol-connect";

/** What the streaming call needs; `httpClient` must yield one whole envelope per body item. */
export interface ConnectStreamOptions {
  readonly baseUrl: string;
  readonly httpClient: UniversalClientFn;
  readonly interceptors: Interceptor[];
}

const HEADER = 5;

async function* encodeRequests<I extends DescMessage>(
  schema: I,
  messages: AsyncIterable<MessageShape<I>>,
): AsyncGenerator<Uint8Array> {
  for await (const m of messages) yield encodeEnvelope(0, toBinary(schema, m));
}

const protocolError = (message: string) =>
  new ConnectError(`protocol error: ${message}`, Code.InvalidArgument);

/** Decodes a Connect response body: messages, then one end-of-stream message (error or trailers). */
async function* decodeResponses<O extends DescMessage>(
  schema: O,
  envelopes: AsyncIterable<Uint8Array>,
  header: Headers,
  trailer: Headers,
): AsyncGenerator<MessageShape<O>> {
  let ended = false;
  for await (const env of envelopes) {
    const length = env.byteLength >= HEADER ? new DataView(env.buffer, env.byteOffset).getUint32(1) : -1;
    if (length !== env.byteLength - HEADER) throw protocolError("incomplete envelope");
    const flags = env[0]!;
    if ((flags & compressedFlag) === compressedFlag)
      throw new ConnectError(
        "received compressed envelope, but do not know how to decompress",
        Code.Internal,
      );
    const data = env.subarray(HEADER);
    if ((flags & endStreamFlag) === endStreamFlag) {
      if (ended) throw protocolError("received extra EndStreamResponse");
      ended = true;
      const end = endStreamFromJson(data);
      if (end.error !== undefined) {
        const error = end.error;
        header.forEach((v, k) => {
          error.metadata.append(k, v);
        });
        throw error;
      }
      end.metadata.forEach((v, k) => {
        trailer.set(k, v);
      });
      continue;
    }
    if (ended) throw protocolError("received extra message after EndStreamResponse");
    yield fromBinary(schema, data);
  }
  if (!ended) throw protocolError("missing EndStreamResponse");
}

/** Transport.stream for the Connect protocol, binary and uncompressed. */
export function createConnectStream(opt: ConnectStreamOptions): Transport["stream"] {
  return (method, signal, timeoutMs, header, input, contextValues) => {
    const timeout = timeoutMs === undefined || timeoutMs <= 0 ? undefined : timeoutMs;
    return runStreamingCall({
      interceptors: opt.interceptors,
      ...(signal === undefined ? {} : { signal }),
      ...(timeout === undefined ? {} : { timeoutMs: timeout }),
      req: {
        stream: true,
        service: method.parent,
        method,
        requestMethod: "POST",
        url: createMethodUrl(opt.baseUrl, method),
        header: requestHeaderWithCompression(method.methodKind, true, timeout, header, [], null, true),
        contextValues: contextValues ?? createContextValues(),
        message: input,
      },
      next: async (req) => {
        const uRes = await opt.httpClient({
          url: req.url,
          method: "POST",
          header: req.header,
          signal: req.signal,
          body: encodeRequests(method.input, req.message),
        });
        validateResponseWithCompression(method.methodKind, [], true, uRes.status, uRes.header);
        const trailer = new Headers();
        return {
          ...req,
          header: uRes.header,
          trailer,
          message: decodeResponses(method.output, uRes.body, uRes.header, trailer),
        };
      },
    });
  };
}
