/**
 * "Nothing lost" under a crash: the built CLI serves Generate, is SIGKILLed mid-stream, a fresh
 * server resumes from the last cursor the client received, and the reassembled stream hashes equal
 * to an uninterrupted one. Skips when dist/ is not built (npm run build).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createSynthstreamClient } from "../../src/client/client.js";
import type { GenerateResponse } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import { testPlan } from "../server/helpers.js";

const MAIN = resolve(import.meta.dirname, "../../dist/src/cli/main.js");

async function spawnServer(): Promise<{ proc: ChildProcess; url: string }> {
  const args = [MAIN, "serve", "--port", "0", "--admin-port", "0", "--host", "127.0.0.1", "--workers", "1"];
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let buf = "";
  const port = await new Promise<number>((res, rej) => {
    proc.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      for (const l of buf.split("\n"))
        if (l.includes('"msg":"listening"')) res((JSON.parse(l) as { port: number }).port);
    });
    proc.once("exit", () => rej(new Error(`server exited early: ${buf}`)));
  });
  return { proc, url: `http://127.0.0.1:${port}` };
}

const request = {
  planSource: { case: "plan" as const, value: testPlan() },
  tables: ["customers", "big"],
  rowEnd: 1_500_000n,
  rowsPerBatch: 25_000,
};

/** Folds the data of a stream: every record batch's table, range and IPC bytes, in order. */
class StreamHash {
  private readonly h = createHash("sha256");
  rows = 0n;
  add(m: GenerateResponse): void {
    // Schema/dictionary and end-of-stream messages carry no rows; a resumed stream resends them.
    if (m.rowCount === 0n) return;
    this.rows += m.rowCount;
    this.h.update(`${m.table}:${m.rowStart}:${m.rowCount}:`).update(m.arrowIpc);
  }
  digest(): string {
    return this.h.digest("hex");
  }
}

describe.skipIf(!existsSync(MAIN))("crash and resume (child process)", () => {
  it("SIGKILL mid-stream, resume on a fresh server from the last cursor: same hash as uninterrupted", async () => {
    const first = await spawnServer();
    const resumed = new StreamHash();
    let cursor: GenerateResponse["resume"];
    let batches = 0;
    let cut: ConnectError | undefined;
    try {
      for await (const m of createSynthstreamClient(first.url, { transport: "grpc" }).rpc.generate(request)) {
        resumed.add(m);
        if (m.resume !== undefined) cursor = m.resume;
        if (m.rowCount > 0n && ++batches === 12) first.proc.kill("SIGKILL");
      }
    } catch (e) {
      cut = ConnectError.from(e);
    }
    expect(cut, "the stream must be cut by the crash").toBeDefined();
    expect(cursor).toBeDefined();
    expect(cursor!.table).toBe("big"); // customers (5000 rows) came first and completed
    expect(cursor!.rowOffset).toBeGreaterThan(0n);
    expect(cursor!.rowOffset).toBeLessThan(request.rowEnd);

    const second = await spawnServer();
    try {
      const client = createSynthstreamClient(second.url, { transport: "grpc" });
      for await (const m of client.rpc.generate({ ...request, resume: cursor })) resumed.add(m);
      const whole = new StreamHash();
      for await (const m of client.rpc.generate(request)) whole.add(m);
      expect(resumed.rows).toBe(whole.rows);
      expect(whole.rows).toBe(5000n + 1_500_000n);
      expect(resumed.digest()).toBe(whole.digest());
      console.log(
        `crash after ${batches} batches at ${cursor!.table}@${cursor!.rowOffset}; resumed hash equal`,
      );
    } finally {
      second.proc.kill("SIGTERM");
    }
  }, 60_000);
});
