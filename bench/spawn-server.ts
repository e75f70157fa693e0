/**
 * bench: starts the built service as a child process on free ports and waits for its "listening"
 * log line. Benchmarks measure a real server in its own process, as clients see it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A running child server. */
export interface ChildServer {
  readonly process: ChildProcess;
  readonly port: number;
  readonly adminPort: number;
  readonly url: string;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));

/** Spawns `synthstream serve` with extra flags; resolves once it listens. */
export function spawnServer(flags: readonly string[] = [], timeoutMs = 60_000): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    [MAIN, "serve", "--host", "127.0.0.1", "--port", "0", "--admin-port", "0", ...flags],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start in time")), timeoutMs);
    let buffered = "";
    child.once("exit", (code) => reject(new Error(`server exited with code ${code} before listening`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let msg: { msg?: string; port?: number; adminPort?: number };
        try {
          msg = JSON.parse(line) as typeof msg;
        } catch {
          continue;
        }
        if (msg.msg !== "listening" || msg.port === undefined || msg.adminPort === undefined) continue;
        clearTimeout(timer);
        const stop = () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          });
        resolve({
          process: child,
          port: msg.port,
          adminPort: msg.adminPort,
          url: `http://127.0.0.1:${msg.port}`,
          stop,
        });
      }
    });
  });
}
