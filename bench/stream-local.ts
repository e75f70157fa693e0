/**
 * bench: `npm run build && node dist/bench/stream-local.js` — the engine runner end to end, no network:
 * generateStream over the piscina pool at 1 and N workers, and inline, draining every chunk, for
 * the customers and the 8-column numeric table. Separates engine + pipeline from transport.
 * Prints rows/s, MB/s and time to first batch per runner, then ONE final line of JSON.
 */
import { availableParallelism } from "node:os";
import type { CompiledPlan } from "../src/compile/compiled-plan.js";
import { createInlineRunner, createPiscinaRunner, generateStream } from "../src/stream/index.js";
import type { BatchRunner } from "../src/stream/stream-types.js";
import { customersPlan, numericPlan } from "./plans.js";
import { median } from "./report.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);

interface Drained {
  rows: number;
  bytes: number;
  seconds: number;
  ttfbMs: number;
}

async function drain(runner: BatchRunner, base: CompiledPlan, rows: number): Promise<Drained> {
  const plan = { ...base, tables: base.tables.map((t) => ({ ...t, rows })) };
  let n = 0;
  let bytes = 0;
  let ttfbMs = 0;
  const t0 = performance.now();
  for await (const c of generateStream(runner, { plan })) {
    if (c.kind === "batch" && ttfbMs === 0) ttfbMs = performance.now() - t0;
    n += c.rowCount;
    bytes += c.bytes.byteLength;
  }
  return { rows: n, bytes, seconds: (performance.now() - t0) / 1000, ttfbMs };
}

async function main(): Promise<void> {
  const n = availableParallelism();
  const figures: Record<string, number> = {};
  const runners: [string, () => BatchRunner][] = [
    ["inline", createInlineRunner],
    ["piscina_1", () => createPiscinaRunner({ workers: 1 })],
    [`piscina_${n}`, () => createPiscinaRunner({ workers: n })],
  ];
  const tables: [string, CompiledPlan, number][] = [
    ["customers", customersPlan(), ROWS],
    ["numeric", numericPlan(), 2 * ROWS],
  ];
  for (const [name, make] of runners) {
    const runner = make();
    for (const [table, plan, rows] of tables) {
      await drain(runner, plan, rows); // warm-up: worker start, JIT, dictionaries
      const runs: Drained[] = [];
      for (let i = 0; i < REPS; i++) runs.push(await drain(runner, plan, rows));
      const rowsPerS = median(runs.map((r) => r.rows / r.seconds));
      const mbPerS = median(runs.map((r) => r.bytes / r.seconds / 1e6));
      const ttfb = median(runs.map((r) => r.ttfbMs));
      const key = `${table}_${name}`;
      figures[`${key}_rows_per_s`] = Math.round(rowsPerS);
      figures[`${key}_mb_per_s`] = Math.round(mbPerS);
      figures[`${key}_ttfb_ms`] = Number(ttfb.toFixed(1));
      console.log(
        `${key.padEnd(20)} ${(rowsPerS / 1e6).toFixed(2).padStart(6)} M rows/s ${mbPerS.toFixed(0).padStart(5)} MB/s  first batch ${ttfb.toFixed(1)} ms`,
      );
    }
    await runner.close();
  }
  console.log(JSON.stringify(figures));
}

await main();
