/**
 * server: createServer(config) → a listening service: one HTTP/2-cleartext + HTTP/1.1 port for
 * gRPC, gRPC-Web and Connect, and an admin port. Arrow payloads are never compressed (no
 * compression is offered), flow-control windows are large, and shutdown() drains before closing.
 */
import type * as http2 from "node:http2";
import type { AddressInfo, Server as NetServer, Socket } from "node:net";
import { createMethodImplSpec } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { type Tracer, trace } from "@opentelemetry/api";
import { Registry } from "prom-client";
import { createFlightRoutes } from "../flight/flight-service.js";
import { advertisedLocations } from "../flight/locations.js";
import { createSecurity } from "../security/create-security.js";
import {
  H2_SESSION_LIMITS,
  MAX_HEADER_LIST_SIZE,
  readMaxBytes,
  WRITE_MAX_BYTES,
} from "../security/message-limits.js";
import { createTlsServer } from "../security/tls.js";
import { createInlineRunner, createPiscinaRunner } from "../stream/index.js";
import type { BatchRunner } from "../stream/stream-types.js";
import { createDirectStreams, type DirectMethod, type DirectStreams } from "../transport/direct-stream.js";
import { createAdminServer } from "./admin-server.js";
import type { ServerConfig } from "./config.js";
import { createDualServer } from "./dual-protocol.js";
import { createGeneratorService, GeneratorService } from "./generator-service.js";
import { createHealthState, type HealthState, ServingStatus } from "./health.js";
import { createStreamSlots } from "./limits.js";
import { createLogger, type Logger } from "./logger.js";
import { createMetrics, type ServiceMetrics } from "./metrics.js";
import { type ExtraRoutes, GENERATOR_SERVICE_NAME, routes } from "./routes.js";
import { createDrainController, type DrainController } from "./shutdown.js";
import { createTracingInterceptor } from "./tracing.js";

/** HTTP/2 flow-control windows: large, so one stream can fill a fast link (DESIGN.md). */
const STREAM_WINDOW = 16 * 1024 * 1024;
const SESSION_WINDOW = 64 * 1024 * 1024;

/** Injectable collaborators; each defaults to a fresh instance. */
export interface ServerDeps {
  readonly runner?: BatchRunner;
  readonly registry?: Registry;
  readonly tracer?: Tracer;
  readonly logger?: Logger;
  readonly extraRoutes?: readonly ExtraRoutes[];
}

/** A listening server. */
export interface RunningServer {
  readonly port: number;
  /** -1 when the admin port is disabled. */
  readonly adminPort: number;
  readonly url: string;
  readonly runner: BatchRunner;
  readonly metrics: ServiceMetrics;
  readonly health: HealthState;
  readonly drain: DrainController;
  readonly logger: Logger;
  /** The direct write path of Generate and DoGet (counts the streams it served). */
  readonly directStreams: DirectStreams;
  /** Drains (health NOT_SERVING, /readyz 503, grace period), then closes everything. */
  shutdown(): Promise<void>;
}

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the service. */
export async function createServer(config: ServerConfig, deps: ServerDeps = {}): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger();
  const runner =
    deps.runner ??
    (config.workers > 0 ? createPiscinaRunner({ workers: config.workers }) : createInlineRunner());
  const metrics = createMetrics(deps.registry ?? new Registry(), runner);
  const tracer = deps.tracer ?? trace.getTracer("synthstream");
  const health = createHealthState([GENERATOR_SERVICE_NAME]);
  const drain = createDrainController(() => health.set(ServingStatus.NOT_SERVING));
  const slots = createStreamSlots(config.maxConcurrentStreams);
  const generateDeps = {
    runner,
    metrics,
    limits: config,
    slots,
    drain,
    logger,
    tracer,
    maxInFlight: config.maxInFlight,
    catalogDir: config.catalogDir,
  };
  const generator = createGeneratorService(generateDeps);
  let boundPort = 0; // Flight endpoint locations need the real port, known after listen()
  const flight = createFlightRoutes({
    ...generateDeps,
    locations: () => advertisedLocations(config.advertise, config.host, boundPort),
  });
  const security = createSecurity(config.security, {
    logger,
    registry: metrics.registry,
    limits: config,
    catalogDir: config.catalogDir,
    host: config.host,
  });
  const extra = [flight, ...(deps.extraRoutes ?? [])];
  const interceptors = [createTracingInterceptor(tracer), ...security.interceptors];
  const limits = { readMaxBytes: readMaxBytes(config.maxPlanBytes), writeMaxBytes: WRITE_MAX_BYTES };
  const connectHandler = connectNodeAdapter({
    routes: routes({ generator, health, extra }),
    interceptors,
    // No compression at all: gzip on Arrow bytes costs ~9x throughput and gains little.
    acceptCompression: [],
    ...limits,
  });
  // The data streams skip connect-node's per-message serialize/copy/drain (transport/).
  const directStreams = createDirectStreams({
    methods: [
      createMethodImplSpec(GeneratorService.method.generate, generator.generate) as DirectMethod,
      ...extra.flatMap((e) => e.directStreams ?? []),
    ],
    interceptors,
    ...limits,
    recycle: (buffer) => runner.recycle?.(buffer),
    onInternalError: (e) => logger.error({ err: e }, "direct stream failed"),
  });
  const handler = directStreams.handler(connectHandler);
  const h2options = {
    ...H2_SESSION_LIMITS,
    settings: { initialWindowSize: STREAM_WINDOW, maxHeaderListSize: MAX_HEADER_LIST_SIZE },
  };
  const tlsServer =
    security.tls === undefined ? undefined : createTlsServer(handler, h2options, security.tls, logger);
  const { net: server, h2, h1 } = tlsServer ?? createDualServer(handler, h2options);
  const sessions = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<Socket>();
  h2.on("session", (s: http2.ServerHttp2Session) => {
    sessions.add(s);
    s.once("close", () => sessions.delete(s));
    s.setLocalWindowSize(SESSION_WINDOW);
  });
  server.on("connection", (sock: Socket) => {
    sockets.add(sock);
    sock.once("close", () => sockets.delete(sock));
  });
  const port = await listen(server, config.port, config.host);
  boundPort = port;
  const admin =
    config.adminPort < 0
      ? undefined
      : createAdminServer({ registry: metrics.registry, ready: () => !drain.draining, logger });
  const adminPort = admin === undefined ? -1 : await listen(admin, config.adminPort, config.host);

  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    logger.info({ drainSeconds: config.drainSeconds, openStreams: slots.open }, "draining");
    await drain.begin(config.drainSeconds, () => slots.open);
    // Streams cut at the deadline still send their Unavailable status and cursor: give them a moment.
    for (let i = 0; i < 40 && slots.open > 0; i++) await new Promise((r) => setTimeout(r, 25));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sessions) s.close();
    h1.closeIdleConnections();
    // Health watchers and idle HTTP/1.1 keep-alives never end on their own.
    const force = setTimeout(() => {
      for (const s of sessions) s.destroy();
      for (const sock of sockets) sock.destroy();
    }, 1000);
    await closed;
    clearTimeout(force);
    if (admin !== undefined) await new Promise<void>((resolve) => admin.close(() => resolve()));
    admin?.closeAllConnections();
    await runner.close();
    security.close();
    tlsServer?.stopReload();
    logger.info("stopped");
  };
  return {
    port,
    adminPort,
    url: `${tlsServer === undefined ? "http" : "https"}://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    runner,
    metrics,
    health,
    drain,
    logger,
    directStreams,
    shutdown: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}
