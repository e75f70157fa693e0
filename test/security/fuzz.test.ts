/**
 * Property-based fuzz of the request surface: random, huge and deeply nested Connect JSON and
 * binary requests (unary and enveloped streams) and gRPC frames for every GeneratorService and
 * FlightService method, against the serve CLI as a child process with API-key auth. The Connect
 * cases share one HTTP/1.1 keep-alive connection and the gRPC cases one HTTP/2 session. The server
 * never crashes, answers every request with a clean code, its RSS stays bounded, and health passes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as http2 from "node:http2";
import { join, resolve } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Health } from "../../src/gen/grpc/health/v1/health_pb.js";
import { tempDir, writeKeyFile } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const KEY = "ssk_fuzz_tenant";

const METHODS = [
  ["synthstream.v1.GeneratorService", "Generate", "server"],
  ["synthstream.v1.GeneratorService", "ValidatePlan", "unary"],
  ["synthstream.v1.GeneratorService", "DescribePlan", "unary"],
  ["synthstream.v1.GeneratorService", "ListPlans", "unary"],
  ["arrow.flight.protocol.FlightService", "Handshake", "bidi"],
  ["arrow.flight.protocol.FlightService", "ListFlights", "server"],
  ["arrow.flight.protocol.FlightService", "GetFlightInfo", "unary"],
  ["arrow.flight.protocol.FlightService", "PollFlightInfo", "unary"],
  ["arrow.flight.protocol.FlightService", "GetSchema", "unary"],
  ["arrow.flight.protocol.FlightService", "DoGet", "server"],
  ["arrow.flight.protocol.FlightService", "DoPut", "bidi"],
  ["arrow.flight.protocol.FlightService", "DoExchange", "bidi"],
  ["arrow.flight.protocol.FlightService", "DoAction", "server"],
  ["arrow.flight.protocol.FlightService", "ListActions", "server"],
] as const;

function envelope(payload: Uint8Array, flags = 0, lie = 0): Uint8Array {
  const out = new Uint8Array(5 + payload.byteLength);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, Math.max(0, payload.byteLength + lie));
  out.set(payload, 5);
  return out;
}

/** A stack frame or a source path in a response means an error leaked internals. */
const STACK = /\bat .+:\d+:\d+|node_modules|\/src\/[a-z-]+\//;

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Payloads: random bytes, random JSON, huge fields, deep nesting, plausible-but-hostile requests. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.json({ maxDepth: 6 }).map(utf8),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => utf8(`${"[".repeat(n)}${"]".repeat(n)}`)),
  fc.integer({ min: 1000, max: 50_000 }).map((n) => utf8(`${'{"plan":'.repeat(n)}1${"}".repeat(n)}`)),
  fc.integer({ min: 1 << 20, max: 3 << 20 }).map((n) => utf8(JSON.stringify({ catalog: "x".repeat(n) }))),
  fc
    .record({
      catalog: fc.constantFrom(
        "../../etc/passwd",
        "%2e%2e/x",
        "/etc/passwd",
        "cust\u0000omers",
        "customers",
        "numeric",
      ),
      rowEnd: fc.oneof(
        fc.constant("-1"),
        fc.constant("99999999999999999999"),
        fc.bigInt({ min: 0n, max: 5000n }).map(String),
      ),
      rowsPerBatch: fc.integer({ min: -5, max: 1 << 30 }),
      scale: fc.oneof(fc.double(), fc.constant(1e308)),
      tables: fc.array(fc.string(), { maxLength: 3 }),
    })
    .map((r) => utf8(JSON.stringify(r))),
  fc
    .string({ maxLength: 64 })
    .map((s) => utf8(JSON.stringify({ ticket: Buffer.from(s).toString("base64") }))),
);

const request = fc.record({
  method: fc.constantFrom(...METHODS),
  wire: fc.constantFrom("connect-json", "connect-proto", "grpc"),
  body: payload,
  flags: fc.constantFrom(0, 0, 0, 1, 2, 128, 255),
  lie: fc.constantFrom(0, 0, 0, -3, 7, 1 << 30),
  auth: fc.constantFrom("key", "key", "key", "none", "jwt-like", "huge"),
});

type Case = typeof request extends fc.Arbitrary<infer T> ? T : never;

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) * 1024;
}

