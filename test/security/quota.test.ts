/**
 * Tenant quotas on a real server: tenant A (1 stream, 200k rows/min) saturates its streams and
 * its rows per minute → ResourceExhausted carrying google.rpc.RetryInfo, while tenant B
 * (unlimited) streams at its normal speed alongside: B's throughput next to a throttled A is
 * compared with B's solo run within a generous factor.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RetryInfoSchema } from "../../src/gen/google/rpc/error_details_pb.js";
import { GeneratorService } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { testPlan } from "../server/helpers.js";
import { startSecure, tempDir, writeKeyFile } from "./helpers.js";

const KEY_A = "ssk_quota_a";
const KEY_B = "ssk_quota_b";
const plan = testPlan();

function retryDelayMs(e: ConnectError): number {
  const [info] = e.findDetails(RetryInfoSchema);
  const d = info?.retryDelay;
  return d === undefined ? -1 : Number(d.seconds) * 1000 + d.nanos / 1e6;
}

describe("tenant quotas", () => {
  let server: RunningServer;
  const tmp = tempDir();
  beforeAll(async () => {
    const keys = join(tmp.dir, "keys.json");
    writeKeyFile(keys, { "team-a": KEY_A, "team-b": KEY_B });
    const tenants = join(tmp.dir, "tenants.yaml");
    writeFileSync(tenants, "tenants:\n  team-a: {max_streams: 1, rows_per_minute: 200000}\n  team-b: {}\n");
    server = await startSecure({ auth: ["api-key"], apiKeys: keys, tenants });
  });
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  const client = () => createClient(GeneratorService, createGrpcTransport({ baseUrl: server.url }));
  const generate = (key: string, rowEnd: bigint, signal?: AbortSignal) =>
    client().generate(
      { planSource: { case: "plan", value: plan }, tables: ["big"], rowEnd, rowsPerBatch: 50_000 },
      { headers: { authorization: `Bearer ${key}` }, ...(signal === undefined ? {} : { signal }) },
    );
  const rowsOf = async (it: AsyncIterable<{ rowCount: bigint }>) => {
    let rows = 0n;
    for await (const m of it) rows += m.rowCount;
    return rows;
  };
  const timed = async (key: string, rows: bigint) => {
    const t0 = performance.now();
    expect(await rowsOf(generate(key, rows))).toBe(rows);
    return performance.now() - t0;
  };
  const refusal = async (key: string): Promise<ConnectError> => {
    try {
      await rowsOf(generate(key, 10n));
    } catch (e) {
      return ConnectError.from(e);
    }
    throw new Error("expected a refusal");
  };
  const tenantRows = async (tenant: string) => {
    const m = await server.metrics.registry.getSingleMetric("synthstream_tenant_rows_total")?.get();
    return m?.values.find((v) => v.labels.tenant === tenant)?.value ?? 0;
  };

  it("A over its stream and row limits gets ResourceExhausted + RetryInfo; B runs at normal speed", async () => {
    await timed(KEY_B, 200_000n); // warm-up
    const solo = await timed(KEY_B, 2_000_000n);

    const stopA = new AbortController();
    // A's stream, read continuously, runs into its 200k rows/min budget and the server pauses it.
    const a = rowsOf(generate(KEY_A, 20_000_000n, stopA.signal)).catch((e: unknown) => ConnectError.from(e));
    const crossed = async () => (await tenantRows("team-a")) > 200_000;
    for (let i = 0; i < 200 && !(await crossed()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await crossed()).toBe(true);

    const streams = await refusal(KEY_A);
    expect(streams.code).toBe(Code.ResourceExhausted);
    expect(streams.rawMessage).toMatch(/open streams/);
    expect(retryDelayMs(streams)).toBeGreaterThan(0);

    const beside = await timed(KEY_B, 2_000_000n);
    expect(beside).toBeLessThan(solo * 3 + 200);

    stopA.abort();
    expect(((await a) as ConnectError).code).toBe(Code.Canceled);
    let rate: ConnectError | undefined;
    for (let i = 0; i < 100; i++) {
      rate = await refusal(KEY_A);
      if (!/open streams/.test(rate.rawMessage)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(rate?.code).toBe(Code.ResourceExhausted);
    expect(rate?.rawMessage).toMatch(/rows per minute/);
    // Debt of at most one 50k batch at 200k/min: between a few ms and ~15 s.
    expect(retryDelayMs(rate!)).toBeGreaterThan(0);
    expect(retryDelayMs(rate!)).toBeLessThanOrEqual(15_001);
    console.log(`B solo ${solo.toFixed(0)} ms, beside throttled A ${beside.toFixed(0)} ms for 2M rows`);
  }, 30_000);
});
