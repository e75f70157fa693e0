/** The built CLI as a child process: listening line, SIGTERM drain, and bounded memory under load. */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { describe, expect, it } from "vitest";
import { createSynthstreamClient } from "../../src/client/client.js";
import { Health, HealthCheckResponse_ServingStatus as S } from "../../src/gen/grpc/health/v1/health_pb.js";
import { ResumeCursorSchema } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { RESUME_ROW_HEADER, RESUME_TABLE_HEADER } from "../../src/server/errors.js";
import { testPlan } from "./helpers.js";

const MAIN = resolve(import.meta.dirname, "../../dist/src/cli/main.js");
const built = existsSync(MAIN);
const plan = testPlan();

interface Child {
  proc: ChildProcess;
  url: string;
  admin: string;
  exited: Promise<number | null>;
}

async function spawnServer(...flags: string[]): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [MAIN, "serve", "--port", "0", "--admin-port", "0", "--host", "127.0.0.1", ...flags],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  let buf = "";
  const line = await new Promise<{ port: number; adminPort: number }>((res, rej) => {
    proc.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      for (const l of buf.split("\n")) {
        if (l.includes('"msg":"listening"')) res(JSON.parse(l) as { port: number; adminPort: number });
      }
    });
    proc.once("exit", () => rej(new Error(`server exited early: ${buf}`)));
  });
  return { proc, url: `http://127.0.0.1:${line.port}`, admin: `http://127.0.0.1:${line.adminPort}`, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) * 1024;
}

describe.skipIf(!built)("synthstream serve (child process)", () => {
  it("on SIGTERM: NOT_SERVING, /readyz 503, new streams Unavailable, the open stream finishes, exit 0", async () => {
    const child = await spawnServer("--workers", "1", "--drain-seconds", "20");
    const transport = createGrpcTransport({ baseUrl: child.url });
    const client = createSynthstreamClient(child.url, { transport: "grpc" });
    const open = client.rpc
      .generate({ planSource: { case: "plan", value: plan }, tables: ["big"], rowEnd: 3_000_000n })
      [Symbol.asyncIterator]();
    await open.next();
    child.proc.kill("SIGTERM");
    await sleep(300);
    expect((await createClient(Health, transport).check({ service: "" })).status).toBe(S.NOT_SERVING);
    expect((await fetch(`${child.admin}/readyz`)).status).toBe(503);
    const refused = await client
      .generateTables({ planSource: { case: "plan", value: plan }, rowEnd: 1n })
      .catch((e: unknown) => ConnectError.from(e));
    expect(refused).toBeInstanceOf(ConnectError);
    expect((refused as ConnectError).code).toBe(Code.Unavailable);
    let rows = 0n;
    let totals = false;
    for (let r = await open.next(); r.done !== true; r = await open.next()) {
      rows += r.value.rowCount;
      totals ||= r.value.totals !== undefined;
    }
    expect(rows).toBe(3_000_000n);
    expect(totals).toBe(true);
    expect(await child.exited).toBe(0);
  }, 30_000);

  it("past the grace period the stream ends Unavailable with a resume cursor, then exit 0", async () => {
    const child = await spawnServer("--workers", "1", "--drain-seconds", "1");
    const client = createSynthstreamClient(child.url, { transport: "grpc" });
    const it = client.rpc
      .generate({ planSource: { case: "plan", value: plan }, tables: ["big"] })
      [Symbol.asyncIterator]();
    let last: bigint | undefined;
    for (let i = 0; i < 3; i++) last = (await it.next()).value?.resume?.rowOffset;
    child.proc.kill("SIGTERM");
    await sleep(1500); // a slow reader: the grace period passes
    let err: ConnectError | undefined;
    try {
      for (let r = await it.next(); r.done !== true; r = await it.next()) last = r.value.resume?.rowOffset;
    } catch (e) {
      err = ConnectError.from(e);
    }
    expect(err?.code).toBe(Code.Unavailable);
    expect(err?.metadata.get(RESUME_TABLE_HEADER)).toBe("big");
    const row = Number(err?.metadata.get(RESUME_ROW_HEADER));
    expect(row).toBeGreaterThan(0);
    expect(BigInt(row)).toBe(last);
    expect(err?.findDetails(ResumeCursorSchema)[0]?.rowOffset).toBe(BigInt(row));
    expect(await child.exited).toBe(0);
  }, 30_000);

  // Cheap kernels (a sequence and float64 uniforms, 64 bytes/row), so the test measures buffering, not kernel speed.
  const WIDE = `
name: wide
seed: 1
tables:
  - name: wide
    rows: 32000000
    columns:
      - {name: id, sequence: {}}
${[1, 2, 3, 4, 5, 6, 7].map((i) => `      - {name: f${i}, type: float64, number: {uniform: {min: 0, max: 1}}}`).join("\n")}
`;

  it("streams >= 2 GB to a reader that starts slowly while server RSS grows < 200 MB", async () => {
    const parsed = parsePlanText(WIDE);
    if (!parsed.ok) throw new Error("bad WIDE plan");
    const wide = parsed.plan;
    const child = await spawnServer("--workers", "2");
    try {
      const client = createSynthstreamClient(child.url, { transport: "grpc" });
      // Warm up the worker pool and code paths before taking the baseline.
      await client.generateTables({ planSource: { case: "plan", value: wide }, rowEnd: 300_000n });
      const base = rssBytes(child.proc.pid!);
      let peak = base;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssBytes(child.proc.pid!));
      }, 50);
      let bytes = 0;
      let n = 0;
      const t0 = performance.now();
      for await (const m of client.rpc.generate({ planSource: { case: "plan", value: wide } })) {
        bytes += m.arrowIpc.byteLength;
        if (++n <= 5) await sleep(500); // slow at first: the server must not buffer ahead
      }
      clearInterval(sampler);
      const secs = (performance.now() - t0) / 1000;
      console.log(
        `streamed ${(bytes / 2 ** 30).toFixed(2)} GiB in ${secs.toFixed(1)} s; RSS ${(base / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
      );
      expect(bytes).toBeGreaterThanOrEqual(2 * 1e9);
      expect(peak - base).toBeLessThan(200 * 2 ** 20);
    } finally {
      child.proc.kill("SIGTERM");
      await child.exited;
    }
  }, 90_000);
});