describe("fuzzed request surface", () => {
  const tmp = tempDir("synthstream-fuzz-");
  let proc: ChildProcess;
  let port = 0;
  let exited = false;

  beforeAll(async () => {
    const keys = join(tmp.dir, "keys.json");
    writeKeyFile(keys, { fuzz: KEY });
    const tenants = join(tmp.dir, "tenants.yaml");
    writeFileSync(tenants, "default: {max_rows: 20000, max_streams: 8}\n");
    const args = ["serve", "--port", "0", "--admin-port", "0", "--host", "127.0.0.1", "--workers", "1"];
    args.push("--auth", "api-key", "--api-keys", keys, "--tenants", tenants);
    proc = spawn(
      join(ROOT, "node_modules", ".bin", "vite-node"),
      ["test/security/serve-child.ts", "--", ...args.slice(1)],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, SYNTHSTREAM_LOG_LEVEL: "info" },
      },
    );
    proc.once("exit", () => {
      exited = true;
    });
    let buf = "";
    port = await new Promise<number>((res, rej) => {
      const onData = (d: Buffer) => {
        buf += d.toString();
        for (const l of buf.split("\n"))
          if (l.includes('"msg":"listening"')) {
            proc.stdout!.off("data", onData);
            proc.stdout!.resume(); // the audit lines that follow are not needed
            res((JSON.parse(l) as { port: number }).port);
          }
      };
      proc.stdout!.on("data", onData);
      proc.once("exit", () => rej(new Error(`server exited early: ${buf}`)));
    });
  }, 60_000);
  afterAll(() => {
    proc?.kill("SIGKILL");
    tmp.cleanup();
  });

  const headersFor = (auth: string): Record<string, string> =>
    auth === "key"
      ? { authorization: `Bearer ${KEY}` }
      : auth === "jwt-like"
        ? { authorization: "Bearer e30.e30.e30" }
        : auth === "huge"
          ? { authorization: `Bearer ${"x".repeat(40_000)}` }
          : {};

  /** One Connect request over HTTP/1.1 → the code it ended with. */
  async function connectCall(r: Case, agent: http.Agent): Promise<string> {
    const svc = r.method[0];
    const name = r.method[1];
    const kind = r.method[2];
    const json = r.wire === "connect-json";
    const streaming = kind !== "unary";
    const ct = streaming
      ? json
        ? "application/connect+json"
        : "application/connect+proto"
      : json
        ? "application/json"
        : "application/proto";
    const body = streaming ? envelope(r.body, r.flags, r.lie) : r.body;
    const headers: Record<string, string> = { "content-type": ct, ...headersFor(r.auth) };
    // One keep-alive connection for every case, so a hostile request that poisons the connection
    // for the next one (an early answer with the body left unread) shows up as a timeout.
    return new Promise<string>((done) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: `/${svc}/${name}`,
          method: "POST",
          headers,
          agent,
          timeout: 5000,
        },
        (res) => {
          if (req.reusedSocket) reusedSockets++;
          const parts: Buffer[] = [];
          res.on("data", (d: Buffer) => parts.push(d));
          res.on("error", () => done("response_error"));
          res.on("end", () => {
            const text = Buffer.concat(parts).toString("latin1");
            if (STACK.test(text)) return done("stack_trace_leaked");
            const m = /"code":"([a-z_]+)"/.exec(text);
            done(m !== null ? m[1]! : res.statusCode === 200 ? "ok" : `http_${res.statusCode}`);
          });
        },
      );
      req.on("timeout", () => {
        req.destroy();
        done("timeout");
      });
      // The server may answer and close before reading a huge body: that is a clean refusal.
      req.on("error", (e: NodeJS.ErrnoException) => done(`socket_${e.code ?? "error"}`));
      req.end(body);
    });
  }

  /** One gRPC request over HTTP/2 → grpc-status. */
  function grpcCall(session: http2.ClientHttp2Session, r: Case): Promise<string> {
    const svc = r.method[0];
    const name = r.method[1];
    return new Promise((resolveCode) => {
      const s = session.request({
        ":method": "POST",
        ":path": `/${svc}/${name}`,
        "content-type": "application/grpc",
        te: "trailers",
        ...headersFor(r.auth),
      });
      let status: string | undefined;
      s.on("response", (h) => {
        if (h["grpc-status"] !== undefined) status = String(h["grpc-status"]);
      });
      s.on("trailers", (h) => {
        if (h["grpc-status"] !== undefined) status = String(h["grpc-status"]);
        if (STACK.test(String(h["grpc-message"] ?? ""))) status = "stack_trace_leaked";
      });
      s.on("data", () => {});
      s.setTimeout(5000, () => s.close(http2.constants.NGHTTP2_CANCEL));
      // An oversized header list is refused at the HTTP/2 layer (RST_STREAM), before gRPC.
      s.on("close", () =>
        resolveCode(
          status !== undefined ? `grpc_${status}` : s.rstCode > 0 ? `h2_rst_${s.rstCode}` : "grpc_no_status",
        ),
      );
      s.on("error", () => {});
      s.end(envelope(r.body, r.flags & 1, r.lie));
    });
  }

  let reusedSockets = 0;

  it("never crashes, answers with clean codes, keeps RSS bounded, stays healthy", async () => {
    const codes = new Map<string, number>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let session = http2.connect(`http://127.0.0.1:${port}`);
    session.on("error", () => {});
    const live = () => {
      if (session.destroyed || session.closed) {
        session = http2.connect(`http://127.0.0.1:${port}`);
        session.on("error", () => {});
      }
      return session;
    };
    const rssBefore = rssBytes(proc.pid!);
    let runs = 0;
    const failures: string[] = [];
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        runs++;
        const code = r.wire === "grpc" ? await grpcCall(live(), r) : await connectCall(r, agent);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const bad = exited || code === "timeout" || code === "grpc_no_status" || code.includes("stack");
        if (bad)
          failures.push(
            `${code} ${r.method[1]} ${r.wire} auth=${r.auth} bytes=${r.body.byteLength} head=${Buffer.from(r.body.subarray(0, 60)).toString("latin1")}`,
          );
        // connect-node answers an unparseable message with Internal ("parse binary: …"): clean, no stack.
        return true;
      }),
      { numRuns: 1500, seed: 20240607 },
    );
    console.log(failures.slice(0, 20).join("\n"));
    session.close();
    agent.destroy();
    const seconds = (performance.now() - t0) / 1000;
    const rssAfter = rssBytes(proc.pid!);
    const health = await createClient(
      Health,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}` }),
    ).check({ service: "" });
    console.log(
      `fuzz: ${runs} cases (${reusedSockets} HTTP/1.1 on a reused connection) in ${seconds.toFixed(1)} s; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB; codes ${JSON.stringify(Object.fromEntries([...codes].sort()))}`,
    );
    expect(failures).toEqual([]);
    expect(exited).toBe(false);
    expect(health.status).toBe(1);
    expect(rssAfter - rssBefore).toBeLessThan(400 * 2 ** 20);
    expect(codes.get("unauthenticated") ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
