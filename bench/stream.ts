/**
 * bench:stream — end-to-end throughput of GeneratorService.Generate on loopback: a server process
 * with 2 workers, and separate client processes of two kinds, side by side: a counting receiver
 * (count-session.ts: gRPC frames counted as they arrive, nothing decoded; the targets' figures)
 * and the project's TypeScript client (decodes every message). Reports rows/s, MB/s
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
/**
 * Warm-up requests per case before the CPU window. A service runs for hours: the figures are its
 * steady state. Measured: after one request the server's JIT is still compiling (V8's TurboFan
 * threads then cost ~0.6 CPU-s per GB sent); after a few, ~0.15.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 4);
/** Worker threads of the server under test (the figures are for 2). */
const WORKERS = 2;

/** The two receivers: "count" (count-session.ts) and "ts" (src/client, decodes every message). */
type ClientKind = "count" | "ts";
const KINDS: readonly ClientKind[] = ["count", "ts"];

async function clientRun(url: string, request: object, reps: number, kind: ClientKind) {
  const { stdout } = await run(process.execPath, [CLIENT, url, JSON.stringify(request), String(reps)], {
    maxBuffer: 1 << 20,
    env: { ...process.env, BENCH_CLIENT: kind === "count" ? "count" : "" },
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

/** One receiver's medians for a case. */
interface ClientFigures {
  readonly rowsPerS: number;
  readonly mbPerS: number;
  readonly ttfbWarm: number;
  readonly ttfbCold: number;
}

function figuresOf(cold: readonly ClientSample[], warm: readonly ClientSample[]): ClientFigures {
  return {
    rowsPerS: median(warm.map((s) => s.rows / s.seconds)),
    mbPerS: median(warm.map((s) => s.bytes / s.seconds / 1e6)),
    ttfbWarm: median(warm.map((s) => s.ttfbMs)),
    ttfbCold: median(cold.map((s) => s.ttfbMs)),
  };
}

function line(label: string, f: ClientFigures, rows: number, runs: string): string {
  return `${label.padEnd(38)} ${(f.rowsPerS / 1e6).toFixed(2).padStart(6)} M rows/s ${f.mbPerS.toFixed(0).padStart(5)} MB/s  ttfb p50 warm ${f.ttfbWarm.toFixed(1)} ms, cold ${f.ttfbCold.toFixed(1)} ms  (${rows} rows; ${runs})`;
}

/**
 * Runs a case with both receivers, alternating client processes so drift hits both alike. The
 * server's CPU per GB covers every run (it does not depend on the receiver).
 */
async function measure(server: ChildServer, label: string, request: object) {
  const { url } = server;
  const pid = server.process.pid!; // set: the server is listening
  await clientRun(url, request, WARMUP - 1, "count"); // 1 cold + WARMUP - 1 warm: workers and JIT
  const samples = {
    count: { cold: [] as ClientSample[], warm: [] as ClientSample[] },
    ts: { cold: [] as ClientSample[], warm: [] as ClientSample[] },
  };
  const cpu0 = processCpu(pid);
  for (let i = 0; i < PROCS; i++)
    for (const kind of KINDS) {
      const r = await clientRun(url, request, REPS, kind);
      samples[kind].cold.push(r.cold);
      samples[kind].warm.push(...r.warm);
    }
  const all = KINDS.flatMap((k) => [...samples[k].cold, ...samples[k].warm]);
  const cpu = cpuPerGb(
    cpu0,
    processCpu(pid),
    all.reduce((n, s) => n + s.bytes, 0),
    pid,
    WORKERS,
  );
  const count = figuresOf(samples.count.cold, samples.count.warm);
  const ts = figuresOf(samples.ts.cold, samples.ts.warm);
  const runs = `${samples.count.warm.length} warm, ${samples.count.cold.length} cold each`;
  const rows = samples.count.warm[0]!.rows;
  console.log(line(`${label}, counting`, count, rows, runs));
  console.log(
    line(`${label}, TS client`, ts, rows, runs) +
      (cpu === undefined ? "" : `  server CPU/GB: ${formatCpu(cpu)}`),
  );
  return { ...count, ts, cpu };
}

/** `<case>_ts_client_*`: the same cases received by the decoding TypeScript client. */
function tsClientFigures(cases: Record<string, { ts: ClientFigures }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, { ts }] of Object.entries(cases)) {
    out[`${key}_ts_client_rows_per_s`] = Math.round(ts.rowsPerS);
    out[`${key}_ts_client_mb_per_s`] = Number(ts.mbPerS.toFixed(1));
    out[`${key}_ts_client_ttfb_p50_ms`] = Number(ts.ttfbWarm.toFixed(1));
  }
  return out;
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
  // Targets are judged on the counting receiver: the client "counts what it receives".
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
      ...tsClientFigures({ customers, numeric, pipeline }),
      ...cpuFigures({ customers, numeric, pipeline }),
      workers: WORKERS,
      client_processes: PROCS,
      warm_runs: PROCS * REPS,
    }),
  );
} finally {
  await server.stop();
}
