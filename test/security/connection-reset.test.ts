/**
 * Connections cut before the port has picked HTTP/2 or HTTP/1.1: a client that connects, sends
 * nothing, part of the HTTP/2 preface or one byte, then resets the connection, does not crash the
 * server (an unhandled socket 'error' would end the process) and health still answers.
 */
import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/create-server.js";
import { startServer } from "../server/helpers.js";

describe("connection reset while the protocol is being sniffed", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({});
  });
  afterAll(() => server?.shutdown());

  it("survives resets after '', 'P', a partial preface and a partial HTTP/1.1 request", async () => {
    const unhandled: unknown[] = [];
    const onUncaught = (e: unknown) => unhandled.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      for (const first of ["", "P", "PRI * HT", "POST /x HTTP/1.1\r\nhost: a\r\n"]) {
        const s = net.connect(server.port, "127.0.0.1");
        s.on("error", () => {});
        await new Promise((r) => s.once("connect", r));
        if (first !== "") s.write(first);
        await new Promise((r) => setTimeout(r, 50)); // let the server read it
        s.resetAndDestroy();
        await new Promise((r) => setTimeout(r, 50)); // let the reset arrive
      }
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    expect(unhandled.map(String)).toEqual([]);
    const res = await fetch(`${server.url}/grpc.health.v1.Health/Check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(await res.json()).toEqual({ status: "SERVING" });
  });
});
