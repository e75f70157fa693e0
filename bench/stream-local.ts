/**
 * bench: `npm run build && node dist/bench/stream-local.js` — the engine runner end to end, no network:
 * generateStream over the piscina pool at 1 and N workers, and inline, draining every chunk.
 * Prints rows/s and MB/s per runner, then ONE final line of JSON with the named figures.
 */
import { availableParallelism } from "node:os";
import { createInlineRunner, createPiscinaRunner, generateStream } from "../src/stream/index.js";
import type { BatchRunner } from "../src/stream/stream-types.js";
import { customersPlan } from "./plans.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);

async function drain(runner: BatchRunner): Promise<{ rows: number; bytes: number; seconds: number }> {
  const base = customersPlan();
  const plan = { ...base, tables: base.tables.map((t) => ({ ...t, rows: ROWS })) };
  let rows = 0;
  let bytes = 0;
  const t0 = performance.now();
  for await (const c of generateStream(runner, { plan, tables: ["customers"] })) {
    rows += c.rowCount;
    bytes += c.bytes.byteLength;
  }
  return { rows, bytes, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const n = availableParallelism();
  const figures: Record<string, number> = {};
  const cases: [string, () => BatchRunner][] = [
    ["inline", createInlineRunner],
    ["piscina_1", () => createPiscinaRunner({ workers: 1 })],
    [`piscina_${n}`, () => createPiscinaRunner({ workers: n })],
  ];
  for (const [name, make] of cases) {
    const runner = make();
    await drain(runner); // warm-up: worker start, JIT, dictionaries
    const r = await drain(runner);
    await runner.close();
    figures[`${name}_rows_per_s`] = Math.round(r.rows / r.seconds);
    figures[`${name}_mb_per_s`] = Math.round(r.bytes / r.seconds / 1e6);
    console.log(
      `${name.padEnd(12)} ${(r.rows / r.seconds / 1e6).toFixed(2)} M rows/s  ${(r.bytes / r.seconds / 1e6).toFixed(0)} MB/s`,
    );
  }
  console.log(JSON.stringify(figures));
}

await main();
