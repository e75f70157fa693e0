import * as http2 from "node:http2";
import {
  create,
  type DescMessage,
  fromBinary,
  type MessageShape,
  toBinary,
  toJson,
} from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientTransport, createSynthstreamClient } from "../../src/client/client.js";
import { encodeTicket } from "../../src/flight/tickets.js";
import {
  FlightDataSchema,
  FlightService,
  TicketSchema,
} from "../../src/gen/arrow/flight/protocol/flight_pb.js";
import { BadRequestSchema } from "../../src/gen/google/rpc/error_details_pb.js";
import {
  GenerateRequestSchema,
  GenerateResponseSchema,
  GeneratorService,
} from "../../src/gen/synthstream/v1/generator_service_pb.js";
import { PlanSchema } from "../../src/gen/synthstream/v1/plan_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { compiled, concat, directBytes, startServer, testPlan, until } from "./helpers.js";

const RPB = 700;
const plan = testPlan();
const expected = directBytes(compiled(plan), "customers", 0, 5000, RPB);

function envelope(body: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(5);
  new DataView(prefix.buffer).setUint32(1, body.byteLength);
  return concat([prefix, body]);
}

/** Splits a response body into its envelopes. */
function envelopes(data: Uint8Array): { flags: number; body: Uint8Array }[] {
  const out = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let pos = 0; pos < data.byteLength; ) {
    const len = view.getUint32(pos + 1);
    out.push({ flags: data[pos]!, body: data.subarray(pos + 5, pos + 5 + len) });
    pos += 5 + len;
  }
  return out;
}

interface RawCall {
  readonly headers: http2.IncomingHttpHeaders;
  readonly trailers: http2.IncomingHttpHeaders;
  readonly data: Uint8Array;
}

/** One server-streaming call on a bare HTTP/2 stream, so the test sees the exact wire bytes. */
function rawCall(
  port: number,
  path: string,
  contentType: string,
  request: Uint8Array,
  opts: { headers?: Record<string, string>; pauseMs?: number; resetAfterBytes?: number } = {},
): Promise<RawCall> {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  return new Promise((resolve, reject) => {
    const req = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": contentType,
      te: "trailers",
      ...opts.headers,
    });
    let headers: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let received = 0;
    req.on("response", (h) => {
      headers = h;
    });
    req.on("trailers", (t) => {
      trailers = t;
    });
    req.on("data", (c: Buffer) => {
      chunks.push(c);
      received += c.byteLength;
      if (opts.resetAfterBytes !== undefined && received >= opts.resetAfterBytes)
        req.close(http2.constants.NGHTTP2_CANCEL);
    });
    if (opts.pauseMs !== undefined) {
      req.pause(); // a stalled reader: flow control stops the server until we resume
      setTimeout(() => req.resume(), opts.pauseMs);
    }
    req.on("error", reject);
    req.on("close", () => {
      session.close();
      resolve({ headers, trailers, data: concat(chunks) });
    });
    req.end(envelope(request));
  });
}

const GENERATE = "/synthstream.v1.GeneratorService/Generate";
const DO_GET = "/arrow.flight.protocol.FlightService/DoGet";
const generateRequest = (init: { tables?: string[]; rowsPerBatch?: number } = {}) =>
  toBinary(
    GenerateRequestSchema,
    create(GenerateRequestSchema, {
      planSource: { case: "plan", value: plan },
      tables: ["customers"],
      rowsPerBatch: RPB,
      ...init,
    }),
  );

/** Each message is exactly what protobuf-es (the connect-node path) would have written. */
function expectProtobufEsBytes<S extends DescMessage>(schema: S, body: Uint8Array): MessageShape<S> {
  const m = fromBinary(schema, body);
  expect(Buffer.from(toBinary(schema, m)).equals(Buffer.from(body))).toBe(true);
  return m;
}

