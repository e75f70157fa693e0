/**
 * client: an HTTP/2 session manager with a large connection-level receive window.
 * connect-node sets per-stream windows through `settings`, but the connection window stays at
 * HTTP/2's 64 KiB default unless the session raises it; Arrow streams then stall on WINDOW_UPDATE
 * round trips. Every stream opened through this manager raises its session's window once.
 */
import type { ClientHttp2Session } from "node:http2";
import { connect } from "node:net";
import { Http2SessionManager } from "@connectrpc/connect-node";

/** Receive window for a whole connection (all streams together). */
export const CONNECTION_WINDOW = 64 * 1024 * 1024;
/** Receive window per stream (HTTP/2 SETTINGS_INITIAL_WINDOW_SIZE). */
export const STREAM_WINDOW = 16 * 1024 * 1024;

class WideWindowSessionManager extends Http2SessionManager {
  private readonly tuned = new WeakSet<ClientHttp2Session>();

  override async request(...args: Parameters<Http2SessionManager["request"]>) {
    const stream = await super.request(...args);
    const session = stream.session as ClientHttp2Session | undefined;
    if (session !== undefined && !this.tuned.has(session)) {
      this.tuned.add(session);
      session.setLocalWindowSize(CONNECTION_WINDOW);
    }
    return stream;
  }
}

/**
 * A session manager for `baseUrl` with wide per-stream and per-connection windows, over a socket
 * with TCP_NODELAY: a request is a HEADERS frame then a small DATA frame, and with Nagle the
 * second waits for the server's delayed ACK (~40 ms before the first batch).
 */
export function createSessionManager(baseUrl: string): Http2SessionManager {
  const url = new URL(baseUrl);
  const secure = url.protocol === "https:";
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new WideWindowSessionManager(baseUrl, undefined, {
    settings: { initialWindowSize: STREAM_WINDOW },
    ...(secure ? {} : { createConnection: () => connect({ host, port, noDelay: true }) }),
  });
}
