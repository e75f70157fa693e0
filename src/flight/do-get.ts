/**
 * flight: DoGet — a ticket → FlightData: the schema, then the dictionaries, then record batches in
 * row order. Checks the ticket fully (plan, hash, table, range, limits) before taking a stream slot,
 * so a bad ticket costs no worker time; cancellation and drain abort the stream's worker tasks.
 */
import type { HandlerContext } from "@connectrpc/connect";
import type { FlightData, Ticket } from "../gen/arrow/flight/protocol/flight_pb.js";
import type { GenerateDeps } from "../server/generate-rpc.js";
import { checkRequestRows } from "../server/limits.js";
import { StreamInterruptedError } from "../server/request-errors.js";
import { openStreamSession } from "../server/stream-session.js";
import { generateStream, type StreamRequest, StreamRequestError } from "../stream/index.js";
import { chunkFlightData, chunkWireBytes } from "./flight-data.js";
import { pickTable, resolvePlan } from "./resolve-plan.js";
import { decodeTicket } from "./tickets.js";

const TRANSPORT = "flight";

/** Resolves a ticket into the engine request it addresses (no signal yet). */
export async function ticketRequest(ticket: Uint8Array, deps: GenerateDeps): Promise<StreamRequest> {
  const t = decodeTicket(ticket);
  const plan = await resolvePlan(t.ref, t.seed, t.scale, deps);
  if (t.planHash !== undefined && t.planHash !== plan.planHash)
    throw new StreamRequestError([
      {
        path: "ticket.hash",
        message: "the plan changed since this ticket was issued; call GetFlightInfo again",
      },
    ]);
  const table = pickTable(plan, t.table, "ticket.table");
  if (t.rowEnd > table.rows)
    throw new StreamRequestError([
      {
        path: "ticket.rows",
        message: `rows [${t.rowStart}, ${t.rowEnd}) are outside "${table.name}" (${table.rows} rows)`,
      },
    ]);
  const columns = t.columns === undefined || t.columns.length === 0 ? {} : { [table.name]: t.columns };
  return { plan, tables: [table.name], columns, rowStart: t.rowStart, rowEnd: t.rowEnd };
}

/** Creates the DoGet handler over the server's shared dependencies. */
export function createDoGet(deps: GenerateDeps) {
  return async function* doGet(req: Ticket, ctx: HandlerContext): AsyncGenerator<FlightData> {
    const session = openStreamSession(deps, ctx, TRANSPORT);
    try {
      const request = await ticketRequest(req.ticket, deps);
      checkRequestRows((request.rowEnd ?? 0) - (request.rowStart ?? 0), deps.limits);
      session.admit();
      for await (const chunk of generateStream(
        session.runner,
        { ...request, signal: session.signal },
        { maxInFlight: deps.maxInFlight },
      )) {
        session.sent(chunk, chunkWireBytes(chunk));
        yield* chunkFlightData(chunk);
      }
    } catch (e) {
      // Cut by the drain deadline: Unavailable, so the client retries the ticket on another replica.
      throw session.fail(
        deps.drain.deadline.aborted && !ctx.signal.aborted ? new StreamInterruptedError(undefined) : e,
      );
    } finally {
      session.finish();
    }
  };
}
