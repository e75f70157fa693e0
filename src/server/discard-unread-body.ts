/**
 * server: HTTP/1.1 keep-alive hygiene — (request, response) → once the response has finished, any
 * request body the handler never read is read and dropped, so the connection's next request is
 * parsed. Bounded: past DISCARD_MAX_BYTES or DISCARD_MAX_MS the connection is closed instead (a
 * body declared that large is answered with "Connection: close" up front).
 *
 * Why: connect-node answers some requests before it has read their body (an enveloped message
 * over readMaxBytes → ResourceExhausted) and stops its `for await` over the request. Node's
 * iterator then destroys the request but, for a server request, deliberately not the socket; the
 * HTTP parser stays paused on the unread body and never reads the next request on that keep-alive
 * connection, so the client waits until it times out.
 */
import * as http from "node:http";

/** Most body bytes dropped after a response before the connection is closed instead. */
export const DISCARD_MAX_BYTES = 32 * 1024 * 1024;
/** Longest wait for the rest of an unread body before the connection is closed instead. */
export const DISCARD_MAX_MS = 10_000;

/**
 * Wraps a request handler so every HTTP/1.1 request gets discardUnreadBody; HTTP/2 requests pass
 * through untouched (a stream ends on its own).
 */
export function withUnreadBodyDiscard<Req, Res>(
  handler: (req: Req, res: Res) => void,
): (req: Req, res: Res) => void {
  return (req, res) => {
    if (req instanceof http.IncomingMessage && res instanceof http.ServerResponse) {
      discardUnreadBody(req, res);
    }
    handler(req, res);
  };
}

/** Arranges for `req`'s unread body to be discarded once `res` has finished. */
export function discardUnreadBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  const socket = req.socket;
  // A body declared larger than we would drop: say so, so the client does not reuse a connection
  // about to be closed (its next request would meet a reset instead of an answer).
  if (Number(req.headers["content-length"] ?? 0) > DISCARD_MAX_BYTES) res.setHeader("connection", "close");
  // A reader that stops early leaves the body readable (so it can be dropped below) instead of
  // destroying the request with the body stuck in the parser.
  Object.defineProperty(req, Symbol.asyncIterator, {
    value: () => req.iterator({ destroyOnReturn: false }),
  });
  res.once("finish", () => {
    if (req.readableEnded) return;
    // Destroyed anyway before its body arrived: the body cannot be read, so the connection is
    // unusable. The response is already flushed.
    if (req.destroyed) {
      if (!req.complete) socket.destroy();
      return;
    }
    let dropped = 0;
    const close = () => {
      stop();
      socket.destroy();
    };
    const timer = setTimeout(close, DISCARD_MAX_MS);
    timer.unref();
    // Paused mode: read() pulls the body through even past an abandoned reader.
    const onReadable = () => {
      for (let chunk: Buffer | null = req.read(); chunk !== null; chunk = req.read()) {
        dropped += chunk.byteLength;
        if (dropped > DISCARD_MAX_BYTES) return close();
      }
    };
    const stop = () => {
      clearTimeout(timer);
      req.off("readable", onReadable);
    };
    req.on("readable", onReadable);
    req.once("end", stop);
    req.once("close", stop);
    onReadable();
  });
}
