/**
 * server: the admin HTTP port — /metrics (Prometheus text), /healthz (alive), /readyz (ready for
 * traffic; 503 while draining). Separate from the RPC port so probes and scrapes never queue
 * behind data streams.
 */
import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";
import type { Logger } from "./logger.js";

/** What the admin endpoints read. */
export interface AdminDeps {
  readonly registry: Registry;
  readonly ready: () => boolean;
  readonly logger: Logger;
}

/** Creates (does not start) the admin server. */
export function createAdminServer(deps: AdminDeps): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    } else if (path === "/readyz") {
      const ready = deps.ready();
      res
        .writeHead(ready ? 200 : 503, { "content-type": "text/plain" })
        .end(ready ? "ready\n" : "draining\n");
    } else if (path === "/metrics") {
      deps.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": deps.registry.contentType }).end(text),
        (e: unknown) => {
          deps.logger.error({ err: e }, "metrics scrape failed");
          res.writeHead(500).end();
        },
      );
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
}
