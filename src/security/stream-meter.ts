/**
 * security: meters a data stream's responses — rows and bytes per message, charged to the
 * tenant's quota lease, pausing when the tenant runs ahead of its rate — and reports once at the
 * end (normal end, error, or the client going away, which may leave the stream suspended).
 */

import { ConnectError } from "@connectrpc/connect";
import { Message as ArrowMessage, MessageHeader } from "apache-arrow";
import type { FlightData } from "../gen/arrow/flight/protocol/flight_pb.js";
import type { GenerateResponse } from "../gen/synthstream/v1/generator_service_pb.js";
import { codeLabel } from "../server/errors.js";
import type { QuotaLease } from "./quota.js";

/** Which response type a stream carries. */
export type StreamKind = "generate" | "flight";

/** A finished stream's figures. */
export interface StreamSummary {
  readonly rows: number;
  readonly bytes: number;
  readonly durationMs: number;
  readonly code: string;
  readonly planHash?: string | undefined;
}

/** Options of meterStream. */
export interface MeterOptions {
  readonly kind: StreamKind;
  readonly lease: QuotaLease;
  readonly signal: AbortSignal;
  readonly onRows: (rows: number) => void;
  readonly onEnd: (s: StreamSummary) => void;
}

/** Rows in a FlightData message: the record batch length from its IPC header, else 0. */
export function flightDataRows(d: FlightData): number {
  if (d.dataHeader.byteLength === 0) return 0;
  try {
    const m = ArrowMessage.decode(d.dataHeader);
    return m.headerType === MessageHeader.RecordBatch
      ? Number((m.header() as { length: number | bigint }).length)
      : 0;
  } catch {
    return 0;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Wraps a response stream; `onEnd` runs exactly once. */
export async function* meterStream<T extends GenerateResponse | FlightData>(
  src: AsyncIterable<T>,
  opts: MeterOptions,
): AsyncIterable<T> {
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  let planHash: string | undefined;
  let ended = false;
  const end = (code: string) => {
    if (ended) return;
    ended = true;
    opts.signal.removeEventListener("abort", onAbort);
    opts.onEnd({ rows, bytes, durationMs: performance.now() - t0, code, planHash });
  };
  const onAbort = () => end(codeLabel(ConnectError.from(opts.signal.reason).code));
  opts.signal.addEventListener("abort", onAbort);
  let code = "ok";
  try {
    for await (const m of src) {
      let n: number;
      if (opts.kind === "generate") {
        const g = m as GenerateResponse;
        n = Number(g.rowCount);
        bytes += g.arrowIpc.byteLength;
        if (g.totals !== undefined) planHash = g.totals.planHash;
      } else {
        const f = m as FlightData;
        n = flightDataRows(f);
        bytes += f.dataHeader.byteLength + f.dataBody.byteLength;
      }
      rows += n;
      if (n > 0) {
        opts.onRows(n);
        const wait = opts.lease.charge(n);
        if (wait > 0) await sleep(wait, opts.signal);
      }
      yield m;
    }
  } catch (e) {
    code = codeLabel(ConnectError.from(e).code);
    throw e;
  } finally {
    end(opts.signal.aborted ? codeLabel(ConnectError.from(opts.signal.reason).code) : code);
  }
}
