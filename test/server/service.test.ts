import * as http2 from "node:http2";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSynthstreamClient } from "../../src/client/client.js";
import { BadRequestSchema } from "../../src/gen/google/rpc/error_details_pb.js";
import { Health, HealthCheckResponse_ServingStatus as S } from "../../src/gen/grpc/health/v1/health_pb.js";
import { ServerReflection } from "../../src/gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as ReflectionAlpha } from "../../src/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { GenerateRequestSchema } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { caught, startServer, testPlan } from "./helpers.js";

const plan = testPlan();
const badPlan = () => {
  const p = testPlan();
  const gen = p.tables[0]!.columns[1]!.generator;
  if (gen.case === "semantic") gen.value.kind = "frist_name";
  p.tables[0]!.rows = -5n;
  return p;
};

describe("GeneratorService errors, limits and unary methods", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      maxRowsPerRequest: 1_000_000_000,
      maxConcurrentStreams: 1,
      maxPlanBytes: 4096,
    });
  });
  afterAll(() => server.shutdown());
  const drain = async (it: AsyncIterable<unknown>) => {
    for await (const _ of it);
  };

  it("a bad plan is InvalidArgument with every violation as a BadRequest field violation; the next request works", async () => {
    const client = createSynthstreamClient(server.url);
    const err = await caught(() =>
      drain(client.rpc.generate({ planSource: { case: "plan", value: badPlan() } })),
    );
    expect(err.code).toBe(Code.InvalidArgument);
    const [details] = err.findDetails(BadRequestSchema);
    const fields = details!.fieldViolations.map((v) => v.field);
    expect(fields).toContain("plan.tables[0].rows");
    expect(fields.some((f) => f.startsWith("plan.tables[0].columns[1]"))).toBe(true);
    expect(err.rawMessage).not.toMatch(/at .*\.ts/); // no stack trace
    const ok = await client.generateTable(
      { planSource: { case: "plan", value: plan }, rowEnd: 10n },
      "customers",
    );
    expect(ok.numRows).toBe(10);
  });

  it("unknown table in the request is InvalidArgument naming the field", async () => {
    const client = createSynthstreamClient(server.url);
    const err = await caught(() =>
      drain(client.rpc.generate({ planSource: { case: "plan", value: plan }, tables: ["nope"] })),
    );
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.findDetails(BadRequestSchema)[0]!.fieldViolations[0]!.field).toBe("tables[0]");
  });

  it("an unknown catalog plan is NotFound; names cannot traverse paths", async () => {
    const client = createSynthstreamClient(server.url);
    for (const name of ["nope", "../package"]) {
      const err = await caught(() =>
        drain(client.rpc.generate({ planSource: { case: "catalog", value: name } })),
      );
      expect(err.code).toBe(Code.NotFound);
    }
  });

  it("limits: too many rows, too large a plan, too many streams → ResourceExhausted", async () => {
    const small = await startServer({ maxRowsPerRequest: 1000 });
    try {
      const c = createSynthstreamClient(small.url);
      const err = await caught(() =>
        drain(c.rpc.generate({ planSource: { case: "plan", value: plan }, tables: ["customers"] })),
      );
      expect(err.code).toBe(Code.ResourceExhausted);
      await drain(
        c.rpc.generate({ planSource: { case: "plan", value: plan }, tables: ["customers"], rowEnd: 1000n }),
      );
    } finally {
      await small.shutdown();
    }
    const client = createSynthstreamClient(server.url);
    const huge = testPlan();
    huge.description = "x".repeat(5000);
    expect(
      (await caught(() => drain(client.rpc.generate({ planSource: { case: "plan", value: huge } })))).code,
    ).toBe(Code.ResourceExhausted);
    const ac = new AbortController();
    const first = client.rpc
      .generate({ planSource: { case: "plan", value: plan }, tables: ["big"] }, { signal: ac.signal })
      [Symbol.asyncIterator]();
    await first.next();
    const err = await caught(() =>
      drain(client.rpc.generate({ planSource: { case: "plan", value: plan }, rowEnd: 1n })),
    );
    expect(err.code).toBe(Code.ResourceExhausted);
    ac.abort();
    await first.next().catch(() => undefined);
  });

  it("ValidatePlan lists violations; DescribePlan and ListPlans answer", async () => {
    const { rpc } = createSynthstreamClient(server.url);
    const v = await rpc.validatePlan({ planSource: { case: "plan", value: badPlan() } });
    expect(v.valid).toBe(false);
    expect(v.violations.length).toBeGreaterThanOrEqual(2);
    expect((await rpc.validatePlan({ planSource: { case: "catalog", value: "customers" } })).valid).toBe(
      true,
    );
    const d = await rpc.describePlan({ planSource: { case: "plan", value: plan } });
    expect(d.tables.map((t) => t.name)).toEqual(["customers", "big"]);
    const c = d.tables[0]!;
    expect(c.rows).toBe(5000n);
    expect(c.fields.find((f) => f.name === "tier")?.arrowType).toContain("Dictionary");
    expect(c.arrowSchema.byteLength).toBeGreaterThan(0);
    expect(d.tables[1]!.shards.length).toBe(Math.ceil(50_000_000 / 1_048_576));
    expect(d.tables[1]!.estimatedBytes).toBeGreaterThan(50_000_000n * 8n);
    const list = await rpc.listPlans({});
    expect(list.plans.map((p) => p.name)).toEqual(expect.arrayContaining(["customers", "numeric"]));
    // The metadata exports ride along, the same text as `synthstream export`.
    const shop = await rpc.describePlan({ planSource: { case: "catalog", value: "ecommerce" }, scale: 0.01 });
    const exports = new Map(shop.exports.map((e) => [e.kind, e]));
    expect([...exports.keys()].sort()).toEqual([
      "ddl-duckdb",
      "ddl-postgres",
      "dictionary",
      "lineage",
      "mermaid",
    ]);
    expect(exports.get("ddl-postgres")!.content).toMatch(/FOREIGN KEY[\s\S]*REFERENCES/i);
    expect(exports.get("mermaid")!.content).toMatch(/^erDiagram/m);
    const dictionary = JSON.parse(exports.get("dictionary")!.content) as { tables: { name: string }[] };
    expect(dictionary.tables.map((t) => t.name)).toEqual(expect.arrayContaining(["customers", "orders"]));
  });
});

