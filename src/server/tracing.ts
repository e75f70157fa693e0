/**
 * server: OpenTelemetry — one span per RPC (a Connect interceptor) and one child span per shard
 * task (a runner wrapper). The tracer is injected; the NodeSDK is started only when OTEL_*
 * variables ask for an exporter, so tracing is off (no-op tracer) by default.
 */

import type { Interceptor } from "@connectrpc/connect";
import { ConnectError, createContextKey } from "@connectrpc/connect";
import { context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import type { BatchResult, BatchRunner } from "../stream/stream-types.js";

/** True when the environment requests a trace exporter. */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER;
  if (exporter !== undefined && exporter !== "" && exporter !== "none") return true;
  return (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? "") !== "";
}

/** Starts the NodeSDK if the environment asks for it; returns its shutdown, or undefined. */
export async function startTracingFromEnv(
  env: NodeJS.ProcessEnv,
): Promise<(() => Promise<void>) | undefined> {
  if (!tracingRequested(env)) return undefined;
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const sdk = new NodeSDK({ serviceName: env.OTEL_SERVICE_NAME ?? "synthstream" });
  sdk.start();
  return () => sdk.shutdown();
}

function rpcSystem(contentType: string | null): string {
  return contentType?.startsWith("application/grpc") === true ? "grpc" : "connect_rpc";
}

/** Where the interceptor leaves the RPC span for the handler (streams run outside its context). */
export const RPC_SPAN = createContextKey<Span | undefined>(undefined, {
  description: "synthstream RPC span",
});

/** A server interceptor that wraps every RPC (streams included, until the last message) in a span. */
export function createTracingInterceptor(tracer: Tracer): Interceptor {
  return (next) => async (req) => {
    const service = req.service.typeName;
    const span = tracer.startSpan(`${service}/${req.method.name}`, {
      kind: SpanKind.SERVER,
      attributes: {
        "rpc.system": rpcSystem(req.header.get("content-type")),
        "rpc.service": service,
        "rpc.method": req.method.name,
      },
    });
    const ctx = trace.setSpan(context.active(), span);
    req.contextValues.set(RPC_SPAN, span);
    const fail = (e: unknown) => {
      const code = ConnectError.from(e).code;
      span.setAttribute("rpc.grpc.status_code", code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: ConnectError.from(e).rawMessage });
      span.end();
      throw e;
    };
    let res: Awaited<ReturnType<typeof next>>;
    try {
      res = await context.with(ctx, () => next(req));
    } catch (e) {
      return fail(e);
    }
    if (!res.stream) {
      span.setAttribute("rpc.grpc.status_code", 0);
      span.end();
      return res;
    }
    const inner = res.message;
    async function* traced() {
      try {
        yield* inner;
        span.setAttribute("rpc.grpc.status_code", 0);
        span.end();
      } catch (e) {
        fail(e);
      }
    }
    return { ...res, message: traced() } as typeof res;
  };
}

/**
 * Wraps a runner (one per stream) so each shard task runs in a child span of `parent`, and each
 * result is reported to `onResult` (the batch-build histogram).
 */
export function tracedRunner(
  runner: BatchRunner,
  tracer: Tracer,
  parent: Span | undefined,
  onResult: (r: BatchResult) => void,
): BatchRunner {
  const parentCtx = parent === undefined ? context.active() : trace.setSpan(context.active(), parent);
  return {
    async run(task, signal) {
      const span = tracer.startSpan(
        "synthstream.shard",
        {
          attributes: {
            "synthstream.table": task.table,
            "synthstream.row_start": task.rowStart,
            "synthstream.row_count": task.rowCount,
          },
        },
        parentCtx,
      );
      try {
        const result = await runner.run(task, signal);
        span.setAttribute("synthstream.build_seconds", result.buildSeconds);
        onResult(result);
        return result;
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
        throw e;
      } finally {
        span.end();
      }
    },
    get pending() {
      return runner.pending;
    },
    get busyWorkers() {
      return runner.busyWorkers;
    },
    get totalWorkers() {
      return runner.totalWorkers;
    },
    close: () => runner.close(),
  };
}
