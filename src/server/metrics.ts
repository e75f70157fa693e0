/**
 * server: Prometheus metrics on an injected registry (never the global one).
 * Names are a contract with the Helm chart and its alerts: keep them exact. Labels are bounded:
 * transport (4 values) and code (the gRPC code names).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from "prom-client";
import type { BatchRunner } from "../stream/stream-types.js";

/** How a stream reached us: the label of the bytes/rows counters. */
export type TransportLabel = "connect" | "grpc" | "grpcweb" | "flight";

/** The service's instruments. */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly activeStreams: Gauge;
  readonly rowsStreamed: Counter<"transport">;
  readonly bytesStreamed: Counter<"transport">;
  readonly streamsFinished: Counter<"code">;
  readonly batchBuildSeconds: Histogram;
  readonly timeToFirstBatchSeconds: Histogram;
  readonly streamDurationSeconds: Histogram;
}

/** Registers every synthstream_ metric on `registry`; the pool gauges read `runner` on scrape. */
export function createMetrics(registry: Registry, runner: BatchRunner): ServiceMetrics {
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: "synthstream_" });
  new Gauge({
    name: "synthstream_pending_shard_tasks",
    help: "Shard tasks queued or running in the worker pool",
    registers,
    collect() {
      this.set(runner.pending);
    },
  });
  new Gauge({
    name: "synthstream_workers_busy",
    help: "Worker threads currently generating",
    registers,
    collect() {
      this.set(runner.busyWorkers);
    },
  });
  new Gauge({
    name: "synthstream_workers_total",
    help: "Worker threads in the pool",
    registers,
    collect() {
      this.set(runner.totalWorkers);
    },
  });
  const seconds = (name: string, help: string, buckets: number[]) =>
    new Histogram({ name, help, buckets, registers });
  const metrics: ServiceMetrics = {
    registry,
    activeStreams: new Gauge({
      name: "synthstream_active_streams",
      help: "Open Generate/DoGet streams",
      registers,
    }),
    rowsStreamed: new Counter({
      name: "synthstream_rows_streamed_total",
      help: "Rows sent to clients",
      labelNames: ["transport"],
      registers,
    }),
    bytesStreamed: new Counter({
      name: "synthstream_bytes_streamed_total",
      help: "Arrow IPC bytes sent to clients",
      labelNames: ["transport"],
      registers,
    }),
    streamsFinished: new Counter({
      name: "synthstream_streams_finished_total",
      help: "Streams finished, by status code",
      labelNames: ["code"],
      registers,
    }),
    batchBuildSeconds: seconds(
      "synthstream_batch_build_seconds",
      "Seconds a worker spent building and encoding one batch",
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    ),
    timeToFirstBatchSeconds: seconds(
      "synthstream_time_to_first_batch_seconds",
      "Seconds from request to the first record batch sent",
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ),
    streamDurationSeconds: seconds(
      "synthstream_stream_duration_seconds",
      "Seconds from request to the end of the stream",
      [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    ),
  };
  // Export every series at 0 from the start: rate() never sees a counter's first value, so a
  // series born at 1 would hide each pod's first error of a code from the error-rate alert.
  for (const t of TRANSPORTS) {
    metrics.rowsStreamed.inc({ transport: t }, 0);
    metrics.bytesStreamed.inc({ transport: t }, 0);
  }
  for (const code of FINISH_CODES) metrics.streamsFinished.inc({ code }, 0);
  return metrics;
}

const TRANSPORTS = ["connect", "grpc", "grpcweb", "flight"] as const;
const FINISH_CODES = [
  "ok",
  "canceled",
  "deadline_exceeded",
  "invalid_argument",
  "not_found",
  "resource_exhausted",
  "unauthenticated",
  "permission_denied",
  "unavailable",
  "internal",
] as const;
