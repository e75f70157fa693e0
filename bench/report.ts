/**
 * bench: timing and reporting helpers shared by the engine benchmarks.
 * A case runs `reps` timed repetitions after warm-up, in a process of its own; figures are
 * medians, printed as a table.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCase } from "./cases.js";

/** A case's measured result. */
export interface BenchResult {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Median units per second (wall clock) over the timed repetitions. */
  readonly perSecond: number;
  /** Median units per second of this process's CPU time: the figure to trust on a busy machine. */
  readonly perCpuSecond: number;
  readonly samples: readonly number[];
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One timed repetition: units produced, wall nanoseconds, CPU microseconds. */
export interface RepTiming {
  readonly items: number;
  readonly ns: number;
  readonly cpuUs: number;
}

const CASE_PROCESS = fileURLToPath(new URL("./case-process.js", import.meta.url));

/** How long a case may take to warm up or to run one repetition. */
const REPLY_TIMEOUT_MS = 300_000;

/** The child's next message; rejects, naming the case, if it exits first or takes too long. */
function nextMessage(child: ChildProcess, key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (m: unknown) => {
      done();
      resolve(m);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`bench case "${key}" exited (code ${code}) before replying`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`bench case "${key}" did not reply within ${REPLY_TIMEOUT_MS / 1000} s`));
    }, REPLY_TIMEOUT_MS);
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/**
 * Runs each case in a process of its own (case-process.ts), as JMH forks a JVM per benchmark: in
 * one heap, the cases ran 4–38% slower after the naive faker case than alone (measured in the same
 * minutes; faker's garbage and heap growth are the likely cause). The rounds still interleave: each round times every case
 * once, one process at a time, so the ratios between cases stay fair when the machine's load
 * changes during the run. Each child warms up `warmup` repetitions before the first round.
 */
export async function measureForked(
  cases: readonly BenchCase[],
  reps: number,
  warmup: number,
): Promise<BenchResult[]> {
  const children: ChildProcess[] = [];
  try {
    // One at a time, so no warm-up competes with another for the cores.
    for (const c of cases) {
      const child = fork(CASE_PROCESS, [c.key, String(warmup)]);
      children.push(child);
      const ready = await nextMessage(child, c.key);
      if (ready !== "ready") throw new Error(`bench case "${c.key}" said ${String(ready)}, not ready`);
    }
    const timings = cases.map((): RepTiming[] => []);
    for (let round = 0; round < reps; round++) {
      for (const [k, c] of cases.entries()) {
        children[k]!.send("run");
        timings[k]!.push((await nextMessage(children[k]!, c.key)) as RepTiming);
      }
    }
    return cases.map((c, k) => {
      const wall = timings[k]!.map((t) => (t.items * 1e9) / t.ns);
      const cpu = timings[k]!.map((t) => (t.items * 1e6) / Math.max(1, t.cpuUs));
      return {
        key: c.key,
        label: c.label,
        unit: c.unit,
        perSecond: median(wall),
        perCpuSecond: median(cpu),
        samples: wall,
      };
    });
  } finally {
    for (const child of children) child.kill();
  }
}

/** `12.3 M` style figures. */
export function si(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(1);
}

/** A plain-text table of results. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.label,
    `${si(r.perSecond)} ${r.unit}/s`,
    `${si(Math.min(...r.samples))}–${si(Math.max(...r.samples))}`,
    `${si(r.perCpuSecond)} ${r.unit}/cpu-s`,
  ]);
  const head = ["case", "median (wall)", "range (wall)", "median (cpu time)"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
