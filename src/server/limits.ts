/**
 * server: request limits — rows per request, inline plan size, concurrent streams.
 * (config, request) → nothing or a LimitExceededError; stream slots are counted per server, so one
 * busy client cannot take every worker. Limits are checked before any batch is scheduled.
 */
import type { CompiledPlan } from "../compile/compiled-plan.js";
import { LimitExceededError } from "./request-errors.js";

/** The limits a server enforces. */
export interface ServiceLimits {
  readonly maxRowsPerRequest: number;
  readonly maxConcurrentStreams: number;
  readonly maxPlanBytes: number;
}

/** Rejects an inline plan whose encoded form is larger than allowed. */
export function checkPlanBytes(bytes: number, limits: ServiceLimits): void {
  if (bytes > limits.maxPlanBytes) {
    throw new LimitExceededError(
      "max_plan_bytes",
      `plan is ${bytes} bytes; the limit is ${limits.maxPlanBytes}`,
    );
  }
}

/** Rows a request selects: the selected tables' rows inside [rowStart, rowEnd). */
export function selectedRows(
  plan: CompiledPlan,
  tables: readonly string[],
  rowStart: number,
  rowEnd: number,
): number {
  const chosen = tables.length === 0 ? plan.tables : plan.tables.filter((t) => tables.includes(t.name));
  let rows = 0;
  for (const t of chosen) {
    const end = rowEnd > 0 ? Math.min(rowEnd, t.rows) : t.rows;
    rows += Math.max(0, end - Math.max(0, rowStart));
  }
  return rows;
}

/** Rejects a request selecting more rows than allowed. */
export function checkRequestRows(rows: number, limits: ServiceLimits): void {
  if (rows > limits.maxRowsPerRequest) {
    throw new LimitExceededError(
      "max_rows_per_request",
      `request selects ${rows} rows; the limit is ${limits.maxRowsPerRequest} (narrow tables, row_start/row_end or scale)`,
    );
  }
}

/** Counts open streams against a maximum. */
export interface StreamSlots {
  /** Takes a slot, or throws LimitExceededError; returns the release function (idempotent). */
  acquire(): () => void;
  readonly open: number;
}

/** Creates the stream-slot counter for one server. */
export function createStreamSlots(max: number): StreamSlots {
  let open = 0;
  return {
    acquire() {
      if (open >= max) {
        throw new LimitExceededError(
          "max_concurrent_streams",
          `server is at its limit of ${max} concurrent streams`,
        );
      }
      open++;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          open--;
        }
      };
    },
    get open() {
      return open;
    },
  };
}
