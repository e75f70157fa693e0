/**
 * flight: Flight tickets — a shard's address as self-contained bytes, and back.
 * TicketBody (plan reference, table, projection, row range) ⇄ versioned UTF-8 JSON. A ticket holds
 * everything needed to regenerate its rows, so any replica serves any ticket with no server state.
 */
import { StreamRequestError } from "../stream/index.js";

/** Current ticket format version; decoders reject any other. */
export const TICKET_VERSION = 1;

/** Where a ticket's plan comes from: a catalog name, or an inline plan in proto JSON form. */
export type TicketPlanRef = { readonly catalog: string } | { readonly plan: unknown };

/** What a ticket addresses. */
export interface TicketBody {
  readonly ref: TicketPlanRef;
  /** Seed override as a decimal uint64 string; absent keeps the plan's. */
  readonly seed?: string | undefined;
  /** Scale override; absent (or 0) keeps the plan's. */
  readonly scale?: number | undefined;
  /** SHA-256 of the compiled plan when issued: a replica with a different plan refuses the ticket. */
  readonly planHash?: string | undefined;
  readonly table: string;
  /** Projection; absent = every column. */
  readonly columns?: readonly string[] | undefined;
  /** Rows [rowStart, rowEnd) of the table. */
  readonly rowStart: number;
  readonly rowEnd: number;
}

const bad = (message: string) => new StreamRequestError([{ path: "ticket", message }]);

/** Encodes a ticket as compact JSON with a version field. */
export function encodeTicket(t: TicketBody): Uint8Array {
  const json: Record<string, unknown> = { v: TICKET_VERSION, ...t.ref, table: t.table };
  if (t.seed !== undefined) json.seed = t.seed;
  if (t.scale !== undefined && t.scale !== 0) json.scale = t.scale;
  if (t.planHash !== undefined) json.hash = t.planHash;
  if (t.columns !== undefined && t.columns.length > 0) json.columns = t.columns;
  json.rows = [t.rowStart, t.rowEnd];
  return new TextEncoder().encode(JSON.stringify(json));
}

const isRow = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

function parseJson(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw bad("not a synthstream ticket (expected versioned JSON)");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw bad("not a synthstream ticket (expected a JSON object)");
  return value as Record<string, unknown>;
}

function planRef(j: Record<string, unknown>): TicketPlanRef {
  if (typeof j.catalog === "string" && j.plan === undefined) return { catalog: j.catalog };
  if (j.plan !== undefined && j.catalog === undefined && typeof j.plan === "object" && j.plan !== null)
    return { plan: j.plan };
  throw bad("a ticket needs exactly one of `catalog` (a name) or `plan` (an inline plan)");
}

/** Decodes and checks a ticket's shape; throws StreamRequestError (→ InvalidArgument) if malformed. */
export function decodeTicket(bytes: Uint8Array): TicketBody {
  const j = parseJson(bytes);
  if (j.v !== TICKET_VERSION) throw bad(`unsupported ticket version ${JSON.stringify(j.v)}`);
  const ref = planRef(j);
  if (typeof j.table !== "string" || j.table === "") throw bad("`table` must be a table name");
  const rows = j.rows;
  if (!Array.isArray(rows) || rows.length !== 2 || !isRow(rows[0]) || !isRow(rows[1]) || rows[1] < rows[0])
    throw bad("`rows` must be [start, end) with 0 <= start <= end");
  if (j.seed !== undefined && (typeof j.seed !== "string" || !/^\d{1,20}$/.test(j.seed)))
    throw bad("`seed` must be a decimal uint64 string");
  if (j.scale !== undefined && (typeof j.scale !== "number" || !(j.scale > 0)))
    throw bad("`scale` must be a positive number");
  if (j.hash !== undefined && typeof j.hash !== "string") throw bad("`hash` must be a string");
  const cols = j.columns;
  if (cols !== undefined && (!Array.isArray(cols) || !cols.every((c) => typeof c === "string")))
    throw bad("`columns` must be a list of column names");
  return {
    ref,
    seed: j.seed as string | undefined,
    scale: j.scale as number | undefined,
    planHash: j.hash as string | undefined,
    table: j.table,
    columns: cols as string[] | undefined,
    rowStart: rows[0],
    rowEnd: rows[1],
  };
}
