/**
 * security: TLS and mutual TLS for the RPC port — PEM files → an HTTP/2 secure server with
 * HTTP/1.1 fallback (ALPN), the same shape as the cleartext dual server. With a client CA, clients
 * must present a certificate it signed. Certificates are re-read on change and applied with
 * setSecureContext: new connections get them, open ones keep theirs, no restart.
 */

import { readFileSync } from "node:fs";
import * as http from "node:http";
import * as http2 from "node:http2";
import type { SecureContextOptions } from "node:tls";
import { withUnreadBodyDiscard } from "../server/discard-unread-body.js";
import type { DualServer } from "../server/dual-protocol.js";
import type { Logger } from "../server/logger.js";
import { watchPaths } from "./watch-path.js";

/** TLS settings (file paths). */
export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** PEM bundle of CAs trusted for client certificates; set = mTLS (clients must present one). */
  readonly clientCaFile?: string | undefined;
  /** Stat fallback period for reloads; default 5000 ms. */
  readonly reloadMs?: number | undefined;
}

/** Reads the PEM files into secure-context options (throws on unreadable files). */
export function readTls(cfg: TlsConfig): SecureContextOptions {
  return {
    cert: readFileSync(cfg.certFile),
    key: readFileSync(cfg.keyFile),
    ...(cfg.clientCaFile === undefined ? {} : { ca: readFileSync(cfg.clientCaFile) }),
  };
}

/** A TLS port plus the function that stops its certificate watcher. */
export interface TlsServer extends DualServer {
  stopReload(): void;
}

type Handler = (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void;

/** Creates (does not start) a TLS port serving `handler` over HTTP/2 and HTTP/1.1. */
export function createTlsServer(
  handler: Handler,
  h2options: http2.SecureServerOptions,
  cfg: TlsConfig,
  logger: Logger,
): TlsServer {
  const mtls = cfg.clientCaFile !== undefined;
  const server = http2.createSecureServer(
    {
      ...h2options,
      ...readTls(cfg),
      allowHTTP1: true,
      minVersion: "TLSv1.2",
      requestCert: mtls,
      rejectUnauthorized: mtls,
    },
    withUnreadBodyDiscard(handler), // HTTP/1.1 keep-alive: as on the cleartext port
  );
  const paths = [cfg.certFile, cfg.keyFile, ...(cfg.clientCaFile === undefined ? [] : [cfg.clientCaFile])];
  const stopReload = watchPaths(
    paths,
    () => {
      try {
        server.setSecureContext(readTls(cfg));
        logger.info({ cert: cfg.certFile }, "tls certificates reloaded");
      } catch (e) {
        // A half-written pair (new cert, old key) fails here; the next change event retries.
        logger.error(
          { cert: cfg.certFile, err: String(e) },
          "tls reload failed; keeping previous certificates",
        );
      }
    },
    cfg.reloadMs ?? 5000,
  );
  // HTTP/1.1 is served by the secure server itself (allowHTTP1); this stand-in is never bound.
  const h1 = http.createServer();
  return { net: server, h2: server as unknown as http2.Http2Server, h1, stopReload };
}
