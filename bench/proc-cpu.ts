/**
 * bench: CPU time of a process and of its threads, from /proc (Linux), for "server CPU per GB"
 * figures. On a shared machine MB/s is noisy; CPU per byte says which side (transport or engine)
 * costs, and is the figure to compare between builds. Threads are split into the main thread, the
 * batch workers and the rest (V8's helper threads: concurrent GC and JIT compilation).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** CPU milliseconds (user + system) of a /proc stat file; undefined off Linux or once it is gone. */
function statCpuMs(statFile: string): number | undefined {
  if (!existsSync(statFile)) return undefined;
  let text: string;
  try {
    text = readFileSync(statFile, "utf8");
  } catch {
    return undefined; // the thread ended between listing and reading
  }
  // Fields after the command name: state is field 3, utime/stime are fields 14/15 (clock ticks, 100 Hz).
  const fields = text.split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU ms of a process's main thread, of the whole process (workers included), and per thread. */
export interface ProcessCpu {
  readonly mainMs: number | undefined;
  readonly totalMs: number | undefined;
  /** Thread id → CPU ms, main thread included. */
  readonly threadMs: ReadonlyMap<string, number>;
}

/** Reads the CPU time of process `pid`. */
export function processCpu(pid: number): ProcessCpu {
  const threadMs = new Map<string, number>();
  const tasks = `/proc/${pid}/task`;
  if (existsSync(tasks))
    for (const tid of readdirSync(tasks)) {
      const ms = statCpuMs(`${tasks}/${tid}/stat`);
      if (ms !== undefined) threadMs.set(tid, ms);
    }
  return {
    mainMs: statCpuMs(`/proc/${pid}/task/${pid}/stat`),
    totalMs: statCpuMs(`/proc/${pid}/stat`),
    threadMs,
  };
}

/** CPU ms per GB between two readings. */
export interface CpuPerGb {
  readonly mainMsPerGb: number;
  /** The `workers` busiest threads besides main: the batch workers, which do the generating. */
  readonly workersMsPerGb: number;
  /** Every other thread: V8's GC and JIT helpers, libuv's pool. */
  readonly otherMsPerGb: number;
  readonly totalMsPerGb: number;
}

/** CPU ms per GB between two readings of process `pid`, or undefined when /proc is missing. */
export function cpuPerGb(
  before: ProcessCpu,
  after: ProcessCpu,
  bytes: number,
  pid?: number,
  workers = 2,
): CpuPerGb | undefined {
  if (before.mainMs === undefined || after.mainMs === undefined) return undefined;
  if (before.totalMs === undefined || after.totalMs === undefined) return undefined;
  const gb = bytes / 1e9;
  const main = after.mainMs - before.mainMs;
  const total = after.totalMs - before.totalMs;
  const others = [...after.threadMs]
    .filter(([tid]) => tid !== String(pid))
    .map(([tid, ms]) => ms - (before.threadMs.get(tid) ?? 0))
    .sort((a, b) => b - a);
  const work = pid === undefined ? 0 : others.slice(0, workers).reduce((n, ms) => n + ms, 0);
  return {
    mainMsPerGb: main / gb,
    workersMsPerGb: work / gb,
    // Ended threads are in the total only; what is not main or workers counts as other.
    otherMsPerGb: (total - main - work) / gb,
    totalMsPerGb: total / gb,
  };
}

/** "main X ms, workers Y ms, other Z ms, total T ms" per GB. */
export function formatCpu(cpu: CpuPerGb): string {
  const f = (n: number) => `${n.toFixed(0)} ms`;
  return `main ${f(cpu.mainMsPerGb)}, workers ${f(cpu.workersMsPerGb)}, other ${f(cpu.otherMsPerGb)}, total ${f(cpu.totalMsPerGb)}`;
}
