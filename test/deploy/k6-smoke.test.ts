/**
 * Deploy, live: a k6 smoke run of loadtest/generate.js (5 VUs for 20 s, plaintext h2c) against the
 * built service with 2 workers. The script's own thresholds (time to first batch, stream duration,
 * error rate) gate the exit code; the figures from --summary-export are printed and saved.
 * k6 comes from scripts/ensure-k6.sh: run it before vitest, the go build takes minutes.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSynthstreamClient } from "../../src/client/client.js";
import { type ChildServer, cliBuilt, startChildServer } from "../helpers/child-server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const VUS = 5;
const DURATION_S = 20;
// A small catalog request: a few thousand rows over several related tables per stream. This is
// the proto's JSON form (what k6 sends); the warm-up below builds the same request in TS.
const REQUEST = { catalog: "ecommerce", scale: 0.01 };

/** The slice of k6's --summary-export JSON read here. */
interface Summary {
  metrics: Record<string, Record<string, number> & { thresholds?: Record<string, boolean> }>;
}

let k6 = "";
let server: ChildServer | undefined;
let work = "";

function runK6(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; out: string }> {
  return new Promise((done) =>
    execFile(
      k6,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        done({
          status: err === null ? 0 : typeof err.code === "number" ? err.code : -1,
          out: stdout + stderr,
        }),
    ),
  );
}

describe.skipIf(!cliBuilt)("k6 smoke run of loadtest/generate.js", () => {
  beforeAll(async () => {
    // A no-op when cached; on a cold machine this is the go build CI should run before vitest.
    k6 = execFileSync("bash", [join(ROOT, "scripts/ensure-k6.sh")], { encoding: "utf8" }).trim();
    work = mkdtempSync(join(tmpdir(), "synthstream-k6-"));
    server = await startChildServer({ flags: ["--workers", "2"] });
    // Warm up: the first stream starts the worker threads and loads kernel data, which k6
    // would otherwise count as one slow time-to-first-batch.
    await createSynthstreamClient(server.url, { transport: "grpc" }).generateTables({
      planSource: { case: "catalog", value: REQUEST.catalog },
      scale: REQUEST.scale,
    });
  }, 600_000);

  afterAll(async () => {
    await server?.stop(3_000);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(`${VUS} VUs for ${DURATION_S} s pass the script's thresholds`, async () => {
    const summaryFile = join(work, "summary.json");
    const t0 = performance.now();
    const r = await runK6(
      [
        "run",
        "--vus",
        String(VUS),
        "--duration",
        `${DURATION_S}s`,
        "--summary-export",
        summaryFile,
        "--no-usage-report",
        "--no-color",
        "loadtest/generate.js",
      ],
      { SYNTHSTREAM_ADDR: `127.0.0.1:${server!.port}`, SYNTHSTREAM_REQUEST: JSON.stringify(REQUEST) },
    );
    const wallS = (performance.now() - t0) / 1000;
    expect(r.status, r.out).toBe(0);

    const { metrics: m } = JSON.parse(readFileSync(summaryFile, "utf8")) as Summary;
    const figures = {
      request: REQUEST,
      vus: VUS,
      durationS: DURATION_S,
      k6WallS: Number(wallS.toFixed(1)),
      iterations: m.iterations?.count,
      streamsPerS: m.iterations?.rate,
      ttfbP95Ms: m.synthstream_time_to_first_batch?.["p(95)"],
      ttfbMedMs: m.synthstream_time_to_first_batch?.med,
      durationP95Ms: m.synthstream_stream_duration?.["p(95)"],
      durationMedMs: m.synthstream_stream_duration?.med,
      errorRate: m.synthstream_stream_errors?.value,
      batches: m.synthstream_batches_received?.count,
      dataReceivedBytes: m.data_received?.count,
      dataReceivedBytesPerS: m.data_received?.rate,
    };
    writeFileSync(join(work, "k6-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`k6 smoke figures (${join(work, "k6-figures.json")}):\n${JSON.stringify(figures, null, 2)}`);

    // In --summary-export, a threshold's boolean is true when it FAILED.
    const failed = Object.entries(m).flatMap(([name, metric]) =>
      Object.entries(metric.thresholds ?? {})
        .filter(([, crossed]) => crossed)
        .map(([expr]) => `${name}: ${expr}`),
    );
    expect(failed).toEqual([]);
    expect(Object.keys(m.synthstream_time_to_first_batch?.thresholds ?? {})).toHaveLength(1);
    expect(figures.iterations).toBeGreaterThan(0);
    expect(figures.errorRate).toBe(0);
    expect(figures.batches).toBeGreaterThanOrEqual(figures.iterations!);
    expect(figures.dataReceivedBytes).toBeGreaterThan(0);

    // The server agrees: every k6 stream (plus the warm-up) finished OK.
    const text = await (await fetch(`${server!.admin}/metrics`)).text();
    const ok = Number(
      /^synthstream_streams_finished_total\{code="ok"\} (\d+)/m.exec(text)?.[1] ?? Number.NaN,
    );
    expect(ok).toBeGreaterThanOrEqual(figures.iterations! + 1);
  }, 90_000);
});
