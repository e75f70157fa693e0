/**
 * server: one TCP port for HTTP/2 cleartext (gRPC, Connect) and HTTP/1.1 (Connect, gRPC-Web).
 * Node's cleartext http2 server has no `allowHTTP1`, so each connection's first bytes decide:
 * the HTTP/2 client preface ("PRI * HTTP/2.0") goes to the http2 server, anything else to http1.
 */
import * as http from "node:http";
import * as http2 from "node:http2";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { withUnreadBodyDiscard } from "./discard-unread-body.js";

type Handler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

/** The listening socket plus the two protocol servers behind it. */
export interface DualServer {
  readonly net: NetServer;
  readonly h2: http2.Http2Server;
  readonly h1: http.Server;
}

const PREFACE = Buffer.from("PRI * HTTP/2.0");
/** A connection that has not sent enough to pick a protocol by then is closed (as HTTP/1.1's headersTimeout would). */
export const SNIFF_TIMEOUT_MS = 60_000;

/** Creates (does not start) a port that serves `handler` over h2c and HTTP/1.1. */
export function createDualServer(handler: Handler, h2options: http2.ServerOptions): DualServer {
  const h2 = http2.createServer(h2options, handler);
  // Without it, an answer sent before the request body was read stalls the keep-alive connection.
  const h1 = http.createServer(withUnreadBodyDiscard(handler));
  const net = createNetServer((socket: Socket) => {
    // Streams are many small frames (headers, window updates) between large ones: without
    // TCP_NODELAY, Nagle and delayed ACKs add ~40 ms stalls, visible as time to first batch.
    socket.setNoDelay(true);
    let seen = Buffer.alloc(0);
    // Until a protocol server owns the socket, nobody else handles its errors (a reset here would
    // be an uncaught 'error' that ends the process) or its silence (no server timeout applies yet).
    const onError = () => socket.destroy();
    const silent = setTimeout(onError, SNIFF_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, PREFACE.length);
      const isH2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (isH2 && n < PREFACE.length) return; // too few bytes to tell yet
      clearTimeout(silent);
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
      socket.pause();
      socket.unshift(seen);
      // http2 takes over the socket handle and first drains what is buffered (the unshifted bytes).
      (isH2 ? h2 : h1).emit("connection", socket);
      if (!isH2) socket.resume();
    };
    const onClose = () => clearTimeout(silent);
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
  });
  return { net, h2, h1 };
}
