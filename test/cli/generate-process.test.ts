/**
 * The built CLI (`node dist/src/cli/main.js generate`) as a child process: SIGINT mid-run stops
 * the workers and leaves `complete: false` with exit 130; and files streamed from a running
 * service (`--server`) are byte-identical to embedded ones. Needs `npm run build` first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/sink/manifest.js";
import { SHOP_PLAN, tempDir, writePlan } from "../sink/helpers.js";

const MAIN = resolve(import.meta.dirname, "../../dist/src/cli/main.js");
const built = existsSync(MAIN);

const BIG_PLAN = `
name: big
seed: 3
tables:
  - name: orders
    rows: 50000000
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: amount, type: "decimal(12,2)", number: {lognormal: {mu: 4, sigma: 1}}}
      - {name: city, semantic: {kind: city}}
`;

function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((r) => proc.once("exit", (code) => r(code)));
}

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(process.execPath, [MAIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return exitOf(proc).then((code) => ({ code, stderr }));
}

describe.skipIf(!built)("synthstream generate (child process)", () => {
  it("SIGINT mid-run: exit 130, manifest complete:false, no half-written part left under its name", async () => {
    const work = tempDir("synthstream-sigint-");
    const plan = writePlan(work, BIG_PLAN, "big.yaml");
    const out = join(work, "out");
    const proc = spawn(
      process.execPath,
      [MAIN, "generate", plan, "--out", out, "--format", "parquet", "--workers", "2"],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = exitOf(proc);
    // Wait until data is flowing: the first progress line, or the part's .tmp file.
    const t0 = Date.now();
    while (!existsSync(join(out, "orders/part-00000.parquet.tmp")) && Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    proc.kill("SIGINT");
    const code = await exited;
    expect(stderr).toContain("interrupted");
    expect(code).toBe(130);
    const m = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8")) as Manifest;
    expect(m.complete).toBe(false);
    expect(m.error).toContain("SIGINT");
    expect(m.files).toEqual([]);
    expect(readdirSync(join(out, "orders"))).toEqual([]);
  }, 60_000);

  it("--server: files streamed from a running service equal the embedded ones byte for byte", async () => {
    const server = spawn(
      process.execPath,
      [MAIN, "serve", "--port", "0", "--admin-port", "0", "--host", "127.0.0.1"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = exitOf(server);
    try {
      let buf = "";
      const port = await new Promise<number>((res, rej) => {
        server.stdout!.on("data", (d: Buffer) => {
          buf += d.toString();
          for (const l of buf.split("\n"))
            if (l.includes('"msg":"listening"')) res((JSON.parse(l) as { port: number }).port);
        });
        server.once("exit", () => rej(new Error(`server exited early: ${buf}`)));
      });
      const work = tempDir("synthstream-server-");
      const plan = writePlan(work, SHOP_PLAN);
      for (const format of ["parquet", "csv"]) {
        const a = join(work, `embedded-${format}`);
        const b = join(work, `server-${format}`);
        const r1 = await runCli([
          "generate",
          plan,
          "--out",
          a,
          "--format",
          format,
          "--workers",
          "2",
          "--quiet",
        ]);
        const r2 = await runCli([
          "generate",
          plan,
          "--out",
          b,
          "--format",
          format,
          "--server",
          `http://127.0.0.1:${port}`,
          "--quiet",
        ]);
        expect(r1).toEqual({ code: 0, stderr: "" });
        expect(r2).toEqual({ code: 0, stderr: "" });
        const ma = JSON.parse(readFileSync(join(a, "_manifest.json"), "utf8")) as Manifest;
        const mb = JSON.parse(readFileSync(join(b, "_manifest.json"), "utf8")) as Manifest;
        expect(mb.files).toEqual(ma.files);
        expect(ma.files.length).toBe(2);
      }
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
  }, 120_000);
});
