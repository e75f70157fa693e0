/**
 * cli: `synthstream serve` — flags and SYNTHSTREAM_* environment → ServerConfig → a running
 * service. Logs one JSON "listening" line with the real ports; on SIGTERM/SIGINT drains and
 * resolves 0. A bad flag prints usage and returns 2.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { SECURITY_FLAGS, SECURITY_USAGE, securityConfig } from "../security/security-config.js";
import { CONFIG_ENV, ConfigError, DEFAULT_CONFIG, parseCount, type ServerConfig } from "../server/config.js";
import { createServer } from "../server/create-server.js";
import { createLogger } from "../server/logger.js";
import { startTracingFromEnv } from "../server/tracing.js";
import type { CliIo } from "./io.js";

export const USAGE = `usage: synthstream serve [--host H] [--port N] [--admin-port N] [--workers N] [--max-rows N]
                        [--max-streams N] [--max-plan-bytes N] [--drain-seconds N] [--catalog DIR]
                        [--advertise grpc://host:port[,...]|none]
${SECURITY_USAGE}`;

const FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  "admin-port": { type: "string" },
  workers: { type: "string" },
  "max-rows": { type: "string" },
  "max-streams": { type: "string" },
  "max-plan-bytes": { type: "string" },
  "drain-seconds": { type: "string" },
  catalog: { type: "string" },
  advertise: { type: "string" },
  help: { type: "boolean", short: "h" },
  ...SECURITY_FLAGS,
} as const;

type Flags = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]["type"] extends "string" ? string : boolean };

const NUMERIC: ReadonlyArray<readonly [keyof Flags, keyof ServerConfig, number]> = [
  ["port", "port", 0],
  ["admin-port", "adminPort", 0],
  ["workers", "workers", 0],
  ["max-rows", "maxRowsPerRequest", 1],
  ["max-streams", "maxConcurrentStreams", 1],
  ["max-plan-bytes", "maxPlanBytes", 1],
  ["drain-seconds", "drainSeconds", 0],
];

/** Flags over environment over defaults. */
export function serveConfig(flags: Flags, env: NodeJS.ProcessEnv): ServerConfig {
  const cfg: Record<string, unknown> = { ...DEFAULT_CONFIG, workers: availableParallelism() };
  for (const [flag, key, min] of NUMERIC) {
    const envName = CONFIG_ENV[key];
    const fromFlag = flags[flag];
    const fromEnv = envName === undefined ? undefined : env[envName];
    if (typeof fromFlag === "string") cfg[key] = parseCount(fromFlag, `--${flag}`, min);
    else if (fromEnv !== undefined && fromEnv !== "") cfg[key] = parseCount(fromEnv, envName!, min);
  }
  cfg.host = flags.host ?? env.SYNTHSTREAM_HOST ?? DEFAULT_CONFIG.host;
  const catalog = flags.catalog ?? env.SYNTHSTREAM_CATALOG_DIR;
  if (catalog !== undefined && catalog !== "") cfg.catalogDir = catalog;
  const advertise = flags.advertise ?? env.SYNTHSTREAM_ADVERTISE;
  if (advertise !== undefined && advertise !== "") cfg.advertise = advertise;
  cfg.security = securityConfig(flags, env);
  return cfg as unknown as ServerConfig;
}

/** Runs the service until SIGTERM/SIGINT; returns the exit code. */
export async function runServe(argv: string[], io: CliIo): Promise<number> {
  let config: ServerConfig;
  try {
    const { values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false });
    if (values.help === true) {
      io.stdout.write(USAGE);
      return 0;
    }
    config = serveConfig(values, io.env);
  } catch (e) {
    const msg = e instanceof ConfigError || e instanceof TypeError ? e.message : String(e);
    io.stderr.write(`synthstream serve: ${msg}\n${USAGE}`);
    return 2;
  }
  const logger = createLogger();
  const stopTracing = await startTracingFromEnv(io.env);
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer(config, { logger });
  } catch (e) {
    // A port in use, or an unreadable key, JWKS, tenants or certificate file: say which, no stack.
    io.stderr.write(`synthstream serve: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
    await stopTracing?.();
    return 1;
  }
  logger.info(
    {
      port: server.port,
      adminPort: server.adminPort,
      host: config.host,
      workers: server.runner.totalWorkers,
      auth: config.security?.auth.join(",") || "none",
      tls:
        config.security?.tlsCert === undefined
          ? "off"
          : config.security.tlsClientCa === undefined
            ? "tls"
            : "mtls",
    },
    "listening",
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutdown requested");
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  await server.shutdown();
  await stopTracing?.();
  return 0;
}
