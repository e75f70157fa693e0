import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSynthstreamClient } from "../../src/client/client.js";
import { createSessionManager } from "../../src/client/session-manager.js";
import { GeneratorService } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { caught, concat, startServer, testPlan, until } from "../server/helpers.js";

const plan = testPlan();
/** ~4.8 MB of the numeric table in ~1.2 MB batches: every message spans many HTTP/2 frames. */
const bulk = {
  planSource: { case: "plan" as const, value: plan },
  tables: ["big"],
  rowEnd: 300_000n,
  rowsPerBatch: 75_000,
};

describe("the TypeScript client's bulk-stream path (Connect over HTTP/2)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.shutdown());

  it("receives the same messages as connect-node's stock transport", async () => {
    const stock = createClient(
      GeneratorService,
      createConnectTransport({
        baseUrl: server.url,
        httpVersion: "2",
        readMaxBytes: 0xffffffff,
        acceptCompression: [],
        sessionManager: createSessionManager(server.url),
      }),
    );
    const { rpc } = createSynthstreamClient(server.url);
    const collect = async (c: typeof rpc) => {
      const msgs = [];
      for await (const m of c.generate(bulk)) msgs.push(m);
      return msgs;
    };
    const [ours, theirs] = [await collect(rpc), await collect(stock)];
    expect(ours.length).toBe(theirs.length);
    expect(ours.map((m) => [m.table, m.rowStart, m.rowCount])).toEqual(
      theirs.map((m) => [m.table, m.rowStart, m.rowCount]),
    );
    const bytes = (ms: typeof ours) => concat(ms.map((m) => m.arrowIpc));
    expect(Buffer.from(bytes(ours)).equals(Buffer.from(bytes(theirs)))).toBe(true);
    expect(bytes(ours).byteLength).toBeGreaterThan(4_000_000);
    expect(ours.at(-1)?.totals?.rows).toBe(300_000n);
  });

  it("reports a bad plan as InvalidArgument with its violations", async () => {
    const bad = testPlan();
    bad.tables[0]!.columns[0]!.name = "";
    const { rpc } = createSynthstreamClient(server.url);
    const err = await caught(async () => {
      for await (const _ of rpc.generate({ planSource: { case: "plan", value: bad } }));
    });
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.details.length).toBeGreaterThan(0);
  });

  it("cancels the server's work when the caller aborts or stops reading", async () => {
    const { rpc } = createSynthstreamClient(server.url);
    const endless = {
      planSource: { case: "plan" as const, value: plan },
      tables: ["big"],
      rowsPerBatch: 4096,
    };
    const ac = new AbortController();
    const it1 = rpc.generate(endless, { signal: ac.signal })[Symbol.asyncIterator]();
    await it1.next();
    await it1.next();
    ac.abort();
    expect((await caught(() => it1.next())).code).toBe(Code.Canceled);
    expect(await until(() => server.runner.pending === 0, 1000)).toBe(true);

    let n = 0;
    for await (const _ of rpc.generate(endless)) if (++n === 3) break;
    // The stream itself must end, not merely stall on flow control with its workers idle.
    const open = async () => (await server.metrics.activeStreams.get()).values[0]?.value ?? 0;
    let streams = await open();
    for (let t = 0; t < 20 && streams !== 0; t++) {
      await new Promise((r) => setTimeout(r, 50));
      streams = await open();
    }
    expect(streams).toBe(0);
    expect(await until(() => server.runner.pending === 0, 1000)).toBe(true);
  });

  it("ends a stream past its deadline with DeadlineExceeded", async () => {
    const { rpc } = createSynthstreamClient(server.url);
    const err = await caught(async () => {
      for await (const _ of rpc.generate(
        { planSource: { case: "plan", value: plan }, tables: ["big"], rowsPerBatch: 4096 },
        { timeoutMs: 200 },
      ));
    });
    expect(err.code).toBe(Code.DeadlineExceeded);
  });
});
