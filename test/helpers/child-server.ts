/**
 * Test helper: the built CLI (`dist/src/cli/main.js serve`) as a child process on 127.0.0.1, port 0.
 * Resolves once the server logs its one JSON "listening" line, with the real ports from it.
 * Keeps draining the child's output (a full pipe would block the server's logger) and keeps its
 * tail for failure messages.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** The built CLI entry point; tests skip when it is missing (run `npm run build`). */
export const CLI_MAIN = resolve(import.meta.dirname, "../../dist/src/cli/main.js");

/** True when `npm run build` has produced the CLI. */
export const cliBuilt = existsSync(CLI_MAIN);

/** A running `synthstream serve` child. */
export interface ChildServer {
  readonly proc: ChildProcess;
  readonly port: number;
  readonly adminPort: number;
  /** Base URL of the RPC port, e.g. http://127.0.0.1:41233. */
  readonly url: string;
  /** Base URL of the admin port (/metrics, /healthz, /readyz). */
  readonly admin: string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** The last ~64 KiB of stdout and stderr, for assertion messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Options for {@link startChildServer}. */
export interface ChildServerOptions {
  /** Extra `serve` flags, e.g. ["--workers", "2"]. */
  readonly flags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the listening line. */
  readonly startTimeoutMs?: number;
}

const TAIL = 64 * 1024;

/** Starts `synthstream serve --port 0 --admin-port 0 --host 127.0.0.1 ...flags`. */
export async function startChildServer(options: ChildServerOptions = {}): Promise<ChildServer> {
  const args = [CLI_MAIN, "serve", "--port", "0", "--admin-port", "0", "--host", "127.0.0.1"];
  const proc = spawn(process.execPath, [...args, ...(options.flags ?? [])], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-TAIL);
  };
  proc.stderr!.on("data", keep);
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));

  const listening = await new Promise<{ port: number; adminPort: number }>((res, rej) => {
    let pending = "";
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      rej(new Error(`no "listening" line within ${options.startTimeoutMs ?? 15_000} ms:\n${log}`));
    }, options.startTimeoutMs ?? 15_000);
    proc.stdout!.on("data", (d: Buffer) => {
      keep(d);
      pending += d.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes('"msg":"listening"')) continue;
        clearTimeout(timer);
        res(JSON.parse(line) as { port: number; adminPort: number });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`server exited early (code ${code}):\n${log}`));
    });
  });

  const stop = async (graceMs = 5_000) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill("SIGTERM");
    const killer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(killer);
  };

  return {
    proc,
    port: listening.port,
    adminPort: listening.adminPort,
    url: `http://127.0.0.1:${listening.port}`,
    admin: `http://127.0.0.1:${listening.adminPort}`,
    exited,
    output: () => log,
    stop,
  };
}
