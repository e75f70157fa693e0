/**
 * bench: the loopback client process for bench:stream. Streams one Generate request over Connect
 * (HTTP/2, uncompressed) and counts what it receives; prints one JSON line with rows, bytes,
 * seconds and time to first batch. Run: node stream-client.js <url> <request-json>.
 */
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { createSessionManager } from "../src/client/session-manager.js";
import { GenerateRequestSchema, GeneratorService } from "../src/gen/synthstream/v1/generator_service_pb.js";

const [url, requestJson] = process.argv.slice(2);
if (url === undefined || requestJson === undefined) {
  process.stderr.write("usage: stream-client <url> <request-json>\n");
  process.exit(2);
}
const transport = createConnectTransport({
  baseUrl: url,
  httpVersion: "2",
  readMaxBytes: 0xffffffff,
  acceptCompression: [],
  sessionManager: createSessionManager(url),
});
const client = createClient(GeneratorService, transport);
const start = performance.now();
let firstBatch = 0;
let rows = 0;
let bytes = 0;
// The request is the proto JSON form, as grpcurl and buf curl take it.
for await (const res of client.generate(
  fromJson(GenerateRequestSchema, JSON.parse(requestJson) as JsonValue),
)) {
  bytes += res.arrowIpc.length;
  const n = Number(res.rowCount);
  if (n > 0 && firstBatch === 0) firstBatch = performance.now() - start;
  rows += n;
}
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ rows, bytes, seconds, ttfbMs: firstBatch })}\n`);
