/**
 * bench: Arrow Flight DoGet throughput — a server with 2 workers on loopback, read by a pyarrow
 * client process (clients/python/bench_doget.py): MB/s and rows/s for the numeric and customers
 * tables, one stream vs parallel endpoints. Medians of a few runs; ends with ONE JSON line.
 * Also the server's CPU per GB sent (its main thread, and the whole process with its workers):
 * on a shared machine MB/s is noisy, CPU per byte says which side (transport or engine) costs.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { DEFAULT_CONFIG } from "../src/server/config.js";
import { createServer } from "../src/server/create-server.js";
import { createLogger } from "../src/server/logger.js";
import { cpuPerGb, formatCpu, processCpu } from "./proc-cpu.js";
import { median } from "./report.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..", "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Warm-up runs per case, outside the CPU window (see the warm-up comment below). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 4);
const WORKERS = 2;
/** BENCH_CASES=transport_single,numeric_single runs only those cases. */
const ONLY = process.env.BENCH_CASES?.split(",");

interface Case {
  readonly key: string;
  /** A catalog name, or an inline plan as JSON. */
  readonly catalog: string;
  readonly table: string;
  /** Scale keeps one run at a few hundred MB. */
  readonly scale: number;
  readonly mode: "single" | "parallel";
  /** Rows per endpoint; undefined = one endpoint per 1,048,576 rows. */
  readonly shardRows?: number;
}

/**
 * A plan that costs almost nothing to generate (8 int64 sequences), so its case measures the
 * transport (encode, HTTP/2, pyarrow decode) rather than the kernels.
 */
const TRANSPORT_PLAN = JSON.stringify({
  name: "transport",
  seed: 1,
  tables: [
    {
      name: "seq",
      rows: 4_000_000,
      columns: Array.from({ length: 8 }, (_, i) => ({ name: `c${i}`, sequence: { start: i } })),
    },
  ],
});

const CASES: readonly Case[] = [
  {
    key: "transport_single",
    catalog: TRANSPORT_PLAN,
    table: "seq",
    scale: 1,
    mode: "single",
    shardRows: 1 << 30,
  },
  {
    key: "transport_parallel",
    catalog: TRANSPORT_PLAN,
    table: "seq",
    scale: 1,
    mode: "parallel",
    shardRows: 1_000_000,
  },
  {
    key: "numeric_single",
    catalog: "numeric",
    table: "numbers",
    scale: 0.4,
    mode: "single",
    shardRows: 1 << 30,
  },
  {
    key: "numeric_parallel",
    catalog: "numeric",
    table: "numbers",
    scale: 0.4,
    mode: "parallel",
    shardRows: 1_000_000,
  },
  {
    key: "customers_single",
    catalog: "customers",
    table: "customers",
    scale: 5,
    mode: "single",
    shardRows: 1 << 30,
  },
  {
    key: "customers_parallel",
    catalog: "customers",
    table: "customers",
    scale: 5,
    mode: "parallel",
    shardRows: 125_000,
  },
];

interface Sample {
  rows: number;
  bytes: number;
  seconds: number;
  endpoints: number;
}

async function main(): Promise<void> {
  const { stdout: py } = await run("bash", [resolve(ROOT, "scripts", "ensure-python.sh")], {
    timeout: 900_000,
  });
  const python = py.trim();
  const server = await createServer(
    { ...DEFAULT_CONFIG, host: "127.0.0.1", port: 0, adminPort: -1, workers: WORKERS },
    { logger: createLogger({ level: "silent" }) },
  );
  const location = `grpc+tcp://127.0.0.1:${server.port}`;
  const out: Record<string, number> = {};
  try {
    for (const c of CASES.filter((k) => ONLY === undefined || ONLY.includes(k.key))) {
      const args = [c.catalog, c.table, String(c.scale), c.mode];
      const doGet = (runs: number) =>
        run(
          python,
          [
            resolve(ROOT, "clients/python/bench_doget.py"),
            location,
            ...args,
            String(runs),
            String(c.shardRows ?? ""),
          ],
          { maxBuffer: 1 << 20, timeout: 600_000 },
        );
      // Warm-up runs first, outside the CPU window: the workers start (over a second of module
      // loading each, on the first case), the JIT and the plan caches warm up. A service runs for
      // hours, so the figures are its steady state: after one run V8's TurboFan threads are still
      // compiling (~0.6 CPU-s per GB sent), after a few ~0.15.
      await doGet(WARMUP);
      const cpu0 = processCpu(process.pid);
      const { stdout } = await doGet(RUNS);
      const cpu1 = processCpu(process.pid);
      const samples = stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Sample);
      const cpu = cpuPerGb(
        cpu0,
        cpu1,
        samples.reduce((n, s) => n + s.bytes, 0),
        process.pid,
        WORKERS,
      );
      const mbps = median(samples.map((s) => s.bytes / s.seconds / 1e6));
      const rps = median(samples.map((s) => s.rows / s.seconds));
      out[`${c.key}_mb_per_s`] = Math.round(mbps);
      out[`${c.key}_rows_per_s`] = Math.round(rps);
      if (cpu !== undefined) {
        out[`${c.key}_server_main_cpu_ms_per_gb`] = Math.round(cpu.mainMsPerGb);
        out[`${c.key}_server_workers_cpu_ms_per_gb`] = Math.round(cpu.workersMsPerGb);
        out[`${c.key}_server_other_cpu_ms_per_gb`] = Math.round(cpu.otherMsPerGb);
        out[`${c.key}_server_cpu_ms_per_gb`] = Math.round(cpu.totalMsPerGb);
      }
      const s0 = samples[0];
      console.log(
        `${c.key.padEnd(20)} ${mbps.toFixed(0).padStart(6)} MB/s ${(rps / 1e6).toFixed(2).padStart(7)} M rows/s` +
          `  (${s0?.rows} rows, ${((s0?.bytes ?? 0) / 1e6).toFixed(0)} MB, ${s0?.endpoints} endpoint(s), ${samples.length} runs)` +
          (cpu === undefined ? "" : `  server CPU/GB: ${formatCpu(cpu)}`),
      );
    }
  } finally {
    await server.shutdown();
  }
  console.log(JSON.stringify({ bench: "flight", runs: RUNS, ...out }));
}

await main();
