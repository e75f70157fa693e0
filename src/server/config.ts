/**
 * server: the service configuration — plain data from flags and environment.
 * Environment → ServerConfig defaults; the `serve` CLI overrides them with flags. Tests build one
 * directly (port 0, host 127.0.0.1).
 */
import type { SecurityConfig } from "../security/security-config.js";

/** Everything createServer needs to know. */
export interface ServerConfig {
  readonly host: string;
  /** The RPC port (gRPC, gRPC-Web, Connect); 0 picks a free port. */
  readonly port: number;
  /** The admin HTTP port (/metrics, /healthz, /readyz); 0 picks a free port, -1 disables it. */
  readonly adminPort: number;
  /** Worker threads; 0 runs batches inline on the main thread (tests). */
  readonly workers: number;
  readonly maxRowsPerRequest: number;
  readonly maxConcurrentStreams: number;
  /** Largest accepted inline plan, in encoded protobuf bytes. */
  readonly maxPlanBytes: number;
  /** How long open streams may run on after SIGTERM. */
  readonly drainSeconds: number;
  /** Batches in flight per stream (bounds memory per stream). */
  readonly maxInFlight: number;
  /** Directory of catalog plans (*.yaml); undefined = the repo's plans/. */
  readonly catalogDir?: string | undefined;
  /** Flight endpoint locations (comma-separated URIs, or "none"); undefined = grpc+tcp://host:port. */
  readonly advertise?: string | undefined;
  /** Authentication, tenant limits and TLS; undefined = none of them (local development). */
  readonly security?: SecurityConfig | undefined;
}

/** Defaults when neither flag nor environment says otherwise. */
export const DEFAULT_CONFIG: ServerConfig = {
  host: "0.0.0.0",
  port: 8080,
  adminPort: 8081,
  workers: 0,
  maxRowsPerRequest: 1_000_000_000,
  maxConcurrentStreams: 64,
  maxPlanBytes: 1 << 20,
  drainSeconds: 25,
  maxInFlight: 4,
};

/** Environment variable for each config key that has one. */
export const CONFIG_ENV: Readonly<Partial<Record<keyof ServerConfig, string>>> = {
  host: "SYNTHSTREAM_HOST",
  port: "SYNTHSTREAM_PORT",
  adminPort: "SYNTHSTREAM_ADMIN_PORT",
  workers: "SYNTHSTREAM_WORKERS",
  maxRowsPerRequest: "SYNTHSTREAM_MAX_ROWS_PER_REQUEST",
  maxConcurrentStreams: "SYNTHSTREAM_MAX_CONCURRENT_STREAMS",
  maxPlanBytes: "SYNTHSTREAM_MAX_PLAN_BYTES",
  drainSeconds: "SYNTHSTREAM_DRAIN_SECONDS",
  catalogDir: "SYNTHSTREAM_CATALOG_DIR",
  advertise: "SYNTHSTREAM_ADVERTISE",
};

/** Thrown for an unusable flag or environment value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses a non-negative integer setting, naming its source on failure. */
export function parseCount(text: string, source: string, min = 0): number {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isSafeInteger(n) || n < min) {
    throw new ConfigError(`${source}: expected an integer >= ${min}, got "${text}"`);
  }
  return n;
}
