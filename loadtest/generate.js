// k6 load test for synthstream.v1.GeneratorService/Generate (server streaming).
// Bounded by design: VUS x DURATION (default 5 VUs for 20 s), plaintext h2c, one target.
//   k6 run loadtest/generate.js
//   SYNTHSTREAM_ADDR=127.0.0.1:8080 VUS=10 DURATION=1m k6 run loadtest/generate.js
// Env: SYNTHSTREAM_ADDR, VUS, DURATION, SYNTHSTREAM_REQUEST (GenerateRequest in proto JSON,
//      e.g. {"catalog":"customers","scale":0.1} or {"plan":{...},"tables":["orders"]}),
//      SYNTHSTREAM_STREAM_TIMEOUT (per-stream deadline), SYNTHSTREAM_REFLECT=1 (use server
//      reflection instead of the proto files), SYNTHSTREAM_TOKEN (sent as
//      `authorization: Bearer …` when the server has auth on), SYNTHSTREAM_TLS=1 (TLS instead of
//      h2c; the system roots verify the server), TTFB_P95_MS, DURATION_P95_MS, MAX_ERROR_RATE.

import { check, sleep } from "k6";
import { Counter, Rate, Trend } from "k6/metrics";
import grpc from "k6/net/grpc";

const ADDR = __ENV.SYNTHSTREAM_ADDR || "127.0.0.1:8080";
const METHOD = "synthstream.v1.GeneratorService/Generate";
const REQUEST = JSON.parse(__ENV.SYNTHSTREAM_REQUEST || '{"catalog":"ecommerce","scale":0.01}');
const REFLECT = __ENV.SYNTHSTREAM_REFLECT === "1";
const TLS = __ENV.SYNTHSTREAM_TLS === "1";
const METADATA = __ENV.SYNTHSTREAM_TOKEN ? { authorization: `Bearer ${__ENV.SYNTHSTREAM_TOKEN}` } : {};

// Client-side view of the server's synthstream_time_to_first_batch_seconds and
// synthstream_stream_duration_seconds histograms; compare the two when tuning.
const timeToFirstBatch = new Trend("synthstream_time_to_first_batch", true);
const streamDuration = new Trend("synthstream_stream_duration", true);
const streamErrors = new Rate("synthstream_stream_errors");
const batches = new Counter("synthstream_batches_received");

export const options = {
  scenarios: {
    generate: {
      executor: "constant-vus",
      vus: Number(__ENV.VUS || 5),
      duration: __ENV.DURATION || "20s",
      // Streams still open at the end get this long before k6 cuts them.
      gracefulStop: "10s",
    },
  },
  thresholds: {
    synthstream_time_to_first_batch: [`p(95)<${__ENV.TTFB_P95_MS || 1000}`],
    synthstream_stream_duration: [`p(95)<${__ENV.DURATION_P95_MS || 15000}`],
    synthstream_stream_errors: [`rate<${__ENV.MAX_ERROR_RATE || 0.01}`],
    checks: ["rate>0.99"],
  },
};

const client = new grpc.Client();
if (!REFLECT) {
  // Paths resolve relative to this script: the repo's proto/ is the contract.
  client.load(["../proto"], "synthstream/v1/generator_service.proto");
}

let connected = false;

export default function () {
  // One HTTP/2 connection per VU, reused across iterations like a real client. A failed
  // connect counts as a failed stream (so an absent server fails the thresholds instead of
  // producing no samples) and is retried on the next iteration.
  if (!connected) {
    try {
      client.connect(ADDR, {
        plaintext: !TLS,
        reflect: REFLECT,
        timeout: "5s",
        // Batches are kept at or under ~4 MiB by the server; leave headroom.
        maxReceiveSize: 16 * 1024 * 1024,
      });
      connected = true;
    } catch (err) {
      console.warn(`connect ${ADDR} failed: ${err}`);
      streamErrors.add(true);
      check(null, { connected: () => false });
      sleep(1);
      return;
    }
  }

  const started = Date.now();
  let first = 0;
  let count = 0;
  let failed = null;

  // discardResponseMessage: k6 skips decoding the Arrow payloads (we only count and time
  // them), so the load generator's CPU goes to receiving, not to protobuf-to-JSON.
  const stream = new grpc.Stream(client, METHOD, {
    discardResponseMessage: true,
    timeout: __ENV.SYNTHSTREAM_STREAM_TIMEOUT || "60s",
    metadata: METADATA,
    tags: { catalog: String(REQUEST.catalog || "plan") },
  });

  stream.on("data", () => {
    if (count === 0) {
      first = Date.now();
      timeToFirstBatch.add(first - started);
    }
    count += 1;
  });

  stream.on("error", (err) => {
    failed = err;
    console.warn(`Generate failed: code=${err.code} message=${err.message}`);
  });

  stream.on("end", () => {
    streamDuration.add(Date.now() - started);
    batches.add(count);
    streamErrors.add(failed !== null);
    check(null, {
      "stream ended OK": () => failed === null,
      "at least one batch": () => count > 0,
    });
  });

  // Server streaming: one request message, then half-close.
  stream.write(REQUEST);
  stream.end();
}
