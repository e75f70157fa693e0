/**
 * flight: a FlightDescriptor → a FlightQuery (plan reference, overrides, table, projection).
 * PATH: ["<catalog>"] or ["<catalog>", "<table>"], then optional "scale=0.1", "seed=7",
 * "columns=a,b", "shard_rows=N" parts. CMD: UTF-8 JSON, {catalog|plan, table, scale, seed,
 * columns, shard_rows} or a bare proto-JSON Plan. Malformed → StreamRequestError (InvalidArgument).
 */
import {
  FlightDescriptor_DescriptorType as DescriptorType,
  type FlightDescriptor,
} from "../gen/arrow/flight/protocol/flight_pb.js";
import { StreamRequestError } from "../stream/index.js";
import type { TicketPlanRef } from "./tickets.js";

/** What a descriptor asks for; `table` undefined means the plan's first table. */
export interface FlightQuery {
  readonly ref: TicketPlanRef;
  readonly seed?: string | undefined;
  readonly scale?: number | undefined;
  readonly table?: string | undefined;
  readonly columns?: readonly string[] | undefined;
  /** Rows per endpoint; undefined = the server's default. */
  readonly shardRows?: number | undefined;
}

const bad = (path: string, message: string) => new StreamRequestError([{ path, message }]);

function seedOf(v: unknown, path: string): string | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
  if (typeof s !== "string" || !/^\d{1,20}$/.test(s) || BigInt(s) >= 2n ** 64n)
    throw bad(path, `seed must be a uint64, got ${JSON.stringify(v)}`);
  return s;
}

function scaleOf(v: unknown, path: string): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0)
    throw bad(path, `scale must be a positive number, got ${JSON.stringify(v)}`);
  return n;
}

function shardRowsOf(v: unknown, path: string): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1)
    throw bad(path, `shard_rows must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

function columnsOf(v: unknown, path: string): string[] | undefined {
  if (v === undefined) return undefined;
  const list = typeof v === "string" ? v.split(",").filter((c) => c !== "") : v;
  if (!Array.isArray(list) || !list.every((c) => typeof c === "string"))
    throw bad(path, "columns must be a list of column names");
  return list;
}

function fromPath(path: readonly string[]): FlightQuery {
  const [catalog, ...rest] = path;
  if (catalog === undefined || catalog === "")
    throw bad("descriptor.path", 'expected ["<catalog plan>", "<table>"?, "scale=…"?, "seed=…"?]');
  let table: string | undefined;
  const opts: Record<string, string> = {};
  rest.forEach((part, i) => {
    const eq = part.indexOf("=");
    if (eq < 0 && i === 0) table = part;
    else if (eq > 0 && ["scale", "seed", "columns", "shard_rows"].includes(part.slice(0, eq)))
      opts[part.slice(0, eq)] = part.slice(eq + 1);
    else
      throw bad(
        `descriptor.path[${i + 1}]`,
        `unexpected path part "${part}" (use scale=, seed=, columns=, shard_rows=)`,
      );
  });
  return {
    ref: { catalog },
    table,
    seed: seedOf(opts.seed, "descriptor.path.seed"),
    scale: scaleOf(opts.scale, "descriptor.path.scale"),
    columns: columnsOf(opts.columns, "descriptor.path.columns"),
    shardRows: shardRowsOf(opts.shard_rows, "descriptor.path.shard_rows"),
  };
}

function fromCmd(cmd: Uint8Array): FlightQuery {
  let j: unknown;
  try {
    j = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(cmd));
  } catch {
    throw bad(
      "descriptor.cmd",
      "expected UTF-8 JSON: a plan, or {catalog|plan, table, scale, seed, columns}",
    );
  }
  if (j === null || typeof j !== "object" || Array.isArray(j))
    throw bad("descriptor.cmd", "expected a JSON object");
  const o = j as Record<string, unknown>;
  const wrapped = "catalog" in o || "plan" in o;
  if (!wrapped) return { ref: { plan: o } }; // a bare proto-JSON Plan
  let ref: TicketPlanRef;
  if (typeof o.catalog === "string" && o.plan === undefined) ref = { catalog: o.catalog };
  else if (o.plan !== null && typeof o.plan === "object" && o.catalog === undefined) ref = { plan: o.plan };
  else throw bad("descriptor.cmd", "set exactly one of `catalog` (a name) or `plan` (a plan object)");
  if (o.table !== undefined && typeof o.table !== "string")
    throw bad("descriptor.cmd.table", "table must be a string");
  return {
    ref,
    table: o.table as string | undefined,
    seed: seedOf(o.seed, "descriptor.cmd.seed"),
    scale: scaleOf(o.scale, "descriptor.cmd.scale"),
    columns: columnsOf(o.columns, "descriptor.cmd.columns"),
    shardRows: shardRowsOf(o.shard_rows, "descriptor.cmd.shard_rows"),
  };
}

/** Parses a descriptor; throws StreamRequestError for an unknown type or malformed content. */
export function parseDescriptor(d: FlightDescriptor): FlightQuery {
  if (d.type === DescriptorType.PATH) return fromPath(d.path);
  if (d.type === DescriptorType.CMD) return fromCmd(d.cmd);
  throw bad("descriptor.type", "descriptor type must be PATH or CMD");
}
