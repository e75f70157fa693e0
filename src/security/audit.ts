/**
 * security: the audit trail — one structured pino line per data stream (tenant, RPC, plan hash,
 * rows, bytes, duration, code) and one per refused credential. Lines are built from explicit
 * fields only, so a token or key can never reach the log.
 */
import type { Logger } from "../server/logger.js";

/** One finished stream. */
export interface StreamAudit {
  readonly tenant: string;
  /** "Service/Method", e.g. "synthstream.v1.GeneratorService/Generate". */
  readonly rpc: string;
  readonly planHash: string;
  readonly rows: number;
  readonly bytes: number;
  readonly durationMs: number;
  /** snake_case code label ("ok", "resource_exhausted"). */
  readonly code: string;
  readonly via: string;
}

/** The audit sink. */
export interface Audit {
  stream(a: StreamAudit): void;
  /** A refused request: who (when known), what, and why — never the credential. */
  refused(a: { rpc: string; code: string; reason: string; tenant?: string | undefined }): void;
}

/** Writes audit lines through `logger` with `audit: true`, so they can be routed or filtered. */
export function createAudit(logger: Logger): Audit {
  const log = logger.child({ audit: true });
  return {
    stream: (a) =>
      log.info(
        {
          tenant: a.tenant,
          rpc: a.rpc,
          planHash: a.planHash,
          rows: a.rows,
          bytes: a.bytes,
          durationMs: Math.round(a.durationMs),
          code: a.code,
          via: a.via,
        },
        "stream",
      ),
    refused: (a) =>
      log.warn({ rpc: a.rpc, code: a.code, reason: a.reason, tenant: a.tenant ?? null }, "refused"),
  };
}
