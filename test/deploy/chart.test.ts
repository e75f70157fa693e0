/**
 * Deploy artefacts, checked offline: the Helm chart (lint, render, strict schemas), the
 * Prometheus rules, the Grafana dashboard and the shutdown budget. Tools are built on first
 * use into ~/.cache/synthstream-tools (helm via go install takes ~2 min), hence the timeouts.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHART = join(ROOT, "helm/synthstream");
const TOOLS = process.env.SYNTHSTREAM_TOOLS ?? join(process.env.HOME ?? "/root", ".cache/synthstream-tools");
const SLOW = 600_000;

// biome-ignore lint/suspicious/noExplicitAny: rendered manifests are arbitrary YAML, read by path.
type Doc = { kind: string; metadata: { name: string }; spec?: any };

let helm = "";
let promtool = "";
let work = "";

/** Runs a tool asynchronously: a long synchronous spawn starves vitest's worker RPC. */
function run(cmd: string, args: string[]): Promise<{ status: number; out: string }> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === "number" ? err.code : -1;
        done({ status: code, out: `${stdout}${stderr}` });
      },
    );
  });
}

function validateChart(...helmArgs: string[]) {
  return run("bash", [join(ROOT, "scripts/validate-chart.sh"), ...helmArgs]);
}

function render(...args: string[]): Doc[] {
  const out = execFileSync(
    helm,
    ["template", "synthstream", CHART, "--namespace", "synthstream", "--kube-version", "1.31.0", ...args],
    { cwd: ROOT, encoding: "utf8" },
  );
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Doc)
    .filter((d) => d !== null);
}

function one(docs: Doc[], kind: string): Doc {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, `exactly one ${kind}`).toHaveLength(1);
  return found[0]!;
}

beforeAll(() => {
  helm = execFileSync("bash", [join(ROOT, "scripts/ensure-helm.sh")], { encoding: "utf8" }).trim();
  promtool = execFileSync("bash", [join(ROOT, "scripts/ensure-prometheus.sh")], { encoding: "utf8" }).trim();
  work = mkdtempSync(join(tmpdir(), "synthstream-deploy-"));
}, SLOW);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("scripts/validate-chart.sh", () => {
  it("passes for the chart as committed", { timeout: SLOW }, async () => {
    const r = await validateChart();
    expect(r.out).toContain("validate-chart: all checks passed");
    expect(r.status, r.out).toBe(0);
  });

  it("fails on a negative replicaCount (values.schema.json), naming the field", {
    timeout: SLOW,
  }, async () => {
    const r = await validateChart("--set", "replicaCount=-1");
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/\/replicaCount'?: minimum/);
  });

  it("fails on an unknown autoscaling.mode, naming the field", { timeout: SLOW }, async () => {
    const r = await validateChart("--set", "autoscaling.mode=vpa");
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("/autoscaling/mode");
  });

  it("fails when values pass the values schema but render an invalid manifest", {
    timeout: SLOW,
  }, async () => {
    // extraEnv items are free-form in values.schema.json; only the strict Kubernetes schema
    // of the rendered Deployment knows an EnvVar has no field "valeu".
    const r = await validateChart("--set-json", 'extraEnv=[{"name":"A","valeu":"b"}]');
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(
      /deployment\.yaml: Deployment\/synthstream: spec\.template\.spec\.containers\.0\.env\.\d+/,
    );
    expect(r.out).toContain("'valeu' was unexpected");
  });

  it("fails when liveness would kill pods during the drain", { timeout: SLOW }, async () => {
    const r = await validateChart("--set", "probes.liveness.failureThreshold=2");
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("probes.liveness: periodSeconds x failureThreshold (20) must exceed");
  });
});

