/**
 * bench: the counting receiver of bench:stream. One HTTP/2 connection (the same wide windows and
 * TCP_NODELAY as src/client/session-manager.ts), binary gRPC, and each Generate response counted
 * by response-counter.ts as its DATA frames arrive: nothing is copied or decoded, so the client's
 * CPU per byte is close to node:http2's own, and the figure is the server's rather than a decoder's.
 * It still checks the end: grpc-status 0 in the trailers and no partial message.
 */
import { type ClientHttp2Session, connect, type IncomingHttpHeaders } from "node:http2";
import { connect as tcpConnect } from "node:net";
import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { CONNECTION_WINDOW, STREAM_WINDOW } from "../src/client/session-manager.js";
import { createResponseCounter } from "./response-counter.js";

/** One counted response. */
export interface Counted {
  readonly rows: number;
  readonly arrowBytes: number;
  readonly messages: number;
  /** ms from the request to the first message with rows. */
  readonly ttfbMs: number;
  readonly seconds: number;
}

/** Opens the connection; `call` then streams one request at a time over it. */
export async function openCountSession(baseUrl: string) {
  const url = new URL(baseUrl);
  const session: ClientHttp2Session = connect(url.origin, {
    settings: { initialWindowSize: STREAM_WINDOW },
    createConnection: () => tcpConnect({ host: url.hostname, port: Number(url.port), noDelay: true }),
  });
  await new Promise<void>((resolve, reject) => {
    session.once("connect", () => resolve());
    session.once("error", reject);
  });
  session.setLocalWindowSize(CONNECTION_WINDOW);

  function call<D extends DescMessage>(path: string, schema: D, request: MessageShape<D>): Promise<Counted> {
    const body = toBinary(schema, request);
    const envelope = new Uint8Array(5 + body.length);
    new DataView(envelope.buffer).setUint32(1, body.length);
    envelope.set(body, 5);
    const start = performance.now();
    const counter = createResponseCounter();
    let ttfbMs = 0;
    return new Promise((resolve, reject) => {
      const stream = session.request({
        ":method": "POST",
        ":path": path,
        "content-type": "application/grpc",
        te: "trailers",
      });
      let status: string | undefined;
      // grpc-status comes in the trailers, or in the headers of a trailers-only (error) response.
      const onStatus = (h: IncomingHttpHeaders) => {
        if (h["grpc-status"] === undefined) return;
        status = String(h["grpc-status"]);
        if (status !== "0")
          reject(new Error(`grpc-status ${status}: ${decodeURIComponent(String(h["grpc-message"] ?? ""))}`));
      };
      stream.on("response", onStatus);
      stream.on("trailers", onStatus);
      stream.on("data", (chunk: Buffer) => {
        counter.push(chunk);
        if (ttfbMs === 0 && counter.rows > 0) ttfbMs = performance.now() - start;
      });
      stream.on("error", reject);
      stream.on("end", () => {
        if (status !== "0") return reject(new Error(`stream ended without grpc-status 0 (got ${status})`));
        if (!counter.atBoundary) return reject(new Error("stream ended inside a message"));
        const { rows, arrowBytes, messages } = counter;
        resolve({ rows, arrowBytes, messages, ttfbMs, seconds: (performance.now() - start) / 1000 });
      });
      stream.end(envelope);
    });
  }
  return { call, close: () => session.close() };
}
