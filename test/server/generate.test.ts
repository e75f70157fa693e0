import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientTransport, createSynthstreamClient } from "../../src/client/client.js";
import {
  type GenerateRequest,
  GenerateRequestSchema,
  type GenerateResponse,
  GenerateResponseSchema,
} from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { compiled, concat, directBytes, startServer, testPlan } from "./helpers.js";

const RPB = 700;
const plan = testPlan();
const engine = compiled(plan);
const expected = directBytes(engine, "customers", 0, 5000, RPB);

function grpcJsGenerate(port: number, req: GenerateRequest): Promise<GenerateResponse[]> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = client.makeServerStreamRequest(
    "/synthstream.v1.GeneratorService/Generate",
    (m: GenerateRequest) => Buffer.from(toBinary(GenerateRequestSchema, m)),
    (b: Buffer) => fromBinary(GenerateResponseSchema, b),
    req,
  );
  const out: GenerateResponse[] = [];
  return new Promise((resolve, reject) => {
    call.on("data", (m: GenerateResponse) => out.push(m));
    call.on("error", (e) => {
      client.close();
      reject(e);
    });
    call.on("end", () => {
      client.close();
      resolve(out);
    });
  });
}

describe("Generate over every transport", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.shutdown());

  const req = () => ({
    planSource: { case: "plan" as const, value: plan },
    tables: ["customers"],
    rowsPerBatch: RPB,
  });

  const variants: [string, ClientTransport, "1.1" | "2"][] = [
    ["connect h2", "connect", "2"],
    ["connect http/1.1", "connect", "1.1"],
    ["grpc-web http/1.1", "grpc-web", "1.1"],
    ["grpc-web h2", "grpc-web", "2"],
    ["grpc (connect-node)", "grpc", "2"],
  ];
  for (const [name, transport, httpVersion] of variants) {
    it(`${name} returns the engine's exact bytes`, async () => {
      const client = createSynthstreamClient(server.url, { transport, httpVersion });
      const got = await client.generateTables(req());
      expect(Buffer.from(got.ipc.get("customers")!).equals(Buffer.from(expected))).toBe(true);
      expect(got.tables.get("customers")!.numRows).toBe(5000);
      expect(got.totals?.rows).toBe(5000n);
      expect(got.totals?.planHash).toBe(engine.planHash);
    });
  }

  it("a @grpc/grpc-js client gets the same bytes", async () => {
    const msgs = await grpcJsGenerate(server.port, create(GenerateRequestSchema, req()));
    const bytes = concat(msgs.filter((m) => m.table === "customers").map((m) => m.arrowIpc));
    expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
    expect(msgs.at(-1)?.totals?.tables[0]?.rows).toBe(5000n);
  });

  it("resuming from a mid-stream cursor continues with identical bytes", async () => {
    const client = createSynthstreamClient(server.url);
    const first: GenerateResponse[] = [];
    for await (const m of client.rpc.generate(req())) {
      first.push(m);
      if (first.length === 4) break; // header + 3 batches
    }
    const cursor = first.at(-1)!.resume!;
    expect(cursor.rowOffset).toBe(BigInt(3 * RPB));
    const rest: GenerateResponse[] = [];
    for await (const m of client.rpc.generate({ ...req(), resume: cursor })) if (m.table !== "") rest.push(m);
    // The resumed stream re-sends the header; the client keeps the first one.
    const joined = concat([...first, ...rest.slice(1)].map((m) => m.arrowIpc));
    expect(Buffer.from(joined).equals(Buffer.from(expected))).toBe(true);
  });

  it("projection and row range read back as the engine's rows", async () => {
    const client = createSynthstreamClient(server.url);
    const t = await client.generateTable(
      {
        planSource: { case: "catalog", value: "numeric" },
        columns: [{ table: "numbers", columns: ["small", "id"] }],
        rowStart: 100n,
        rowEnd: 130n,
      },
      "numbers",
    );
    expect(t.schema.fields.map((f) => f.name)).toEqual(["small", "id"]);
    expect(t.numRows).toBe(30);
    expect(t.getChild("id")!.get(0)).toBe(100n);
  });

  it("cancelling mid-stream brings runner.pending to 0 within 100 ms", async () => {
    const client = createSynthstreamClient(server.url);
    const ac = new AbortController();
    let n = 0;
    await expect(async () => {
      for await (const _ of client.rpc.generate(
        { planSource: { case: "plan", value: plan }, tables: ["big"] },
        { signal: ac.signal },
      )) {
        if (++n === 3) ac.abort();
      }
    }).rejects.toThrow();
    const t0 = performance.now();
    while (server.runner.pending > 0 && performance.now() - t0 < 100)
      await new Promise((r) => setTimeout(r, 1));
    expect(server.runner.pending).toBe(0);
    // The stream's own bookkeeping (gauge, slot) settles once connect closes the handler.
    const active = async () => (await server.metrics.activeStreams.get()).values[0]?.value;
    for (let i = 0; i < 100 && (await active()) !== 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await active()).toBe(0);
    const finished = await server.metrics.streamsFinished.get();
    expect(finished.values.find((v) => v.labels.code === "canceled")?.value).toBe(1);
  });
});

describe("Generate with worker pools", async () => {
  const { existsSync } = await import("node:fs");
  const { generateWorkerPath } = await import("../../src/stream/worker-path.js");
  const built = existsSync(generateWorkerPath());
  for (const workers of [1, 2, 4]) {
    it.skipIf(!built)(`${workers} worker(s) give identical bytes`, async () => {
      const server = await startServer({ workers });
      try {
        const got = await createSynthstreamClient(server.url).generateTables({
          planSource: { case: "plan", value: plan },
          tables: ["customers"],
          rowsPerBatch: RPB,
        });
        expect(Buffer.from(got.ipc.get("customers")!).equals(Buffer.from(expected))).toBe(true);
        expect(tableFromIPC(got.ipc.get("customers")!).numRows).toBe(5000);
      } finally {
        await server.shutdown();
      }
    });
  }
});