describe("CRD schemas in deploy/schemas", () => {
  const validate = (file: string) =>
    run(join(TOOLS, "venv-deploy/bin/python"), [
      join(ROOT, "deploy/schemas/validate.py"),
      "--k8s-version",
      "1.29.0",
      file,
    ]);

  it("reject a ScaledObject with a numeric threshold and an unknown field", { timeout: SLOW }, async () => {
    const scaled = one(render("--set", "autoscaling.mode=keda"), "ScaledObject");
    scaled.spec.triggers[0].metadata.threshold = 8;
    scaled.spec.pollingIntervall = 15;
    const file = join(work, "scaledobject.yaml");
    writeFileSync(file, JSON.stringify(scaled));
    const r = await validate(file);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("ScaledObject/synthstream: spec: Additional properties are not allowed");
    expect(r.out).toContain("spec.triggers.0.metadata.threshold");
  });

  it("reject a ServiceMonitor endpoint without a port", { timeout: SLOW }, async () => {
    const sm = one(render("--set", "serviceMonitor.enabled=true"), "ServiceMonitor");
    delete sm.spec.endpoints[0].port;
    const file = join(work, "servicemonitor.yaml");
    writeFileSync(file, JSON.stringify(sm));
    const r = await validate(file);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("ServiceMonitor/synthstream: spec.endpoints.0");
  });

  it("reject a kind that has no schema at all", { timeout: SLOW }, async () => {
    const file = join(work, "unknown.yaml");
    writeFileSync(file, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    const r = await validate(file);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("no schema for example.com/v1 Widget");
  });
});

describe("rendered chart", () => {
  it("sets terminationGracePeriodSeconds = preStop sleep + drain + margin", { timeout: SLOW }, async () => {
    for (const [preStop, drain, margin] of [
      [5, 25, 5],
      [7, 40, 3],
      [0, 0, 1],
    ] as const) {
      const args =
        preStop === 5
          ? []
          : [
              "--set",
              `lifecycle.preStopSleepSeconds=${preStop}`,
              "--set",
              `config.drainSeconds=${drain}`,
              "--set",
              `lifecycle.terminationMarginSeconds=${margin}`,
            ];
      const spec = one(render(...args), "Deployment").spec.template.spec;
      expect(spec.terminationGracePeriodSeconds).toBe(preStop + drain + margin);
      const container = spec.containers[0];
      const env = Object.fromEntries(
        container.env.map((e: { name: string; value: string }) => [e.name, e.value]),
      );
      expect(env.SYNTHSTREAM_DRAIN_SECONDS).toBe(String(drain));
      expect(container.lifecycle.preStop.exec.command).toEqual(["sleep", String(preStop)]);
    }
  });

  it("uses numeric gRPC probe ports and h2c on the grpc Service port", { timeout: SLOW }, async () => {
    const docs = render();
    const c = one(docs, "Deployment").spec.template.spec.containers[0];
    for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe])
      expect(probe.grpc.port).toBe(8080);
    const svc = docs.find((d) => d.kind === "Service" && d.metadata.name === "synthstream")!;
    expect(svc.spec.ports.map((p: { name: string }) => p.name)).toEqual(["grpc", "metrics"]);
    expect(svc.spec.ports[0].appProtocol).toBe("kubernetes.io/h2c");
  });

  it("renders autoscaling.query verbatim into KEDA and drops replicas when autoscaled", {
    timeout: SLOW,
  }, async () => {
    const values = parse(readFileSync(join(CHART, "values.yaml"), "utf8"));
    const keda = render("--set", "autoscaling.mode=keda");
    expect(one(keda, "ScaledObject").spec.triggers[0].metadata.query).toBe(values.autoscaling.query);
    expect(one(keda, "Deployment").spec.replicas).toBeUndefined();
    const hpa = render("--set", "autoscaling.mode=hpa");
    expect(one(hpa, "HorizontalPodAutoscaler").spec.metrics[0].external.metric.name).toBe("synthstream_load");
    expect(hpa.some((d) => d.kind === "ScaledObject")).toBe(false);
    expect(one(render(), "Deployment").spec.replicas).toBe(values.replicaCount);
  });
});

describe("Prometheus rules", () => {
  it("pass promtool check rules", { timeout: SLOW }, async () => {
    const r = await run(promtool, ["check", "rules", "deploy/prometheus/rules.yaml"]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("SUCCESS");
  });

  it("pass their promtool unit tests", { timeout: SLOW }, async () => {
    const r = await run(promtool, ["test", "rules", "deploy/prometheus/rules.test.yaml"]);
    expect(r.status, r.out).toBe(0);
  });
});

describe("Grafana dashboard", () => {
  // The service's metrics (see the deploy issue) plus the prom-client defaults we chart.
  const KNOWN = new Set([
    "synthstream_active_streams",
    "synthstream_pending_shard_tasks",
    "synthstream_workers_busy",
    "synthstream_workers_total",
    "synthstream_rows_streamed_total",
    "synthstream_bytes_streamed_total",
    "synthstream_streams_finished_total",
    "synthstream_batch_build_seconds",
    "synthstream_time_to_first_batch_seconds",
    "synthstream_stream_duration_seconds",
    "synthstream_process_cpu_seconds_total",
    "synthstream_process_resident_memory_bytes",
    "synthstream_nodejs_eventloop_lag_p99_seconds",
    "synthstream_nodejs_heap_size_used_bytes",
  ]);
  const HISTOGRAMS = [
    "synthstream_batch_build_seconds",
    "synthstream_time_to_first_batch_seconds",
    "synthstream_stream_duration_seconds",
  ];
  const dashboard = JSON.parse(readFileSync(join(ROOT, "deploy/grafana/synthstream-dashboard.json"), "utf8"));
  const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) =>
    (p.targets ?? []).map((t) => t.expr),
  );

  it("is a dashboard with panels and a query on each", () => {
    expect(dashboard.uid).toBe("synthstream-overview");
    expect(exprs.length).toBeGreaterThan(10);
    for (const e of exprs) expect(e.trim()).not.toBe("");
  });

  it("references only metrics the service exports", () => {
    const used = new Set(exprs.flatMap((e) => e.match(/synthstream_[a-z0-9_]+/g) ?? []));
    const unknown = [...used].filter((m) => {
      if (KNOWN.has(m)) return false;
      const base = m.replace(/_(bucket|sum|count)$/, "");
      return !(HISTOGRAMS.includes(base) && base !== m);
    });
    expect(unknown).toEqual([]);
    expect(used.has("synthstream_active_streams")).toBe(true);
  });

  it("has PromQL that parses (checked by promtool as recording rules)", { timeout: SLOW }, async () => {
    const rules = exprs.map((expr, i) => ({
      record: `dashboard:expr_${i}`,
      expr: expr.replaceAll("$__rate_interval", "5m").replaceAll(/\$(namespace|region)/g, ".*"),
    }));
    const file = join(work, "dashboard-rules.yaml");
    writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboard", rules }] }));
    const r = await run(promtool, ["check", "rules", file]);
    expect(r.status, r.out).toBe(0);
  });
});
