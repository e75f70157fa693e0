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
import { codeLabel, toConnectError } from "./errors.js";
import { checkRequestRows, type ServiceLimits, type StreamSlots, selectedRows } from "./limits.js";
import type { Logger } from "./logger.js";
import type { ServiceMetrics, TransportLabel } from "./metrics.js";
import { compileSourced, sourcePlan } from "./plan-source.js";
import { ServerDrainingError, StreamInterruptedError } from "./request-errors.js";
import type { DrainController } from "./shutdown.js";
import { RPC_SPAN, tracedRunner } from "./tracing.js";

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
    const t0 = performance.now();
    const transport = transportOf(ctx.requestHeader);
    const { metrics } = deps;
    let release: (() => void) | undefined;
    let cursor: ResumeCursor | undefined;
    let ended = false;
    // Runs once, from whichever comes first: the generator's own end, or the client going away
    // (connect may leave a generator suspended at `yield` when the peer resets the stream).
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
    const signal = AbortSignal.any([ctx.signal, deps.drain.deadline]);
    try {
      if (deps.drain.draining) throw new ServerDrainingError();
      const plan = compileSourced(
        await sourcePlan(req.planSource, deps.limits, deps.catalogDir),
        req.seed,
        req.scale,
      );
      checkRequestRows(selectedRows(plan, req.tables, Number(req.rowStart), Number(req.rowEnd)), deps.limits);
      release = deps.slots.acquire();
      metrics.activeStreams.inc();
      const runner = tracedRunner(deps.runner, deps.tracer, ctx.values.get(RPC_SPAN), (r) =>
        metrics.batchBuildSeconds.observe(r.buildSeconds),
      );
      const perTable = new Map<string, number>();
      let rows = 0;
      let bytes = 0;
      let firstBatch = true;
      for await (const chunk of generateStream(runner, streamRequest(req, plan, signal), {
        maxInFlight: deps.maxInFlight,
      })) {
        if (chunk.kind === "header") cursor = { table: chunk.table, rowOffset: chunk.rowStart };
        else if (chunk.kind === "batch")
          cursor = { table: chunk.table, rowOffset: chunk.rowStart + chunk.rowCount };
        if (chunk.kind === "batch" && firstBatch) {
          firstBatch = false;
          metrics.timeToFirstBatchSeconds.observe((performance.now() - t0) / 1000);
        }
        rows += chunk.rowCount;
        bytes += chunk.bytes.byteLength;
        perTable.set(chunk.table, (perTable.get(chunk.table) ?? 0) + chunk.rowCount);
        metrics.rowsStreamed.inc({ transport }, chunk.rowCount);
        metrics.bytesStreamed.inc({ transport }, chunk.bytes.byteLength);
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
      const err = deps.drain.deadline.aborted && !ctx.signal.aborted ? new StreamInterruptedError(cursor) : e;
      const mapped = toConnectError(err, deps.logger, ctx.signal);
      end(codeLabel(mapped.code));
      throw mapped;
    } finally {
      // A consumer that stops early (return()) lands here without an error.
      end(ctx.signal.aborted ? codeLabel(toConnectError(undefined, deps.logger, ctx.signal).code) : "ok");
    }
  };
}
