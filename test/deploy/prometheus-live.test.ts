/**
 * Deploy, live: a real Prometheus (Debian 2.42, scripts/ensure-prometheus.sh) scrapes the built
 * service every second as job "synthstream", with deploy/prometheus/rules.yaml loaded. The
 * autoscaling query is read from helm/synthstream/values.yaml and run verbatim: it must count
 * open slow-reader streams while they run and fall back to 0 once they are cancelled.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { createSynthstreamClient } from "../../src/client/client.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { type ChildServer, cliBuilt, startChildServer } from "../helpers/child-server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const RULES = join(ROOT, "deploy/prometheus/rules.yaml");
const STREAMS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** autoscaling.query, exactly as the chart renders it into the KEDA trigger. */
const AUTOSCALING_QUERY = (
  parse(readFileSync(join(ROOT, "helm/synthstream/values.yaml"), "utf8")) as {
    autoscaling: { query: string };
  }
).autoscaling.query;

// A cheap, endless-enough table: small batches so a slow reader holds each stream open.
const parsed = parsePlanText(`
name: live
seed: 7
tables:
  - name: big
    rows: 50000000
    columns:
      - {name: id, sequence: {}}
      - {name: x, type: float64, number: {uniform: {min: 0, max: 1}}}
`);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.violations));
const plan = parsed.plan;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

let server: ChildServer | undefined;
let prom: ChildProcess | undefined;
let promLog = "";
let promUrl = "";
let promtool = "";
let work = "";

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Prometheus answers 503 "Service Unavailable" (plain text) until its TSDB is open. */
class NotReadyError extends Error {}

/** Instant query against the test Prometheus; throws on an API error. */
async function query(expr: string): Promise<Sample[]> {
  const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  if (r.status === 503) throw new NotReadyError(await r.text());
  const body = (await r.json()) as { status: string; error?: string; data: { result: Sample[] } };
  if (body.status !== "success") throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

/** Polls `expr` every 250 ms until `ok` holds; returns every scalar seen. Retries while Prometheus starts. */
async function pollUntil(
  expr: string,
  ok: (s: Sample[]) => boolean,
  ms: number,
): Promise<{ ok: boolean; seen: number[] }> {
  const seen: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const s = await query(expr).catch((e: unknown) => {
      // fetch failed (not listening yet) or 503 (listening, TSDB still opening): poll again.
      if (e instanceof TypeError || e instanceof NotReadyError) return [];
      throw e;
    });
    if (s.length > 0) seen.push(Number(s[0]!.value[1]));
    if (ok(s)) return { ok: true, seen };
    await sleep(250);
  }
  return { ok: false, seen };
}

const scalar = (s: Sample[]) => (s.length === 1 ? Number(s[0]!.value[1]) : Number.NaN);

/** Runs a tool asynchronously: a long synchronous spawn would starve vitest's worker RPC. */
function run(cmd: string, args: string[]): Promise<{ status: number; out: string }> {
  return new Promise((done) =>
    execFile(cmd, args, { encoding: "utf8" }, (err, stdout, stderr) =>
      done({ status: err === null ? 0 : typeof err.code === "number" ? err.code : -1, out: stdout + stderr }),
    ),
  );
}

/** rules.yaml with every group evaluated each second: same rules, no 30 s wait in a test. */
function fastRules(): string {
  const doc = parse(readFileSync(RULES, "utf8")) as { groups: { interval?: string }[] };
  for (const g of doc.groups) g.interval = "1s";
  const path = join(work, "rules.yaml");
  writeFileSync(path, stringify(doc));
  return path;
}

