/**
 * bench:stream — end-to-end throughput of GeneratorService.Generate on loopback: a server process
 * with 2 workers, and a separate client process that counts rows and bytes. Reports rows/s, MB/s
 * and time to first batch (median of several runs) for the customers and numeric tables, then
 * one JSON line. Each client process opens one connection: its first request is "cold" (connection
 * setup included), the rest "warm" (kept connection, as a real client). `*_ttfb_p50_ms` is warm.
 * Targets (2-core machine): customers ≥ 2 M rows/s, numeric ≥ 15 M rows/s, TTFB p50 < 30 ms
 * for a 1 M-row request. Also the server's CPU per GB sent (main thread, and whole process with
 * its workers): on a shared machine rates are noisy, CPU per byte is the figure to compare; and a
 * "pipeline" case whose 8 int64 sequences cost little to generate, the ceiling a faster engine
 * would reach.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { cpuPerGb, formatCpu, processCpu } from "./proc-cpu.js";
import { median } from "./report.js";
import { type ChildServer, spawnServer } from "./spawn-server.js";
import type { ClientSample } from "./stream-client.js";

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL("./stream-client.js", import.meta.url));
/** Client processes per case (each gives one cold sample), and warm requests per process. */
const PROCS = Number(process.env.BENCH_PROCS ?? 3);
const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Worker threads of the server under test (the figures are for 2). */
const WORKERS = 2;

async function clientRun(url: string, request: object, reps: number) {
  const { stdout } = await run(process.execPath, [CLIENT, url, JSON.stringify(request), String(reps)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim()) as { cold: ClientSample; warm: ClientSample[] };
}

/** 8 int64 sequences, 4 M rows (256 MB): nearly free to generate, so it measures the pipeline. */
const PIPELINE_PLAN = {
  name: "pipeline",
  seed: "1",
  tables: [
    {
      name: "seq",
      rows: "4000000",
      columns: Array.from({ length: 8 }, (_, i) => ({ name: `c${i}`, sequence: { start: String(i) } })),
    },
  ],
};

async function measure(server: ChildServer, label: string, request: object) {
  const { url } = server;
  const pid = server.process.pid!; // set: the server is listening
  await clientRun(url, request, 1); // warm the server's workers and JIT
  const cold: ClientSample[] = [];
  const warm: ClientSample[] = [];
  const cpu0 = processCpu(pid);
  for (let i = 0; i < PROCS; i++) {
    const r = await clientRun(url, request, REPS);
    cold.push(r.cold);
    warm.push(...r.warm);
  }
  const cpu = cpuPerGb(
    cpu0,
    processCpu(pid),
    [...cold, ...warm].reduce((n, s) => n + s.bytes, 0),
    pid,
    WORKERS,
  );
  const rowsPerS = median(warm.map((s) => s.rows / s.seconds));
  const mbPerS = median(warm.map((s) => s.bytes / s.seconds / 1e6));
  const ttfbWarm = median(warm.map((s) => s.ttfbMs));
  const ttfbCold = median(cold.map((s) => s.ttfbMs));
  console.log(
    `${label.padEnd(30)} ${(rowsPerS / 1e6).toFixed(2).padStart(6)} M rows/s ${mbPerS.toFixed(0).padStart(5)} MB/s  ttfb p50 warm ${ttfbWarm.toFixed(1)} ms, cold ${ttfbCold.toFixed(1)} ms  (${warm[0]!.rows} rows; ${warm.length} warm, ${cold.length} cold)` +
      (cpu === undefined ? "" : `  server CPU/GB: ${formatCpu(cpu)}`),
  );
  return { rowsPerS, mbPerS, ttfbWarm, ttfbCold, cpu };
}

/** `<case>_server_main_cpu_ms_per_gb` and `<case>_server_cpu_ms_per_gb`, where /proc exists. */
function cpuFigures(cases: Record<string, { cpu: ReturnType<typeof cpuPerGb> }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, { cpu }] of Object.entries(cases)) {
    if (cpu === undefined) continue;
    out[`${key}_server_main_cpu_ms_per_gb`] = Math.round(cpu.mainMsPerGb);
    out[`${key}_server_workers_cpu_ms_per_gb`] = Math.round(cpu.workersMsPerGb);
    out[`${key}_server_other_cpu_ms_per_gb`] = Math.round(cpu.otherMsPerGb);
    out[`${key}_server_cpu_ms_per_gb`] = Math.round(cpu.totalMsPerGb);
  }
  return out;
}

const server = await spawnServer(["--workers", String(WORKERS)]);
try {
  console.log(
    `bench:stream — server pid ${server.process.pid}, 2 workers; ${PROCS} client processes × (1 cold + ${REPS} warm requests on a kept connection); rates are warm medians`,
  );
  const customers = await measure(server, "customers (1 M rows)", { catalog: "customers", scale: 10 });
  const numeric = await measure(server, "numeric, 8 columns (2 M rows)", {
    catalog: "numeric",
    scale: 0.2,
  });
  const pipeline = await measure(server, "pipeline, 8 sequences (4 M rows)", { plan: PIPELINE_PLAN });
  const targets = {
    customers: customers.rowsPerS >= 2e6,
    numeric: numeric.rowsPerS >= 15e6,
    ttfb_warm: customers.ttfbWarm < 30,
    ttfb_cold: customers.ttfbCold < 30,
  };
  console.log(`targets met: ${JSON.stringify(targets)}`);
  console.log(
    JSON.stringify({
      customers_rows_per_s: Math.round(customers.rowsPerS),
      customers_mb_per_s: Number(customers.mbPerS.toFixed(1)),
      customers_ttfb_p50_ms: Number(customers.ttfbWarm.toFixed(1)),
      customers_ttfb_cold_p50_ms: Number(customers.ttfbCold.toFixed(1)),
      numeric_rows_per_s: Math.round(numeric.rowsPerS),
      numeric_mb_per_s: Number(numeric.mbPerS.toFixed(1)),
      numeric_ttfb_p50_ms: Number(numeric.ttfbWarm.toFixed(1)),
      numeric_ttfb_cold_p50_ms: Number(numeric.ttfbCold.toFixed(1)),
      pipeline_rows_per_s: Math.round(pipeline.rowsPerS),
      pipeline_mb_per_s: Number(pipeline.mbPerS.toFixed(1)),
      ...cpuFigures({ customers, numeric, pipeline }),
      workers: WORKERS,
      client_processes: PROCS,
      warm_runs: PROCS * REPS,
    }),
  );
} finally {
  await server.stop();
}
