/**
 * bench: CPU time of a process and of its main thread, from /proc (Linux), for "server CPU per GB"
 * figures. On a shared machine MB/s is noisy; CPU per byte says which side (transport or engine)
 * costs, and is the figure to compare between builds.
 */
import { existsSync, readFileSync } from "node:fs";

/** CPU milliseconds (user + system) of a /proc stat file; undefined off Linux. */
function statCpuMs(statFile: string): number | undefined {
  if (!existsSync(statFile)) return undefined;
  // Fields after the command name: state is field 3, utime/stime are fields 14/15 (clock ticks, 100 Hz).
  const fields = readFileSync(statFile, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU ms of a process's main thread and of the whole process (workers included). */
export interface ProcessCpu {
  readonly mainMs: number | undefined;
  readonly totalMs: number | undefined;
}

/** Reads the CPU time of process `pid`. */
export function processCpu(pid: number): ProcessCpu {
  return { mainMs: statCpuMs(`/proc/${pid}/task/${pid}/stat`), totalMs: statCpuMs(`/proc/${pid}/stat`) };
}

/** CPU ms per GB between two readings, or undefined when /proc is missing. */
export function cpuPerGb(
  before: ProcessCpu,
  after: ProcessCpu,
  bytes: number,
): { mainMsPerGb: number; totalMsPerGb: number } | undefined {
  if (before.mainMs === undefined || after.mainMs === undefined) return undefined;
  if (before.totalMs === undefined || after.totalMs === undefined) return undefined;
  const gb = bytes / 1e9;
  return {
    mainMsPerGb: (after.mainMs - before.mainMs) / gb,
    totalMsPerGb: (after.totalMs - before.totalMs) / gb,
  };
}
