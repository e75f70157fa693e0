/**
 * stream: the one error a malformed StreamRequest raises, before any work starts.
 * Carries every problem with its field path (`tables[1]`, `columns.orders[0]`, `resume.rowOffset`),
 * in the plan validator's Violation shape, so transports map it like a bad plan.
 */
import { formatViolation, type Violation } from "../plan/violation.js";

/** A StreamRequest that names unknown tables or columns, or an impossible range or cursor. */
export class StreamRequestError extends Error {
  override readonly name = "StreamRequestError";
  /** Field path of the first problem. */
  readonly path: string;
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    super(violations.map(formatViolation).join("; "));
    this.violations = violations;
    this.path = violations[0]?.path ?? "";
  }
}

/** A batch a runner failed to produce (a worker threw or died); carries the batch's address. */
export class BatchFailedError extends Error {
  override readonly name = "BatchFailedError";
  readonly table: string;
  readonly rowStart: number;

  constructor(table: string, rowStart: number, cause: unknown) {
    super(
      `generating "${table}" at row ${rowStart} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.table = table;
    this.rowStart = rowStart;
  }
}
