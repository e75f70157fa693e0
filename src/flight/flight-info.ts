/**
 * flight: (compiled plan, query, table) → FlightInfo — the IPC-framed schema, one endpoint per
 * shard (a self-contained ticket plus the advertised locations), row and byte totals, ordered.
 * Pure: computed from the plan alone, so every replica answers the same.
 */
import { create } from "@bufbuild/protobuf";
import { encodeSchema } from "../arrow/ipc.js";
import { tableSchema } from "../arrow/schema.js";
import type { CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import {
  type FlightDescriptor,
  type FlightInfo,
  FlightInfoSchema,
} from "../gen/arrow/flight/protocol/flight_pb.js";
import { DEFAULT_SHARD_ROWS, planShards, resolveRequest, StreamRequestError } from "../stream/index.js";
import type { FlightQuery } from "./descriptors.js";
import { encodeTicket } from "./tickets.js";

/** Most endpoints one FlightInfo lists (a guard against absurd shard_rows). */
export const MAX_ENDPOINTS = 65_536;

/** How endpoints are cut and where they point. */
export interface InfoOptions {
  /** Rows per endpoint; default DEFAULT_SHARD_ROWS. */
  readonly shardRows?: number | undefined;
  /** Location URIs put on every endpoint (e.g. grpc+tcp://host:port); empty = "this server". */
  readonly locations: readonly string[];
}

/** The IPC-framed schema message of a table projection (what FlightInfo.schema carries). */
export function schemaBytes(
  plan: CompiledPlan,
  table: CompiledTable,
  columns?: readonly string[],
): Uint8Array {
  return encodeSchema(tableSchema(plan, table, columns)).bytes;
}

/** Checks the projection against the table (throws StreamRequestError) and returns it. */
export function checkProjection(
  plan: CompiledPlan,
  table: CompiledTable,
  columns: readonly string[] | undefined,
): readonly string[] | undefined {
  const cols = columns === undefined || columns.length === 0 ? undefined : columns;
  resolveRequest({ plan, tables: [table.name], columns: cols === undefined ? {} : { [table.name]: cols } });
  return cols;
}

/** Builds the FlightInfo of one table. */
export function buildFlightInfo(
  plan: CompiledPlan,
  table: CompiledTable,
  query: FlightQuery,
  descriptor: FlightDescriptor | undefined,
  options: InfoOptions,
): FlightInfo {
  const columns = checkProjection(plan, table, query.columns);
  const shardRows = query.shardRows ?? options.shardRows ?? DEFAULT_SHARD_ROWS;
  if (Math.ceil(table.rows / shardRows) > MAX_ENDPOINTS)
    throw new StreamRequestError([
      { path: "shard_rows", message: `${shardRows} rows per endpoint gives over ${MAX_ENDPOINTS} endpoints` },
    ]);
  const shards = planShards(plan, table, { shardRows, columns });
  const location = options.locations.map((uri) => ({ uri }));
  return create(FlightInfoSchema, {
    schema: schemaBytes(plan, table, columns),
    flightDescriptor: descriptor,
    endpoint: shards.map((s) => ({
      ticket: {
        ticket: encodeTicket({
          ref: query.ref,
          seed: query.seed,
          scale: query.scale,
          planHash: plan.planHash,
          table: table.name,
          columns,
          rowStart: s.rowStart,
          rowEnd: s.rowStart + s.rowCount,
        }),
      },
      location,
    })),
    totalRecords: BigInt(shards.reduce((n, s) => n + s.rowCount, 0)),
    totalBytes: BigInt(shards.reduce((n, s) => n + s.estimatedBytes, 0)),
    ordered: true,
  });
}
