/**
 * server: structured JSON logs (pino), one logger per server instance.
 * Options → Logger. The destination is injectable so tests can read the lines; stack traces are
 * logged here and never sent to clients.
 */
import { type DestinationStream, type Logger, pino } from "pino";

/** The service logger type. */
export type { Logger };

/** Creates a JSON logger; `level` defaults to SYNTHSTREAM_LOG_LEVEL or "info". */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.SYNTHSTREAM_LOG_LEVEL ?? "info";
  const opts = { level, base: { service: "synthstream" } };
  return options.destination === undefined ? pino(opts) : pino(opts, options.destination);
}
