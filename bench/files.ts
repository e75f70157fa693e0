/**
 * bench:files — `synthstream generate` to Parquet as a child process: rows/s and peak RSS
 * (VmHWM polled from /proc) for an orders table at 1 M and 10 M rows, and TPC-H lineitem (SF1)
 * against tpchgen-cli with the same thread count. Prints a table, then ONE JSON line.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compilePlan } from "../src/compile/compile-plan.js";
import { parsePlanText } from "../src/plan/parse-plan.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const MAIN = join(ROOT, "dist/src/cli/main.js");
const TOOLS = process.env.SYNTHSTREAM_TOOLS ?? join(process.env.HOME ?? "/root", ".cache/synthstream-tools");
const TPCHGEN = join(TOOLS, "bin/tpchgen-cli");
const WORKERS = 2;

interface Run {
  readonly seconds: number;
  readonly peakRssBytes: number;
  readonly code: number | null;
}

function vmHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return Number(m?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Runs a command, polling its peak RSS (VmHWM covers all its threads) every 50 ms. */
function measure(cmd: string, args: string[]): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid !== undefined) peak = Math.max(peak, vmHwm(child.pid));
  }, 50);
  return new Promise((res) =>
    child.once("exit", (code) => {
      clearInterval(timer);
      res({ seconds: (performance.now() - t0) / 1000, peakRssBytes: peak, code });
    }),
  );
}

/** The rows of `table` in `planFile` at scale 1, to pick a scale for a target row count. */
function rowsAtScale(planFile: string, table: string, scale: number): number {
  const parsed = parsePlanText(readFileSync(planFile, "utf8"));
  if (!parsed.ok) throw new Error(`${planFile}: bad plan`);
  const c = compilePlan(parsed.plan, { scale });
  if (!c.ok) throw new Error(`${planFile}: does not compile`);
  const t = c.plan.tables.find((x) => x.name === table);
  if (t === undefined) throw new Error(`${planFile} has no table ${table}`);
  return t.rows;
}

async function synthstream(name: string, planFile: string, table: string, scale: number) {
  const out = mkdtempSync(join(tmpdir(), "bench-files-"));
  const rows = rowsAtScale(planFile, table, scale);
  const args = [MAIN, "generate", planFile, "--out", out, "--format", "parquet", "--tables", table];
  const r = await measure(process.execPath, [
    ...args,
    "--scale",
    String(scale),
    "--workers",
    String(WORKERS),
    "--quiet",
    "--overwrite",
  ]);
  rmSync(out, { recursive: true, force: true });
  if (r.code !== 0) throw new Error(`${name}: generate exited ${r.code}`);
  return { name, rows, ...r, rowsPerSecond: rows / r.seconds };
}

async function main(): Promise<void> {
  const orders = existsSync(join(ROOT, "plans/ecommerce.yaml"))
    ? join(ROOT, "plans/ecommerce.yaml")
    : join(ROOT, "bench/plans/orders.yaml");
  const perScale = rowsAtScale(orders, "orders", 1);
  const results = [];
  for (const target of [1_000_000, 10_000_000]) {
    results.push(await synthstream(`orders ${target / 1e6}M`, orders, "orders", target / perScale));
  }
  const tpch = join(ROOT, "plans/tpch.yaml");
  const lineitem = await synthstream("lineitem SF1", tpch, "lineitem", 1);
  results.push(lineitem);
  let peer:
    | { name: string; rows: number; seconds: number; peakRssBytes: number; rowsPerSecond: number }
    | undefined;
  if (existsSync(TPCHGEN)) {
    const out = mkdtempSync(join(tmpdir(), "bench-tpchgen-"));
    const r = await measure(TPCHGEN, [
      "parquet",
      "-s",
      "1",
      "-T",
      "lineitem",
      "-n",
      String(WORKERS),
      "-o",
      out,
      "--quiet",
    ]);
    rmSync(out, { recursive: true, force: true });
    const rows = 6_001_215; // TPC-H SF1 lineitem
    peer = {
      name: "tpchgen-cli lineitem SF1",
      rows,
      seconds: r.seconds,
      peakRssBytes: r.peakRssBytes,
      rowsPerSecond: rows / r.seconds,
    };
  }
  const all = peer === undefined ? results : [...results, peer];
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  console.log(
    `${"case".padEnd(26)}${"rows".padStart(12)}${"seconds".padStart(10)}${"rows/s".padStart(12)}${"peak RSS MiB".padStart(14)}`,
  );
  for (const r of all) {
    console.log(
      `${r.name.padEnd(26)}${String(r.rows).padStart(12)}${r.seconds.toFixed(1).padStart(10)}${Math.round(r.rowsPerSecond).toString().padStart(12)}${mb(r.peakRssBytes).padStart(14)}`,
    );
  }
  const [small, large] = results;
  const ratio = peer === undefined ? null : peer.rowsPerSecond / lineitem.rowsPerSecond;
  if (ratio !== null)
    console.log(
      `tpchgen-cli is ${ratio.toFixed(1)}x synthstream on lineitem SF1 Parquet (${WORKERS} threads each)`,
    );
  const summary = {
    bench: "files",
    workers: WORKERS,
    cases: all.map((r) => ({
      name: r.name,
      rows: r.rows,
      seconds: +r.seconds.toFixed(2),
      rowsPerSecond: Math.round(r.rowsPerSecond),
      peakRssMiB: +mb(r.peakRssBytes),
    })),
    peakRssUnder1GiB: results.every((r) => r.peakRssBytes < 2 ** 30),
    rssGrowth10xRows:
      small !== undefined && large !== undefined
        ? +(large.peakRssBytes / small.peakRssBytes).toFixed(2)
        : null,
    peerRatio: ratio === null ? null : +ratio.toFixed(2),
  };
  console.log(JSON.stringify(summary));
}

await main();
