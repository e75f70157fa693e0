/**
 * grpcurl, the real Go tool, against a real server: what a user types first. It discovers every
 * service by reflection (no .proto files given), describes the request message, calls unary
 * methods with JSON, streams Generate (its Arrow chunks, base64 in JSON, read back with
 * apache-arrow equal the engine's output) and shows a bad plan's InvalidArgument with its field.
 * grpcurl comes from scripts/ensure-grpcurl.sh (go install, cached outside the repo).
 */
import { execFile, execFileSync } from "node:child_process";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/create-server.js";
import { compiled, concat, directBytes, startServer } from "../server/helpers.js";

const ROOT = join(import.meta.dirname, "../..");
let grpcurl: string;
let server: RunningServer;

beforeAll(async () => {
  grpcurl = execFileSync("bash", [join(ROOT, "scripts/ensure-grpcurl.sh")], { encoding: "utf8" }).trim();
  server = await startServer({ workers: 1 });
}, 600_000);
afterAll(() => server?.shutdown());

/** Runs grpcurl; resolves with its exit code and output (it exits non-zero on RPC errors). */
function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      grpcurl,
      ["-plaintext", "-max-time", "20", ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === "number" ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const target = () => `127.0.0.1:${server.port}`;

describe("grpcurl over server reflection", () => {
  it("lists every service without .proto files", async () => {
    const r = await run(target(), "list");
    expect(r.code).toBe(0);
    const services = r.stdout.trim().split("\n");
    expect(services).toEqual(
      expect.arrayContaining([
        "synthstream.v1.GeneratorService",
        "grpc.health.v1.Health",
        "arrow.flight.protocol.FlightService",
      ]),
    );
  });

  it("describes the Generate request message", async () => {
    const r = await run(target(), "describe", "synthstream.v1.GenerateRequest");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\.synthstream\.v1\.Plan plan = 1;/);
    expect(r.stdout).toMatch(/int32 rows_per_batch = 9;/);
  });

  it("calls Health.Check and ListPlans with JSON", async () => {
    const health = await run(target(), "grpc.health.v1.Health/Check");
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout)).toEqual({ status: "SERVING" });
    const plans = await run("-d", "{}", target(), "synthstream.v1.GeneratorService/ListPlans");
    expect(plans.code).toBe(0);
    const names = (JSON.parse(plans.stdout).plans as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["customers", "ecommerce", "numeric"]));
  });

  it("streams Generate: the base64 Arrow chunks equal the engine's own bytes", async () => {
    const req = { catalog: "customers", seed: "7", rowEnd: "3000", rowsPerBatch: 1000 };
    const r = await run("-d", JSON.stringify(req), target(), "synthstream.v1.GeneratorService/Generate");
    expect(r.code, r.stderr).toBe(0);
    // grpcurl prints one pretty JSON object per message; split on the object boundaries.
    const messages = r.stdout
      .split(/\n(?=\{)/)
      .map((m) => m.trim())
      .filter((m) => m !== "")
      .map((m) => JSON.parse(m) as { table?: string; arrowIpc?: string; totals?: { rows: string } });
    const chunks = messages.filter((m) => m.arrowIpc !== undefined);
    const bytes = concat(chunks.map((m) => Buffer.from(m.arrowIpc!, "base64")));
    const table = tableFromIPC(bytes);
    expect(table.numRows).toBe(3000);
    expect(messages.at(-1)?.totals?.rows).toBe("3000");
    const { loadCatalogPlan } = await import("../../src/catalog/catalog.js");
    const hit = await loadCatalogPlan("customers");
    if (hit.status !== "ok") throw new Error("customers plan missing");
    hit.plan.seed = 7n;
    const plan = compiled(hit.plan);
    const expected = tableFromIPC(directBytes(plan, chunks[0]!.table!, 0, 3000, 1000));
    for (const f of expected.schema.fields)
      expect(table.getChild(f.name)!.toArray(), f.name).toEqual(expected.getChild(f.name)!.toArray());
  });

  it("shows a bad plan as InvalidArgument naming the field", async () => {
    const bad = { plan: { name: "x", tables: [{ name: "t", rows: "-5", columns: [{ name: "id" }] }] } };
    const r = await run("-d", JSON.stringify(bad), target(), "synthstream.v1.GeneratorService/ValidatePlan");
    // ValidatePlan answers OK with the violations; Generate refuses with InvalidArgument.
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tables\[0\]\.rows/);
    const g = await run("-d", JSON.stringify(bad), target(), "synthstream.v1.GeneratorService/Generate");
    expect(g.code).not.toBe(0);
    expect(g.stderr).toMatch(/Code: InvalidArgument/);
    expect(g.stderr).toMatch(/tables\[0\]\.rows/);
  });
});
