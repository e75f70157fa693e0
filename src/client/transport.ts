/**
 * client: (base URL, wire protocol, HTTP version) → a connect Transport for synthstream.
 * Over HTTP/2 every protocol runs on our bulk-stream HTTP client (whole envelopes per read, wide
 * flow-control windows, TCP_NODELAY, one kept connection); HTTP/1.1 uses connect-node's own.
 * Responses are never compressed: Arrow bytes gain little from gzip and cost ~9× throughput.
 */
import type { Interceptor, Transport } from "@connectrpc/connect";
import { createTransport as connectProtocol } from "@connectrpc/connect/protocol-connect";
import { createTransport as grpcProtocol } from "@connectrpc/connect/protocol-grpc";
import { createTransport as grpcWebProtocol } from "@connectrpc/connect/protocol-grpc-web";
import { createNodeHttpClient, type Http2SessionManager } from "@connectrpc/connect-node";
import { createConnectStream } from "./connect-stream.js";
import { createH2ClientFn } from "./h2-client.js";
import { createSessionManager } from "./session-manager.js";

/** Wire protocol of the client. */
export type ClientTransport = "connect" | "grpc" | "grpc-web";

/** How to reach the service. */
export interface TransportOptions {
  readonly transport?: ClientTransport | undefined;
  /** HTTP version for Connect and gRPC-Web; gRPC always uses "2". Default "2". */
  readonly httpVersion?: "1.1" | "2" | undefined;
  /** An HTTP/2 connection to share (e.g. between clients); default a new one per transport. */
  readonly sessionManager?: Http2SessionManager | undefined;
  readonly interceptors?: Interceptor[] | undefined;
}

/** A 4 GiB read limit: batches are ~4 MiB, but callers may ask for bigger ones. */
const READ_MAX_BYTES = 0xffffffff;

/** Creates the transport; over HTTP/2 it opens its connection on the first call and keeps it. */
export function createSynthstreamTransport(baseUrl: string, options: TransportOptions = {}): Transport {
  const protocol = options.transport ?? "connect";
  const h2 = protocol === "grpc" || (options.httpVersion ?? "2") === "2";
  const httpClient = h2
    ? createH2ClientFn(options.sessionManager ?? createSessionManager(baseUrl))
    : createNodeHttpClient({ httpVersion: "1.1" });
  const common = {
    baseUrl,
    httpClient,
    useBinaryFormat: true,
    interceptors: options.interceptors ?? [],
    acceptCompression: [],
    sendCompression: null,
    readMaxBytes: READ_MAX_BYTES,
    writeMaxBytes: READ_MAX_BYTES,
    compressMinBytes: 1024,
  };
  switch (protocol) {
    case "grpc":
      return grpcProtocol(common);
    case "grpc-web":
      return grpcWebProtocol(common);
    default: {
      const transport = connectProtocol(common);
      // The bulk path: Generate's messages decoded straight from the received envelopes.
      return h2 ? { unary: transport.unary, stream: createConnectStream(common) } : transport;
    }
  }
}