describe.skipIf(!cliBuilt)("Prometheus scraping the live service", () => {
  beforeAll(async () => {
    const ensured = await run("bash", [join(ROOT, "scripts/ensure-prometheus.sh")]);
    expect(ensured.status, ensured.out).toBe(0);
    promtool = ensured.out.trim().split("\n").at(-1)!;
    work = mkdtempSync(join(tmpdir(), "synthstream-prom-"));
    server = await startChildServer({ flags: ["--workers", "2", "--drain-seconds", "1"] });
    const config = readFileSync(join(ROOT, "deploy/prometheus/test-scrape.yml"), "utf8")
      .replaceAll("__ADMIN_TARGET__", `127.0.0.1:${server.adminPort}`)
      .replaceAll("__RULES__", fastRules());
    writeFileSync(join(work, "prometheus.yml"), config);
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    // The Debian package installs prometheus beside promtool.
    prom = spawn(
      join(dirname(promtool), "prometheus"),
      [
        `--config.file=${join(work, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(work, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    prom.stderr!.on("data", (d: Buffer) => {
      promLog = (promLog + d.toString()).slice(-32_768);
    });
    const up = await pollUntil('up{job="synthstream"}', (s) => scalar(s) === 1, 20_000);
    if (!up.ok) {
      const targets = await (await fetch(`${promUrl}/api/v1/targets`)).text();
      expect.fail(`target never UP (${up.seen.length} polls): ${targets}\n${promLog}`);
    }
  }, 60_000);

  afterAll(async () => {
    if (prom !== undefined && prom.exitCode === null && prom.signalCode === null) {
      const gone = new Promise((r) => prom!.once("exit", r));
      prom.kill("SIGKILL");
      await gone; // before removing its TSDB directory
    }
    await server?.stop(3_000);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("promtool accepts the repo's rules, the per-second copy and the filled-in scrape config", async () => {
    for (const args of [
      ["check", "rules", RULES],
      ["check", "rules", join(work, "rules.yaml")],
      ["check", "config", join(work, "prometheus.yml")],
    ]) {
      const r = await run(promtool, args);
      expect(r.status, r.out).toBe(0);
      expect(r.out).toContain("SUCCESS");
    }
  });

  it("the autoscaling query counts open streams, then returns 0 after they are cancelled", async () => {
    const client = createSynthstreamClient(server!.url, { transport: "grpc" });
    const stop = new AbortController();
    const received: number[] = [];
    // Slow readers: one message every 100 ms, so each stream stays open until aborted (or 30 s).
    const readers = Array.from({ length: STREAMS }, async (_, i) => {
      received[i] = 0;
      const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(30_000)]);
      try {
        for await (const _m of client.rpc.generate(
          { planSource: { case: "plan", value: plan }, rowsPerBatch: 2_000 },
          { signal },
        )) {
          received[i]! += 1;
          await sleep(100);
          // connect keeps yielding messages already received after an abort: stop reading.
          if (signal.aborted) break;
        }
      } catch (e) {
        if (!signal.aborted) throw e;
      }
    });

    const during = await pollUntil(AUTOSCALING_QUERY, (s) => scalar(s) >= STREAMS, 20_000);
    // Keep them open for a few more scrapes: the rate() rules need a counter seen rising.
    const held = await pollUntil(AUTOSCALING_QUERY, () => false, 3_000);
    const openStreams = scalar(await query('synthstream_active_streams{job="synthstream"}'));
    stop.abort();
    await Promise.all(readers);
    const after = await pollUntil(AUTOSCALING_QUERY, (s) => scalar(s) === 0, 20_000);
    console.log(
      `autoscaling query during: [${[...during.seen, ...held.seen].join(", ")}]; active_streams ${openStreams}; ` +
        `after cancel: [${after.seen.join(", ")}]; messages read per stream: ${received.join(", ")}`,
    );

    expect(during.ok, `query never reached ${STREAMS}: ${during.seen}`).toBe(true);
    expect(Math.max(...during.seen)).toBeGreaterThanOrEqual(STREAMS);
    expect(Math.min(...held.seen)).toBeGreaterThanOrEqual(STREAMS);
    expect(openStreams).toBe(STREAMS);
    expect(received.every((n) => n > 0)).toBe(true);
    expect(after.ok, `query never returned to 0: ${after.seen}`).toBe(true);
    expect(
      scalar(await query('sum(synthstream_streams_finished_total{job="synthstream",code="canceled"})')),
    ).toBe(STREAMS);
  }, 60_000);

  it("the recording rules produce series from the live scrape and every rule evaluates cleanly", async () => {
    const records = [
      "synthstream:active_streams:sum",
      "synthstream:workers_busy:ratio",
      "synthstream:pending_tasks_per_worker:ratio",
      "synthstream:rows_streamed:rate5m",
      "synthstream:streams_finished:rate5m",
      "synthstream:time_to_first_batch_seconds:p95_5m",
      "synthstream:stream_duration_seconds:p95_5m",
    ];
    for (const record of records) {
      const got = await pollUntil(record, (s) => s.length > 0, 10_000);
      expect(got.ok, `${record} has no series`).toBe(true);
    }
    const [busy] = await query("synthstream:workers_busy:ratio");
    expect(busy?.metric).toMatchObject({ job: "synthstream" });
    // Four streams had their first batch within the 5 m window: a finite p95 under 5 s.
    const ttfb = scalar(await query("synthstream:time_to_first_batch_seconds:p95_5m"));
    expect(ttfb).toBeGreaterThan(0);
    expect(ttfb).toBeLessThan(5);
    expect(scalar(await query('synthstream:rows_streamed:rate5m{transport="grpc"}'))).toBeGreaterThan(0);
    // The canceled series is born at 4 (prom-client exports a label set only once used), so
    // rate() sees no rise yet: the series exists, its value is not asserted.
    expect(await query('synthstream:streams_finished:rate5m{code="canceled"}')).toHaveLength(1);

    const res = await fetch(`${promUrl}/api/v1/rules`);
    const groups = (
      (await res.json()) as { data: { groups: { rules: { name: string; health: string }[] }[] } }
    ).data.groups;
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(records.length);
    expect(rules.filter((r) => r.health !== "ok").map((r) => r.name)).toEqual([]);
    // The target is up, so the "no targets" alert must not even be pending.
    const alerts = await query('ALERTS{alertname="SynthstreamNoTargets"}');
    expect(alerts).toEqual([]);
    console.log(`recording rules: ttfb p95 ${ttfb.toFixed(3)} s; ${rules.length} rules healthy`);
  }, 30_000);
});
