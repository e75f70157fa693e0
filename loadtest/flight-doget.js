// k6 load test for Arrow Flight on synthstream: GetFlightInfo, then DoGet on every endpoint.
// Bounded by design: VUS x DURATION (default 3 VUs for 20 s), plaintext h2c, one target.
//   k6 run loadtest/flight-doget.js
//   SYNTHSTREAM_ADDR=127.0.0.1:8080 VUS=10 DURATION=1m k6 run loadtest/flight-doget.js
// Env: SYNTHSTREAM_ADDR, VUS, DURATION,
//      SYNTHSTREAM_FLIGHT_PATH (JSON array: a PATH descriptor, default
//        ["customers","customers","scale=0.1","shard_rows=2500"]),
//      SYNTHSTREAM_FLIGHT_CMD (JSON object sent as a CMD descriptor instead, e.g.
//        {"catalog":"ecommerce","table":"orders","scale":0.01}),
//      SYNTHSTREAM_TOKEN (authorization: Bearer …), SYNTHSTREAM_TLS=1,
//      SYNTHSTREAM_STREAM_TIMEOUT, TTFB_P95_MS, FLIGHT_P95_MS, MAX_ERROR_RATE.
//
// Every ticket is self-contained and any replica serves any ticket, so this script fetches all
// endpoints over the VU's one connection and ignores endpoint locations: it measures the server,
// not client-side routing.

import { check, sleep } from "k6";
import encoding from "k6/encoding";
import { Counter, Rate, Trend } from "k6/metrics";
import grpc from "k6/net/grpc";

const ADDR = __ENV.SYNTHSTREAM_ADDR || "127.0.0.1:8080";
const SERVICE = "arrow.flight.protocol.FlightService";
const TLS = __ENV.SYNTHSTREAM_TLS === "1";
const METADATA = __ENV.SYNTHSTREAM_TOKEN ? { authorization: `Bearer ${__ENV.SYNTHSTREAM_TOKEN}` } : {};
const DESCRIPTOR = __ENV.SYNTHSTREAM_FLIGHT_CMD
  ? { type: "CMD", cmd: encoding.b64encode(__ENV.SYNTHSTREAM_FLIGHT_CMD) }
  : {
      type: "PATH",
      path: JSON.parse(
        __ENV.SYNTHSTREAM_FLIGHT_PATH || '["customers","customers","scale=0.1","shard_rows=2500"]',
      ),
    };

const flightInfoTime = new Trend("synthstream_flight_info", true);
const timeToFirstData = new Trend("synthstream_doget_time_to_first_data", true);
const doGetDuration = new Trend("synthstream_doget_duration", true);
// GetFlightInfo sent → every endpoint's DoGet finished: what a client waits for a whole table.
const flightDuration = new Trend("synthstream_flight_duration", true);
const errors = new Rate("synthstream_flight_errors");
// DoGets opened, and DoGets whose "end" event arrived. k6 (v1.8) can drop a stream's "end": its
// stream.close() closes s.done and only then queues the "end" listeners, and the stream's loop
// goroutine may close the task queue in between. So the two can differ by a rare stream; the
// server's own count is the reliable one (test/deploy/k6-smoke.test.ts reads it).
const endpoints = new Counter("synthstream_flight_endpoints");
const ended = new Counter("synthstream_doget_ended");
const messages = new Counter("synthstream_flight_data_received");

export const options = {
  scenarios: {
    doget: {
      executor: "constant-vus",
      vus: Number(__ENV.VUS || 3),
      duration: __ENV.DURATION || "20s",
      gracefulStop: "10s",
    },
  },
  thresholds: {
    synthstream_doget_time_to_first_data: [`p(95)<${__ENV.TTFB_P95_MS || 1000}`],
    synthstream_flight_duration: [`p(95)<${__ENV.FLIGHT_P95_MS || 15000}`],
    synthstream_flight_errors: [`rate<${__ENV.MAX_ERROR_RATE || 0.01}`],
    checks: ["rate>0.99"],
  },
};

const client = new grpc.Client();
client.load(["../proto"], "arrow/flight/protocol/flight.proto");

let connected = false;

export default function () {
  if (!connected) {
    try {
      client.connect(ADDR, { plaintext: !TLS, timeout: "5s", maxReceiveSize: 16 * 1024 * 1024 });
      connected = true;
    } catch (err) {
      console.warn(`connect ${ADDR} failed: ${err}`);
      errors.add(true);
      check(null, { connected: () => false });
      sleep(1);
      return;
    }
  }

  const started = Date.now();
  const info = client.invoke(`${SERVICE}/GetFlightInfo`, DESCRIPTOR, { metadata: METADATA });
  flightInfoTime.add(Date.now() - started);
  const list = info.message?.endpoint ?? [];
  const infoOk = check(info, {
    "GetFlightInfo OK": (r) => r.status === grpc.StatusOK,
    "at least one endpoint": () => list.length > 0,
  });
  if (!infoOk) {
    console.warn(`GetFlightInfo failed: ${JSON.stringify(info.error)}`);
    errors.add(true);
    return;
  }

  // All endpoints at once, like a parallel Flight client; the iteration ends when all have.
  let open = list.length;
  for (const endpoint of list) {
    const t0 = Date.now();
    let count = 0;
    let failed = null;
    const stream = new grpc.Stream(client, `${SERVICE}/DoGet`, {
      discardResponseMessage: true,
      timeout: __ENV.SYNTHSTREAM_STREAM_TIMEOUT || "60s",
      metadata: METADATA,
    });
    stream.on("data", () => {
      if (count === 0) timeToFirstData.add(Date.now() - t0);
      count += 1;
    });
    stream.on("error", (err) => {
      failed = err;
      console.warn(`DoGet failed: code=${err.code} message=${err.message}`);
    });
    stream.on("end", () => {
      doGetDuration.add(Date.now() - t0);
      ended.add(1);
      messages.add(count);
      errors.add(failed !== null);
      check(null, {
        "DoGet ended OK": () => failed === null,
        // The schema message, then at least one record batch.
        "DoGet sent data": () => count >= 2,
      });
      open -= 1;
      if (open === 0) flightDuration.add(Date.now() - started);
    });
    endpoints.add(1);
    stream.write(endpoint.ticket);
    stream.end();
  }
}
