/**
 * server: the life of one data stream (Generate or Flight DoGet), in one place — drain check,
 * stream slot, active-streams gauge, per-transport row/byte counters, time to first batch,
 * duration, and the finish code, counted exactly once whether the stream ends, fails or the
 * client goes away (connect may leave a handler suspended at `yield` when the peer resets).
 */
import type { ConnectError, HandlerContext } from "@connectrpc/connect";
import type { BatchRunner, StreamChunk } from "../stream/stream-types.js";
import { codeLabel, toConnectError } from "./errors.js";
import type { GenerateDeps } from "./generate-rpc.js";
import type { TransportLabel } from "./metrics.js";
import { ServerDrainingError } from "./request-errors.js";
import { RPC_SPAN, tracedRunner } from "./tracing.js";

/** One open stream's bookkeeping. */
export interface StreamSession {
  /** Aborts on client cancel, deadline or the drain deadline. */
  readonly signal: AbortSignal;
  /** The server's runner, with a child span per shard task. */
  readonly runner: BatchRunner;
  /** Takes a stream slot (ResourceExhausted past the limit); call once the request is checked. */
  admit(): void;
  /** Counts a chunk sent to the client. */
  sent(chunk: StreamChunk, wireBytes: number): void;
  /** Maps an error to the client's code, records it, and returns what to throw. */
  fail(e: unknown): ConnectError;
  /** Records the end of a stream that did not throw (completed, or stopped by the consumer). */
  finish(): void;
}

/** Opens a session; throws Unavailable while the server drains. */
export function openStreamSession(
  deps: GenerateDeps,
  ctx: HandlerContext,
  transport: TransportLabel,
): StreamSession {
  const t0 = performance.now();
  const { metrics } = deps;
  let release: (() => void) | undefined;
  let ended = false;
  let firstBatch = true;
  const abortedCode = () => codeLabel(toConnectError(undefined, deps.logger, ctx.signal).code);
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
  const onAbort = () => end(abortedCode());
  ctx.signal.addEventListener("abort", onAbort);
  if (deps.drain.draining) {
    const err = toConnectError(new ServerDrainingError(), deps.logger, ctx.signal);
    end(codeLabel(err.code));
    throw err;
  }
  return {
    signal: AbortSignal.any([ctx.signal, deps.drain.deadline]),
    runner: tracedRunner(deps.runner, deps.tracer, ctx.values.get(RPC_SPAN), (r) =>
      metrics.batchBuildSeconds.observe(r.buildSeconds),
    ),
    admit() {
      release = deps.slots.acquire();
      metrics.activeStreams.inc();
    },
    sent(chunk, wireBytes) {
      if (chunk.kind === "batch" && firstBatch) {
        firstBatch = false;
        metrics.timeToFirstBatchSeconds.observe((performance.now() - t0) / 1000);
      }
      metrics.rowsStreamed.inc({ transport }, chunk.rowCount);
      metrics.bytesStreamed.inc({ transport }, wireBytes);
    },
    fail(e) {
      const mapped = toConnectError(e, deps.logger, ctx.signal);
      end(codeLabel(mapped.code));
      return mapped;
    },
    finish() {
      end(ctx.signal.aborted ? abortedCode() : "ok");
    },
  };
}
