/**
 * bench:stream — end-to-end throughput of GeneratorService.Generate on loopback: a server process
 * with 2 workers, and a separate client process that counts rows and bytes. Reports rows/s, MB/s
 * and time to first batch (median of several runs) for the customers and numeric tables, then
 * one JSON line. Targets (2-core machine): customers ≥ 2 M rows/s, numeric ≥ 15 M rows/s,
 * TTFB p50 < 30 ms for a 1 M-row request.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "./report.js";
import { spawnServer } from "./spawn-server.js";

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL("./stream-client.js", import.meta.url));
const REPS = Number(process.env.BENCH_REPS ?? 5);

interface Sample {
  rows: number;
  bytes: number;
  seconds: number;
  ttfbMs: number;
}

async function sample(url: string, request: object): Promise<Sample> {
  const { stdout } = await run(process.execPath, [CLIENT, url, JSON.stringify(request)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim()) as Sample;
}

async function measure(url: string, label: string, request: object) {
  await sample(url, request); // warm the workers and the JIT
  const samples: Sample[] = [];
  for (let i = 0; i < REPS; i++) samples.push(await sample(url, request));
  const rowsPerS = median(samples.map((s) => s.rows / s.seconds));
  const mbPerS = median(samples.map((s) => s.bytes / s.seconds / 1e6));
  const ttfb = median(samples.map((s) => s.ttfbMs));
  console.log(
    `${label.padEnd(34)} ${(rowsPerS / 1e6).toFixed(2).padStart(7)} M rows/s ${mbPerS.toFixed(0).padStart(6)} MB/s  ttfb p50 ${ttfb.toFixed(1)} ms  (${samples[0]!.rows} rows × ${REPS})`,
  );
  return { rowsPerS, mbPerS, ttfb };
}

const server = await spawnServer(["--workers", "2"]);
try {
  console.log(
    `bench:stream — server pid ${server.process.pid}, 2 workers, client in a separate process, ${REPS} runs each`,
  );
  const customers = await measure(server.url, "customers (1 M rows)", { catalog: "customers", scale: 10 });
  const numeric = await measure(server.url, "numeric, 8 columns (2 M rows)", {
    catalog: "numeric",
    scale: 0.2,
  });
  const targets = {
    customers: customers.rowsPerS >= 2e6,
    numeric: numeric.rowsPerS >= 15e6,
    ttfb: customers.ttfb < 30,
  };
  console.log(`targets met: ${JSON.stringify(targets)}`);
  console.log(
    JSON.stringify({
      customers_rows_per_s: Math.round(customers.rowsPerS),
      customers_mb_per_s: Number(customers.mbPerS.toFixed(1)),
      customers_ttfb_p50_ms: Number(customers.ttfb.toFixed(1)),
      numeric_rows_per_s: Math.round(numeric.rowsPerS),
      numeric_mb_per_s: Number(numeric.mbPerS.toFixed(1)),
      numeric_ttfb_p50_ms: Number(numeric.ttfb.toFixed(1)),
      workers: 2,
      runs: REPS,
    }),
  );
} finally {
  await server.stop();
}