describe("protocol surface", () => {
  let server: RunningServer;
  const exporter = new InMemorySpanExporter();
  beforeAll(async () => {
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    server = await startServer({}, { tracer: provider.getTracer("test") });
  });
  afterAll(() => server.shutdown());

  it("never compresses responses, even when the client accepts gzip", async () => {
    const session = http2.connect(server.url);
    const body = toBinary(
      GenerateRequestSchema,
      create(GenerateRequestSchema, { planSource: { case: "plan", value: plan }, tables: ["customers"] }),
    );
    const env = Buffer.alloc(5 + body.byteLength);
    env.writeUInt32BE(body.byteLength, 1);
    env.set(body, 5);
    const req = session.request({
      ":method": "POST",
      ":path": "/synthstream.v1.GeneratorService/Generate",
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-accept-encoding": "gzip",
    });
    req.end(env);
    const headers = await new Promise<http2.IncomingHttpHeaders>((r) => req.once("response", r));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    session.close();
    expect(headers["grpc-encoding"] ?? "identity").toBe("identity");
    const data = Buffer.concat(chunks);
    expect(data.length).toBeGreaterThan(10_000);
    expect(data[0]).toBe(0); // first envelope: compressed flag not set
  });

  it("health Check and Watch report SERVING, then NOT_SERVING on drain", async () => {
    const local = await startServer({ drainSeconds: 0 });
    const health = createClient(Health, createGrpcTransport({ baseUrl: local.url }));
    expect((await health.check({ service: "" })).status).toBe(S.SERVING);
    expect((await health.check({ service: "synthstream.v1.GeneratorService" })).status).toBe(S.SERVING);
    const ac = new AbortController();
    const watch = health.watch({ service: "" }, { signal: ac.signal })[Symbol.asyncIterator]();
    expect((await watch.next()).value?.status).toBe(S.SERVING);
    const stopping = local.shutdown();
    expect((await watch.next()).value?.status).toBe(S.NOT_SERVING);
    ac.abort();
    await stopping;
  });

  it("reflection v1 and v1alpha list services and serve file descriptors", async () => {
    const transport = createGrpcTransport({ baseUrl: server.url });
    for (const svc of [ServerReflection, ReflectionAlpha]) {
      const refl = createClient(svc, transport);
      async function* reqs() {
        yield { messageRequest: { case: "listServices" as const, value: "" } };
        yield {
          messageRequest: { case: "fileContainingSymbol" as const, value: "synthstream.v1.GeneratorService" },
        };
      }
      const out = [];
      for await (const r of refl.serverReflectionInfo(reqs())) out.push(r);
      const list = out[0]!.messageResponse;
      expect(list.case).toBe("listServicesResponse");
      const names = list.case === "listServicesResponse" ? list.value.service.map((s) => s.name) : [];
      expect(names).toEqual(
        expect.arrayContaining([
          "synthstream.v1.GeneratorService",
          "grpc.health.v1.Health",
          "grpc.reflection.v1.ServerReflection",
        ]),
      );
      const files = out[1]!.messageResponse;
      expect(files.case).toBe("fileDescriptorResponse");
      const protos =
        files.case === "fileDescriptorResponse"
          ? files.value.fileDescriptorProto.map((b) => fromBinary(FileDescriptorProtoSchema, b).name)
          : [];
      expect(protos).toEqual(["synthstream/v1/generator_service.proto", "synthstream/v1/plan.proto"]);
    }
  });

  it("/metrics exposes every synthstream_ metric with its TYPE; /healthz and /readyz answer", async () => {
    await createSynthstreamClient(server.url).generateTables({
      planSource: { case: "plan", value: plan },
      tables: ["customers"],
    });
    const admin = `http://127.0.0.1:${server.adminPort}`;
    const text = await (await fetch(`${admin}/metrics`)).text();
    const types: [string, string][] = [
      ["synthstream_active_streams", "gauge"],
      ["synthstream_pending_shard_tasks", "gauge"],
      ["synthstream_workers_busy", "gauge"],
      ["synthstream_workers_total", "gauge"],
      ["synthstream_rows_streamed_total", "counter"],
      ["synthstream_bytes_streamed_total", "counter"],
      ["synthstream_streams_finished_total", "counter"],
      ["synthstream_batch_build_seconds", "histogram"],
      ["synthstream_time_to_first_batch_seconds", "histogram"],
      ["synthstream_stream_duration_seconds", "histogram"],
      ["synthstream_process_cpu_seconds_total", "counter"],
    ];
    for (const [name, type] of types) expect(text).toContain(`# TYPE ${name} ${type}`);
    expect(text).toMatch(/synthstream_rows_streamed_total\{transport="connect"\} 5000/);
    expect(text).toMatch(/synthstream_streams_finished_total\{code="ok"\} \d/);
    expect((await fetch(`${admin}/healthz`)).status).toBe(200);
    expect((await fetch(`${admin}/readyz`)).status).toBe(200);
  });

  it("traces each RPC with rpc.* attributes and each shard task as a child span", async () => {
    exporter.reset();
    await createSynthstreamClient(server.url, { transport: "grpc" }).generateTables({
      planSource: { case: "plan", value: plan },
      tables: ["customers"],
      rowsPerBatch: 1000,
    });
    const spans = exporter.getFinishedSpans();
    const rpc = spans.find((s) => s.name === "synthstream.v1.GeneratorService/Generate")!;
    expect(rpc.attributes["rpc.system"]).toBe("grpc");
    expect(rpc.attributes["rpc.method"]).toBe("Generate");
    const shards = spans.filter((s) => s.name === "synthstream.shard");
    expect(shards).toHaveLength(5);
    for (const s of shards) expect(s.parentSpanContext?.spanId).toBe(rpc.spanContext().spanId);
  });
});
