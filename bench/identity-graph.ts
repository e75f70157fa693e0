/**
 * bench:identity — the identity_graph catalog plan at 1 M households (scale 1), every table, in one
 * process through the piscina runner with 2 workers; output is discarded. Reports per-table rows,
 * seconds and rows/s, then the total, and one JSON line. Target (2-core machine): under 60 s.
 * BENCH_SCALE overrides the scale (e.g. 0.1 for a quick look).
 */
import { loadCatalogPlan } from "../src/catalog/catalog.js";
import { compilePlan } from "../src/compile/compile-plan.js";
import { formatViolation } from "../src/plan/violation.js";
import { createPiscinaRunner, generateStream } from "../src/stream/index.js";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const load = await loadCatalogPlan("identity_graph");
if (load.status !== "ok") throw new Error(`identity_graph: ${load.status}`);
const c0 = performance.now();
const compiled = compilePlan(load.plan, { scale });
if (!compiled.ok) throw new Error(compiled.violations.map(formatViolation).join("\n"));
const compileSeconds = (performance.now() - c0) / 1000;
const plan = compiled.plan;

const runner = createPiscinaRunner({ workers: 2 });
const perTable: { table: string; rows: number; bytes: number; seconds: number }[] = [];
let current: { table: string; rows: number; bytes: number; t0: number } | undefined;
const t0 = performance.now();
try {
  for await (const chunk of generateStream(runner, { plan })) {
    if (chunk.kind === "header") current = { table: chunk.table, rows: 0, bytes: 0, t0: performance.now() };
    else if (chunk.kind === "batch" && current !== undefined) {
      current.rows += chunk.rowCount;
      current.bytes += chunk.bytes.byteLength;
    } else if (chunk.kind === "end" && current !== undefined) {
      perTable.push({ ...current, seconds: (performance.now() - current.t0) / 1000 });
    }
  }
} finally {
  await runner.close();
}
const seconds = (performance.now() - t0) / 1000;
const rows = perTable.reduce((a, t) => a + t.rows, 0);
const bytes = perTable.reduce((a, t) => a + t.bytes, 0);
console.log(`identity_graph scale ${scale}: compile ${compileSeconds.toFixed(2)} s, 2 workers\n`);
for (const t of perTable)
  console.log(
    `${t.table.padEnd(22)} ${t.rows.toLocaleString("en-US").padStart(12)} rows ${t.seconds.toFixed(2).padStart(7)} s ${(t.rows / t.seconds / 1e6).toFixed(2).padStart(6)} M rows/s`,
  );
console.log(
  `${"total".padEnd(22)} ${rows.toLocaleString("en-US").padStart(12)} rows ${seconds.toFixed(2).padStart(7)} s ${(rows / seconds / 1e6).toFixed(2).padStart(6)} M rows/s  ${(bytes / 1e9).toFixed(2)} GB IPC`,
);
console.log(
  JSON.stringify({ bench: "identity_graph", scale, rows, bytes, seconds, compileSeconds, tables: perTable }),
);
