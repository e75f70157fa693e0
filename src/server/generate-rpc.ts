/**
 * server: GeneratorService.Generate — GenerateRequest → stream of GenerateResponse.
 * Checks drain state and limits before any work, then relays the engine's chunks in order (each
 * with a resume cursor) and ends with a totals message. Cancellation, deadline and drain all abort
 * the engine through one signal, so a stream's pending worker tasks stop with it.
 */
import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import type { Tracer } from "@opentelemetry/api";
import {
  type GenerateRequest,
  type GenerateResponse,
  GenerateResponseSchema,
} from "../gen/synthstream/v1/generator_service_pb.js";
import { generateStream } from "../stream/index.js";
import type { BatchRunner, ResumeCursor, StreamRequest } from "../stream/stream-types.js";
import { checkRequestRows, type ServiceLimits, type StreamSlots, selectedRows } from "./limits.js";
import type { Logger } from "./logger.js";
import type { ServiceMetrics, TransportLabel } from "./metrics.js";
import { compileSourced, sourcePlan } from "./plan-source.js";
import { StreamInterruptedError } from "./request-errors.js";
import type { DrainController } from "./shutdown.js";
import { openStreamSession } from "./stream-session.js";

/** What Generate needs from its server. */
export interface GenerateDeps {
  readonly runner: BatchRunner;
  readonly metrics: ServiceMetrics;
  readonly limits: ServiceLimits;
  readonly slots: StreamSlots;
  readonly drain: DrainController;
  readonly logger: Logger;
  readonly tracer: Tracer;
  readonly maxInFlight: number;
  readonly catalogDir?: string | undefined;
}

/** The metrics transport label of a request, from its content type. */
export function transportOf(header: Headers): TransportLabel {
  const ct = header.get("content-type") ?? "";
  if (ct.startsWith("application/grpc-web")) return "grpcweb";
  if (ct.startsWith("application/grpc")) return "grpc";
  return "connect";
}

function streamRequest(
  req: GenerateRequest,
  plan: StreamRequest["plan"],
  signal: AbortSignal,
): StreamRequest {
  const columns: Record<string, string[]> = {};
  for (const p of req.columns) columns[p.table] = [...p.columns];
  return {
    plan,
    tables: req.tables,
    columns,
    rowStart: Number(req.rowStart),
    rowEnd: req.rowEnd === 0n ? undefined : Number(req.rowEnd),
    rowsPerBatch: req.rowsPerBatch,
    resume:
      req.resume === undefined
        ? undefined
        : { table: req.resume.table, rowOffset: Number(req.resume.rowOffset) },
    signal,
  };
}

/** Creates the Generate handler. */
export function createGenerate(deps: GenerateDeps) {
  return async function* generate(
    req: GenerateRequest,
    ctx: HandlerContext,
  ): AsyncGenerator<GenerateResponse> {
    const session = openStreamSession(deps, ctx, transportOf(ctx.requestHeader));
    let cursor: ResumeCursor | undefined;
    try {
      const plan = compileSourced(
        await sourcePlan(req.planSource, deps.limits, deps.catalogDir),
        req.seed,
        req.scale,
      );
      checkRequestRows(selectedRows(plan, req.tables, Number(req.rowStart), Number(req.rowEnd)), deps.limits);
      session.admit();
      const perTable = new Map<string, number>();
      let rows = 0;
      let bytes = 0;
      for await (const chunk of generateStream(session.runner, streamRequest(req, plan, session.signal), {
        maxInFlight: deps.maxInFlight,
      })) {
        if (chunk.kind === "header") cursor = { table: chunk.table, rowOffset: chunk.rowStart };
        else if (chunk.kind === "batch")
          cursor = { table: chunk.table, rowOffset: chunk.rowStart + chunk.rowCount };
        rows += chunk.rowCount;
        bytes += chunk.bytes.byteLength;
        perTable.set(chunk.table, (perTable.get(chunk.table) ?? 0) + chunk.rowCount);
        session.sent(chunk, chunk.bytes.byteLength);
        yield create(GenerateResponseSchema, {
          table: chunk.table,
          arrowIpc: chunk.bytes,
          rowStart: BigInt(chunk.rowStart),
          rowCount: BigInt(chunk.rowCount),
          resume:
            cursor === undefined ? undefined : { table: cursor.table, rowOffset: BigInt(cursor.rowOffset) },
        });
      }
      yield create(GenerateResponseSchema, {
        totals: {
          rows: BigInt(rows),
          bytes: BigInt(bytes),
          planHash: plan.planHash,
          tables: [...perTable].map(([table, n]) => ({ table, rows: BigInt(n) })),
        },
      });
    } catch (e) {
      // Cut by the drain deadline: Unavailable with the cursor, so the client resumes elsewhere.
      throw session.fail(
        deps.drain.deadline.aborted && !ctx.signal.aborted ? new StreamInterruptedError(cursor) : e,
      );
    } finally {
      // A consumer that stops early (return()) lands here without an error.
      session.finish();
    }
  };
}
