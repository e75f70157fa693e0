/**
 * cli/generate-source: where a run's IPC chunks come from — the in-process engine (a worker pool
 * behind generateStream) or a running service (`--server URL`, GeneratorService.Generate).
 * Both yield the same chunk shape, so the file sinks write the same bytes either way.
 */

import { EOS } from "../arrow/ipc.js";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import type { SinkChunk } from "../sink/write-tables.js";
import {
  type BatchRunner,
  createInlineRunner,
  createPiscinaRunner,
  generateStream,
} from "../stream/index.js";

/** A chunk source plus what must be released after it. */
export interface ChunkSource {
  readonly chunks: AsyncIterable<SinkChunk>;
  close(): Promise<void>;
}

/** What to generate. */
export interface SourceRequest {
  readonly plan: Plan;
  readonly compiled: CompiledPlan;
  readonly seed?: bigint | undefined;
  readonly scale?: number | undefined;
  readonly tables: readonly string[];
  readonly signal: AbortSignal;
}

/** In-process generation: `workers` threads, or the main thread when 0. */
export function embeddedSource(req: SourceRequest, workers: number | undefined): ChunkSource {
  const runner: BatchRunner = workers === 0 ? createInlineRunner() : createPiscinaRunner({ workers });
  const chunks = generateStream(runner, { plan: req.compiled, tables: req.tables, signal: req.signal });
  return { chunks, close: () => runner.close() };
}

function isEos(bytes: Uint8Array): boolean {
  return bytes.byteLength === EOS.byteLength && bytes.every((b, i) => b === EOS[i]);
}

/** Streams from a running service; the plan travels inline, so plan files work too. */
export async function serverSource(req: SourceRequest, url: string): Promise<ChunkSource> {
  const { createSynthstreamClient } = await import("../client/client.js");
  const client = createSynthstreamClient(url, { transport: "connect", httpVersion: "2" });
  async function* chunks(): AsyncGenerator<SinkChunk> {
    let table = "";
    const responses = client.rpc.generate(
      {
        planSource: { case: "plan", value: req.plan },
        ...(req.seed === undefined ? {} : { seed: req.seed }),
        scale: req.scale ?? 0,
        tables: [...req.tables],
      },
      { signal: req.signal },
    );
    for await (const res of responses) {
      if (res.table === "") continue; // the closing totals message
      const rowCount = Number(res.rowCount);
      const kind =
        res.table !== table ? "header" : rowCount > 0 ? "batch" : isEos(res.arrowIpc) ? "end" : "batch";
      table = kind === "end" ? "" : res.table;
      yield { table: res.table, kind, bytes: res.arrowIpc, rowCount };
    }
  }
  return { chunks: chunks(), close: async () => {} };
}
