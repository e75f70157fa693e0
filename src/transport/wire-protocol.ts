/**
 * transport: the two wire protocols the direct stream path speaks — binary gRPC and binary Connect
 * streaming — as data: request content type → protocol, its header names, its response headers,
 * and how a stream ends (gRPC: status in trailers; Connect: an end-of-stream envelope). Everything
 * else (gRPC-Web, JSON codecs, unary calls) stays with connect-node.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import * as connect from "@connectrpc/connect/protocol-connect";
import * as grpc from "@connectrpc/connect/protocol-grpc";
import { envelopeFrame, type Frame } from "./message-frames.js";

/** How a protocol opens and closes a server stream. */
export interface WireProtocol {
  readonly name: "grpc" | "connect";
  /** Request headers naming the message encoding, accepted encodings and the deadline. */
  readonly encodingHeader: string;
  readonly acceptEncodingHeader: string;
  readonly timeoutHeader: string;
  readonly contentType: string;
  parseTimeout(value: string | null): { timeoutMs?: number | undefined; error?: ConnectError | undefined };
  /** Response trailers to start from (gRPC: status OK), or undefined when the protocol has none. */
  readonly initialTrailer: Record<string, string> | undefined;
  /**
   * The end of a stream: a last frame for the body (Connect) and/or the trailers to send (gRPC).
   * `trailer` is the handler context's response trailer.
   */
  end(trailer: Headers, error: ConnectError | undefined): { frame?: Frame; trailers?: Headers };
}

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const GRPC: WireProtocol = {
  name: "grpc",
  encodingHeader: grpc.headerEncoding,
  acceptEncodingHeader: grpc.headerAcceptEncoding,
  timeoutHeader: grpc.headerTimeout,
  contentType: grpc.contentTypeProto,
  parseTimeout: (v) => grpc.parseTimeout(v, NO_LIMIT),
  initialTrailer: { [grpc.headerGrpcStatus]: grpc.grpcStatusOk },
  end(trailer, error) {
    if (error !== undefined) grpc.setTrailerStatus(trailer, error);
    return { trailers: trailer };
  },
};

const endStream = connect.createEndStreamSerialization(undefined);

const CONNECT: WireProtocol = {
  name: "connect",
  encodingHeader: connect.headerStreamEncoding,
  acceptEncodingHeader: connect.headerStreamAcceptEncoding,
  timeoutHeader: connect.headerTimeout,
  contentType: connect.contentTypeStreamProto,
  parseTimeout: (v) => connect.parseTimeout(v, NO_LIMIT),
  initialTrailer: undefined,
  end(trailer, error) {
    const data = endStream.serialize(
      error === undefined ? { metadata: trailer } : { metadata: trailer, error },
    );
    return { frame: envelopeFrame(connect.endStreamFlag, data) };
  },
};

/**
 * The protocol of a request the direct path can serve: POST with a binary gRPC or binary Connect
 * streaming content type. Undefined for anything else (gRPC-Web, JSON, unary Connect).
 */
export function wireProtocolOf(
  method: string | undefined,
  contentType: string | undefined,
): WireProtocol | undefined {
  if (method !== "POST" || contentType === undefined) return undefined;
  // gRPC-Web shares the "application/grpc" prefix; grpc.parseContentType rejects it.
  const g = grpc.parseContentType(contentType);
  if (g !== undefined) return g.binary ? GRPC : undefined;
  const c = connect.parseContentType(contentType);
  return c?.stream === true && c.binary ? CONNECT : undefined;
}

/** Turns anything a handler threw into the ConnectError the client sees, as connect-node does. */
export function asConnectError(e: unknown): ConnectError {
  return e instanceof ConnectError
    ? e
    : new ConnectError("internal error", Code.Internal, undefined, undefined, e);
}
