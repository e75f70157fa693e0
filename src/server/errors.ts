/**
 * server: THE one place that maps errors to Connect/gRPC codes.
 * Any thrown value → ConnectError. Known typed errors keep their message and details; anything
 * unknown becomes Internal with a generic message, and its stack goes to the log only.
 */
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  BadRequest_FieldViolationSchema,
  BadRequestSchema,
  RetryInfoSchema,
} from "../gen/google/rpc/error_details_pb.js";
import { ResumeCursorSchema } from "../gen/synthstream/v1/generator_service_pb.js";
import { formatViolation } from "../plan/violation.js";
import {
  AuthenticationError,
  KeySourceUnavailableError,
  PermissionDeniedError,
  QuotaExceededError,
} from "../security/auth-errors.js";
import { BatchFailedError, StreamRequestError } from "../stream/index.js";
import type { Logger } from "./logger.js";
import {
  LimitExceededError,
  PlanInvalidError,
  PlanNotFoundError,
  ServerDrainingError,
  StreamInterruptedError,
  TableNotFoundError,
} from "./request-errors.js";

/** Trailer keys carrying the resume cursor when a stream is cut by shutdown. */
export const RESUME_TABLE_HEADER = "synthstream-resume-table";
export const RESUME_ROW_HEADER = "synthstream-resume-row";

function badRequest(message: string, violations: readonly { path: string; message: string }[]): ConnectError {
  const value = create(BadRequestSchema, {
    fieldViolations: violations.map((v) =>
      create(BadRequest_FieldViolationSchema, { field: v.path, description: v.message }),
    ),
  });
  const shown = violations.slice(0, 20).map(formatViolation).join("; ");
  return new ConnectError(`${message}: ${shown}`, Code.InvalidArgument, undefined, [
    { desc: BadRequestSchema, value },
  ]);
}

function interrupted(e: StreamInterruptedError): ConnectError {
  const c = e.cursor;
  if (c === undefined) return new ConnectError(e.message, Code.Unavailable);
  const trailer = { [RESUME_TABLE_HEADER]: c.table, [RESUME_ROW_HEADER]: String(c.rowOffset) };
  const detail = {
    desc: ResumeCursorSchema,
    value: create(ResumeCursorSchema, { table: c.table, rowOffset: BigInt(c.rowOffset) }),
  };
  return new ConnectError(e.message, Code.Unavailable, trailer, [detail]);
}

/** A tenant quota: ResourceExhausted with google.rpc.RetryInfo (and retry-after-ms for HTTP clients). */
function retryLater(e: QuotaExceededError): ConnectError {
  const ms = Math.max(1, Math.ceil(e.retryAfterMs));
  const retryDelay = { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
  const detail = { desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay }) };
  return new ConnectError(e.message, Code.ResourceExhausted, { "retry-after-ms": String(ms) }, [detail]);
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === "AbortError" || (e as { code?: unknown }).code === "ABORT_ERR");
}

/**
 * Maps an error to the ConnectError the client sees. `signal` is the RPC's own signal: if it
 * fired, the client cancelled or the deadline passed, and its reason carries that code.
 */
export function toConnectError(e: unknown, logger: Logger, signal?: AbortSignal): ConnectError {
  if (e instanceof ConnectError) return e;
  if (e instanceof PlanInvalidError) return badRequest("invalid plan", e.violations);
  if (e instanceof StreamRequestError) return badRequest("invalid request", e.violations);
  if (e instanceof BatchFailedError) {
    logger.error({ err: e }, "batch failed");
    return new ConnectError(e.message, Code.Internal);
  }
  if (e instanceof AuthenticationError) return new ConnectError(e.message, Code.Unauthenticated);
  if (e instanceof KeySourceUnavailableError) return new ConnectError(e.message, Code.Unavailable);
  if (e instanceof PermissionDeniedError) return new ConnectError(e.message, Code.PermissionDenied);
  if (e instanceof QuotaExceededError) return retryLater(e);
  if (e instanceof LimitExceededError) return new ConnectError(e.message, Code.ResourceExhausted);
  if (e instanceof PlanNotFoundError) return new ConnectError(e.message, Code.NotFound);
  if (e instanceof TableNotFoundError) return new ConnectError(e.message, Code.NotFound);
  if (e instanceof ServerDrainingError) return new ConnectError(e.message, Code.Unavailable);
  if (e instanceof StreamInterruptedError) return interrupted(e);
  if (signal?.aborted === true) {
    const reason: unknown = signal.reason;
    return reason instanceof ConnectError ? reason : new ConnectError("request canceled", Code.Canceled);
  }
  if (isAbort(e)) return new ConnectError("request canceled", Code.Canceled);
  logger.error({ err: e }, "internal error");
  return new ConnectError("internal error", Code.Internal);
}

/** The metrics label of a code: snake_case of its name ("deadline_exceeded"), or "ok". */
export function codeLabel(code: Code | undefined): string {
  if (code === undefined) return "ok";
  return Code[code].replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `_${c.toLowerCase()}`));
}
