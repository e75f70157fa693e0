/**
 * bench: one case of bench/cases.ts in a process of its own, driven over IPC by measureForked
 * (report.ts). argv: the case's key and the warm-up count. It warms up, says "ready", then times
 * one repetition per "run" message and replies with its units, wall nanoseconds and CPU
 * microseconds (this process's, its V8 helper threads included).
 */
import { benchCases } from "./cases.js";
import type { RepTiming } from "./report.js";

function send(message: unknown): void {
  process.send!(message);
}

function main(): void {
  const [key, warmupArg] = process.argv.slice(2);
  const c = benchCases().find((k) => k.key === key);
  if (c === undefined || process.send === undefined) {
    console.error(`case-process: unknown case "${key}" or no IPC channel (run it through measureForked)`);
    process.exit(2);
  }
  const run = c.make();
  for (let i = 0; i < Number(warmupArg ?? 2); i++) run();
  process.on("message", (m) => {
    if (m !== "run") return process.exit(0);
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const items = run();
    const ns = Number(process.hrtime.bigint() - t0);
    const used = process.cpuUsage(c0);
    const timing: RepTiming = { items, ns, cpuUs: used.user + used.system };
    send(timing);
  });
  send("ready");
}

main();
