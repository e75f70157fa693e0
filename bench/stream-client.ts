/**
 * bench: the loopback client process for bench:stream. Streams Generate requests with the
 * project's TypeScript client (src/client, Connect over HTTP/2, uncompressed) and counts what it
 * receives. The first request opens the connection ("cold"); the next `reps` reuse it ("warm"),
 * as a real client that keeps its connection does. Prints one JSON line: {cold, warm[]}.
 * Run: node stream-client.js <url> <request-json> [reps]; BENCH_CLIENT=stock uses connect-node's
 * stock transport instead, for comparison; BENCH_CLIENT=count counts the gRPC responses as they
 * arrive, without decoding them (count-session.ts).
 */
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { GenerateRequestSchema, GeneratorService } from "../src/gen/synthstream/v1/generator_service_pb.js";

/** One request's figures. */
export interface ClientSample {
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly ttfbMs: number;
}

const [url, requestJson, repsArg] = process.argv.slice(2);
if (url === undefined || requestJson === undefined) {
  process.stderr.write("usage: stream-client <url> <request-json> [reps]\n");
  process.exit(2);
}
const reps = Number(repsArg ?? 3);
// The request is the proto JSON form, as grpcurl and buf curl take it.
const request = fromJson(GenerateRequestSchema, JSON.parse(requestJson) as JsonValue);
const mode = process.env.BENCH_CLIENT ?? "";

/** The counting receiver: only its own module is loaded, so nothing else runs in this process. */
async function countingClient(): Promise<() => Promise<ClientSample>> {
  const { openCountSession } = await import("./count-session.js");
  const session = await openCountSession(url!);
  const path = `/${GeneratorService.typeName}/${GeneratorService.method.generate.name}`;
  return async () => {
    const c = await session.call(path, GenerateRequestSchema, request);
    return { rows: c.rows, bytes: c.arrowBytes, seconds: c.seconds, ttfbMs: c.ttfbMs };
  };
}

/** connect-node's stock HTTP/2 transport (BENCH_CLIENT=stock), for an A/B of the receive path. */
async function stockRpc() {
  const { createClient } = await import("@connectrpc/connect");
  const { createConnectTransport } = await import("@connectrpc/connect-node");
  const { createSessionManager } = await import("../src/client/session-manager.js");
  return createClient(
    GeneratorService,
    createConnectTransport({
      baseUrl: url!,
      httpVersion: "2",
      readMaxBytes: 0xffffffff,
      acceptCompression: [],
      sessionManager: createSessionManager(url!),
    }),
  );
}

/** A decoding client: the project's (default) or connect-node's stock transport. */
async function decodingClient(): Promise<() => Promise<ClientSample>> {
  const rpc =
    mode === "stock"
      ? await stockRpc()
      : (await import("../src/client/client.js")).createSynthstreamClient(url!).rpc;
  return async () => {
    const start = performance.now();
    let firstBatch = 0;
    let rows = 0;
    let bytes = 0;
    for await (const res of rpc.generate(request)) {
      bytes += res.arrowIpc.byteLength;
      const n = Number(res.rowCount);
      if (n > 0 && firstBatch === 0) firstBatch = performance.now() - start;
      rows += n;
    }
    return { rows, bytes, seconds: (performance.now() - start) / 1000, ttfbMs: firstBatch };
  };
}

const once = mode === "count" ? await countingClient() : await decodingClient();
const cold = await once();
const warm: ClientSample[] = [];
for (let i = 0; i < reps; i++) warm.push(await once());
process.stdout.write(`${JSON.stringify({ cold, warm })}\n`);
process.exit(0); // the kept HTTP/2 connection would hold the process open