describe("the direct stream path", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.shutdown());

  const variants: [string, ClientTransport, "1.1" | "2", boolean][] = [
    ["connect h2", "connect", "2", true],
    ["grpc h2", "grpc", "2", true],
    ["connect http/1.1", "connect", "1.1", false],
    ["grpc-web h2", "grpc-web", "2", false],
    ["grpc-web http/1.1", "grpc-web", "1.1", false],
  ];
  for (const [name, transport, httpVersion, direct] of variants) {
    it(`${name}: ${direct ? "served directly" : "served by connect-node"}, the engine's exact bytes`, async () => {
      const before = server.directStreams.served;
      const got = await createSynthstreamClient(server.url, { transport, httpVersion }).generateTables({
        planSource: { case: "plan", value: plan },
        tables: ["customers"],
        rowsPerBatch: RPB,
      });
      expect(Buffer.from(got.ipc.get("customers")!).equals(Buffer.from(expected))).toBe(true);
      expect(server.directStreams.served - before).toBe(direct ? 1 : 0);
    });
  }

  it("gRPC on the wire: protobuf-es bytes per message, headers first, status 0 in trailers", async () => {
    const before = server.directStreams.served;
    const res = await rawCall(server.port, GENERATE, "application/grpc", generateRequest());
    expect(server.directStreams.served - before).toBe(1);
    expect(res.headers[":status"]).toBe(200);
    expect(res.headers["content-type"]).toBe("application/grpc+proto");
    expect(res.trailers["grpc-status"]).toBe("0");
    const msgs = envelopes(res.data).map((e) => {
      expect(e.flags).toBe(0);
      return expectProtobufEsBytes(GenerateResponseSchema, e.body);
    });
    const ipc = concat(msgs.filter((m) => m.table === "customers").map((m) => m.arrowIpc));
    expect(Buffer.from(ipc).equals(Buffer.from(expected))).toBe(true);
    expect(msgs.at(-1)?.totals?.rows).toBe(5000n);
  });

  it("Connect on the wire: protobuf-es bytes, then an end-of-stream envelope", async () => {
    const res = await rawCall(server.port, GENERATE, "application/connect+proto", generateRequest());
    expect(res.headers["content-type"]).toBe("application/connect+proto");
    const all = envelopes(res.data);
    const end = all.pop()!;
    expect(end.flags).toBe(2);
    expect(JSON.parse(Buffer.from(end.body).toString())).toEqual({});
    for (const e of all) expectProtobufEsBytes(GenerateResponseSchema, e.body);
    expect(all.length).toBe(1 + Math.ceil(5000 / RPB) + 2); // header, batches, end, totals
  });

  it("DoGet over gRPC: FlightData in protobuf-es bytes, reassembling to Generate's IPC stream", async () => {
    const ticket = encodeTicket({
      ref: { plan: toJson(PlanSchema, plan) },
      table: "customers",
      rowStart: 0,
      rowEnd: 5000,
    });
    const before = server.directStreams.served;
    const res = await rawCall(
      server.port,
      DO_GET,
      "application/grpc+proto",
      toBinary(TicketSchema, create(TicketSchema, { ticket })),
    );
    expect(server.directStreams.served - before).toBe(1);
    expect(res.trailers["grpc-status"]).toBe("0");
    const parts: Uint8Array[] = [];
    for (const e of envelopes(res.data)) {
      const d = expectProtobufEsBytes(FlightDataSchema, e.body);
      const prefix = new Uint8Array(8);
      new DataView(prefix.buffer).setUint32(0, 0xffffffff, true);
      new DataView(prefix.buffer).setUint32(4, d.dataHeader.byteLength, true);
      parts.push(prefix, d.dataHeader, d.dataBody);
    }
    const got = await createSynthstreamClient(server.url).generateTables({
      planSource: { case: "plan", value: plan },
      tables: ["customers"],
    });
    const generated = got.ipc.get("customers")!;
    const eos = 8; // Generate ends each table with the EOS marker; Flight ends with the RPC
    expect(Buffer.from(concat(parts)).equals(Buffer.from(generated.subarray(0, -eos)))).toBe(true);
  });

  it("errors keep their code and details: gRPC trailers, Connect end-of-stream", async () => {
    const bad = testPlan();
    bad.tables[0]!.rows = -5n;
    for (const transport of [createGrpcTransport, createConnectTransport]) {
      const client = createClient(GeneratorService, transport({ baseUrl: server.url, httpVersion: "2" }));
      const before = server.directStreams.served;
      let err: ConnectError | undefined;
      try {
        for await (const _ of client.generate({ planSource: { case: "plan", value: bad } }));
      } catch (e) {
        err = ConnectError.from(e);
      }
      expect(server.directStreams.served - before).toBe(1);
      expect(err?.code).toBe(Code.InvalidArgument);
      expect(err?.findDetails(BadRequestSchema)[0]?.fieldViolations.length).toBeGreaterThan(0);
      const flight = createClient(FlightService, transport({ baseUrl: server.url, httpVersion: "2" }));
      let flightErr: ConnectError | undefined;
      try {
        for await (const _ of flight.doGet({ ticket: new TextEncoder().encode("garbage") }));
      } catch (e) {
        flightErr = ConnectError.from(e);
      }
      expect(flightErr?.code).toBe(Code.InvalidArgument);
    }
  });

  it("a deadline passing while the client stalls ends the stream DeadlineExceeded and stops its tasks", async () => {
    const deadlines = async () =>
      (await server.metrics.streamsFinished.get()).values.find((v) => v.labels.code === "deadline_exceeded")
        ?.value ?? 0;
    const before = await deadlines();
    const res = await rawCall(
      server.port,
      GENERATE,
      "application/grpc",
      generateRequest({ tables: ["big"], rowsPerBatch: 0 }),
      { headers: { "grpc-timeout": "300m" }, pauseMs: 800 },
    );
    expect(res.trailers["grpc-status"]).toBe(String(Code.DeadlineExceeded));
    expect(await deadlines()).toBe(before + 1);
    expect(await until(() => server.runner.pending === 0, 100)).toBe(true);
  });

  it("a client reset mid-stream cancels the stream's tasks and frees its slot", async () => {
    const canceled = async () =>
      (await server.metrics.streamsFinished.get()).values.find((v) => v.labels.code === "canceled")?.value ??
      0;
    const before = await canceled();
    await rawCall(server.port, GENERATE, "application/grpc", generateRequest({ tables: ["big"] }), {
      resetAfterBytes: 1 << 20,
    });
    expect(await until(() => server.runner.pending === 0, 100)).toBe(true);
    const active = async () => (await server.metrics.activeStreams.get()).values[0]?.value;
    for (let i = 0; i < 100 && (await active()) !== 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await active()).toBe(0);
    expect(await canceled()).toBe(before + 1);
  });
});
