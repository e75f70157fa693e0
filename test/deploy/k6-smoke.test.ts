/**
 * Deploy, live: k6 smoke runs against the built service with 2 workers, plaintext h2c:
 * loadtest/generate.js (5 VUs for 20 s) and loadtest/flight-doget.js (3 VUs for 10 s). Each
 * script's own thresholds (time to first batch, duration, error rate) gate its exit code; the
 * figures from --summary-export are printed and saved as JSON.
 * k6 comes from scripts/ensure-k6.sh: run it before vitest, the go build takes minutes.
 */
import { execFile } from "node:child_process";
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

const FLIGHT_VUS = 3;
const FLIGHT_S = 10;
// Figures of every run, kept after the test (CI can upload it).
const FIGURES = process.env.SYNTHSTREAM_K6_FIGURES ?? join(tmpdir(), "synthstream-k6-figures.json");
const figures: Record<string, unknown> = {};

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

/** Runs one k6 script against the server; fails on a non-zero exit or any crossed threshold. */
async function smoke(script: string, vus: number, seconds: number, env: NodeJS.ProcessEnv) {
  const summaryFile = join(work, `${script.replace(/\W/g, "_")}.json`);
  const t0 = performance.now();
  const r = await runK6(
    [
      "run",
      ...["--vus", String(vus), "--duration", `${seconds}s`, "--summary-export", summaryFile],
      ...["--no-usage-report", "--no-color", script],
    ],
    { ...env, SYNTHSTREAM_ADDR: `127.0.0.1:${server!.port}` },
  );
  const wallS = Number(((performance.now() - t0) / 1000).toFixed(1));
  expect(r.status, r.out).toBe(0);
  const { metrics: m } = JSON.parse(readFileSync(summaryFile, "utf8")) as Summary;
  // In --summary-export, a threshold's boolean is true when it FAILED.
  const crossed = Object.entries(m).flatMap(([name, metric]) =>
    Object.entries(metric.thresholds ?? {})
      .filter(([, failed]) => failed)
      .map(([expr]) => `${name}: ${expr}`),
  );
  expect(crossed).toEqual([]);
  expect(Object.values(m).some((metric) => metric.thresholds !== undefined)).toBe(true);
  return { m, wallS };
}

function report(name: string, f: Record<string, unknown>) {
  figures[name] = f;
  writeFileSync(FIGURES, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`k6 ${name} figures (also in ${FIGURES}):\n${JSON.stringify(f, null, 2)}`);
}

/** The server's count of streams (Generate and DoGet) that ended OK. */
async function streamsOk(): Promise<number> {
  const text = await (await fetch(`${server!.admin}/metrics`)).text();
  return Number(/^synthstream_streams_finished_total\{code="ok"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

describe.skipIf(!cliBuilt)("k6 smoke runs of loadtest/", () => {
  beforeAll(async () => {
    // A no-op when cached; on a cold machine this is the go build CI should run before vitest.
    k6 = await new Promise<string>((res, rej) =>
      execFile("bash", [join(ROOT, "scripts/ensure-k6.sh")], { encoding: "utf8" }, (err, stdout, stderr) =>
        err === null ? res(stdout.trim()) : rej(new Error(`ensure-k6.sh failed: ${stderr}`)),
      ),
    );
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

  it(`Generate: ${VUS} VUs for ${DURATION_S} s pass the script's thresholds`, async () => {
    const okBefore = await streamsOk();
    const { m, wallS } = await smoke("loadtest/generate.js", VUS, DURATION_S, {
      SYNTHSTREAM_REQUEST: JSON.stringify(REQUEST),
    });
    const figures = {
      request: REQUEST,
      vus: VUS,
      durationS: DURATION_S,
      k6WallS: wallS,
      iterations: m.iterations?.count ?? 0,
      streamsPerS: m.iterations?.rate,
      ttfbP95Ms: m.synthstream_time_to_first_batch?.["p(95)"],
      ttfbMedMs: m.synthstream_time_to_first_batch?.med,
      durationP95Ms: m.synthstream_stream_duration?.["p(95)"],
      durationMedMs: m.synthstream_stream_duration?.med,
      errorRate: m.synthstream_stream_errors?.value,
      batches: m.synthstream_batches_received?.count ?? 0,
      dataReceivedBytes: m.data_received?.count,
      dataReceivedBytesPerS: m.data_received?.rate,
    };
    report("generate", figures);

    expect(Object.keys(m.synthstream_time_to_first_batch?.thresholds ?? {})).toHaveLength(1);
    expect(figures.iterations).toBeGreaterThan(0);
    expect(figures.errorRate).toBe(0);
    expect(figures.batches).toBeGreaterThanOrEqual(figures.iterations);
    expect(figures.dataReceivedBytes).toBeGreaterThan(0);
    // The server agrees: one OK stream per k6 iteration (at most one per VU cut at the end).
    const served = (await streamsOk()) - okBefore;
    expect(served).toBeGreaterThanOrEqual(figures.iterations);
    expect(served).toBeLessThanOrEqual(figures.iterations + VUS);
  }, 90_000);

  it(`Flight: GetFlightInfo + DoGet on every endpoint, ${FLIGHT_VUS} VUs for ${FLIGHT_S} s`, async () => {
    const okBefore = await streamsOk();
    const { m, wallS } = await smoke("loadtest/flight-doget.js", FLIGHT_VUS, FLIGHT_S, {});
    const figures = {
      vus: FLIGHT_VUS,
      durationS: FLIGHT_S,
      k6WallS: wallS,
      flights: m.iterations?.count ?? 0,
      flightsPerS: m.iterations?.rate,
      endpoints: m.synthstream_flight_endpoints?.count ?? 0,
      endpointsEnded: m.synthstream_doget_ended?.count ?? 0,
      getFlightInfoP95Ms: m.synthstream_flight_info?.["p(95)"],
      doGetTtfbP95Ms: m.synthstream_doget_time_to_first_data?.["p(95)"],
      doGetDurationP95Ms: m.synthstream_doget_duration?.["p(95)"],
      flightDurationP95Ms: m.synthstream_flight_duration?.["p(95)"],
      errorRate: m.synthstream_flight_errors?.value,
      dataReceivedBytes: m.data_received?.count,
      dataReceivedBytesPerS: m.data_received?.rate,
    };
    report("flight", figures);

    expect(figures.flights).toBeGreaterThan(0);
    expect(figures.errorRate).toBe(0);
    // customers at scale 0.1 in shards of 2,500 rows: 4 endpoints per flight, all opened (an
    // iteration cut at the end may have opened some more).
    expect(figures.endpoints).toBeGreaterThanOrEqual(4 * figures.flights);
    expect(figures.endpoints).toBeLessThanOrEqual(4 * (figures.flights + FLIGHT_VUS));
    // The server finished every DoGet of every finished flight OK. k6's own "end" events are not
    // the count: k6 v1.8 can drop one (see loadtest/flight-doget.js); it failed CI once, 1035 of 1036.
    const served = (await streamsOk()) - okBefore;
    expect(served).toBeGreaterThanOrEqual(4 * figures.flights);
    expect(served).toBeLessThanOrEqual(figures.endpoints);
    expect(figures.endpointsEnded).toBeLessThanOrEqual(figures.endpoints);
    expect(figures.endpointsEnded).toBeGreaterThanOrEqual(Math.floor(0.99 * figures.endpoints));
  }, 60_000);
});
