/**
 * server: the plain typed errors the service raises before or while streaming.
 * Each names its cause in data (violations, limit, cursor); errors.ts alone turns them into codes.
 */
import type { Violation } from "../plan/violation.js";
import type { ResumeCursor } from "../stream/stream-types.js";

/** The plan (inline or catalog) failed parsing, validation or compilation. */
export class PlanInvalidError extends Error {
  override readonly name = "PlanInvalidError";
  constructor(readonly violations: readonly Violation[]) {
    super(`invalid plan: ${violations.length} violation${violations.length === 1 ? "" : "s"}`);
  }
}

/** A configured limit was exceeded; `limit` is a stable name, e.g. "max_rows_per_request". */
export class LimitExceededError extends Error {
  override readonly name = "LimitExceededError";
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
  }
}

/** No catalog plan has this name. */
export class PlanNotFoundError extends Error {
  override readonly name = "PlanNotFoundError";
  constructor(readonly planName: string) {
    super(`no catalog plan named "${planName}"`);
  }
}

/** A request names a table its plan does not have; `path` is the request field naming it. */
export class TableNotFoundError extends Error {
  override readonly name = "TableNotFoundError";
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** The server is draining for shutdown and takes no new streams. */
export class ServerDrainingError extends Error {
  override readonly name = "ServerDrainingError";
  constructor() {
    super("server is shutting down; retry on another replica");
  }
}

/** The drain grace period ended while this stream was open; resume from `cursor`. */
export class StreamInterruptedError extends Error {
  override readonly name = "StreamInterruptedError";
  constructor(readonly cursor: ResumeCursor | undefined) {
    super("server is shutting down; resume the stream on another replica with the resume cursor");
  }
}
