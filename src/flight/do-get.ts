/**
 * flight: DoGet — a ticket → FlightData: the schema, then the dictionaries, then record batches in
 * row order. Checks the ticket fully (plan, hash, table, range, limits) before taking a stream slot,
 * so a bad ticket costs no worker time; cancellation and drain abort the stream's worker tasks.
 */
import type { HandlerContext } from "@connectrpc/connect";
import type { FlightData, Ticket } from "../gen/arrow/flight/protocol/flight_pb.js";
import { codeLabel, toConnectError } from "../server/errors.js";
import type { GenerateDeps } from "../server/generate-rpc.js";
import { checkRequestRows } from "../server/limits.js";
import { ServerDrainingError, StreamInterruptedError } from "../server/request-errors.js";
import { RPC_SPAN, tracedRunner } from "../server/tracing.js";
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
    const t0 = performance.now();
    const { metrics } = deps;
    let release: (() => void) | undefined;
    let ended = false;
    // Once, from the generator's end or the client going away (see generate-rpc.ts).
    const end = (code: string) => {
      if (ended) return;
      ended = true;
      ctx.signal.removeEventListener("abort", onAbort);
      metrics.streamsFinished.inc({ code });
      metrics.streamDurationSeconds.observe((performance.now() - t0) / 1000);
      if (release !== undefined) {
        metrics.activeStreams.dec();
        release();
        deps.drain.streamEnded();
      }
    };
    const onAbort = () => end(codeLabel(toConnectError(undefined, deps.logger, ctx.signal).code));
    ctx.signal.addEventListener("abort", onAbort);
    try {
      if (deps.drain.draining) throw new ServerDrainingError();
      const request = await ticketRequest(req.ticket, deps);
      checkRequestRows((request.rowEnd ?? 0) - (request.rowStart ?? 0), deps.limits);
      release = deps.slots.acquire();
      metrics.activeStreams.inc();
      const runner = tracedRunner(deps.runner, deps.tracer, ctx.values.get(RPC_SPAN), (r) =>
        metrics.batchBuildSeconds.observe(r.buildSeconds),
      );
      const signal = AbortSignal.any([ctx.signal, deps.drain.deadline]);
      let firstBatch = true;
      for await (const chunk of generateStream(
        runner,
        { ...request, signal },
        { maxInFlight: deps.maxInFlight },
      )) {
        if (chunk.kind === "batch" && firstBatch) {
          firstBatch = false;
          metrics.timeToFirstBatchSeconds.observe((performance.now() - t0) / 1000);
        }
        metrics.rowsStreamed.inc({ transport: TRANSPORT }, chunk.rowCount);
        metrics.bytesStreamed.inc({ transport: TRANSPORT }, chunkWireBytes(chunk));
        yield* chunkFlightData(chunk);
      }
    } catch (e) {
      // Cut by the drain deadline: Unavailable, so the client retries the ticket on another replica.
      const err =
        deps.drain.deadline.aborted && !ctx.signal.aborted ? new StreamInterruptedError(undefined) : e;
      const mapped = toConnectError(err, deps.logger, ctx.signal);
      end(codeLabel(mapped.code));
      throw mapped;
    } finally {
      end(ctx.signal.aborted ? codeLabel(toConnectError(undefined, deps.logger, ctx.signal).code) : "ok");
    }
  };
}
