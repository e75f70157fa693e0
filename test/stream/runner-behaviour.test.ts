import { afterAll, describe, expect, it } from "vitest";
import { generateStream } from "../../src/stream/generate-stream.js";
import { createPiscinaRunner } from "../../src/stream/piscina-runner.js";
import type { BatchRunner, StreamChunk } from "../../src/stream/stream-types.js";
import { collect, plan } from "./stream-helpers.js";

const pool = createPiscinaRunner({ workers: 2 });
afterAll(() => pool.close());

/** Wraps a runner, counting submissions and the most tasks it ever had pending. */
function counting(inner: BatchRunner) {
  const stats = { submitted: 0, maxPending: 0 };
  const runner: BatchRunner = {
    run(task, signal) {
      stats.submitted++;
      const p = inner.run(task, signal);
      stats.maxPending = Math.max(stats.maxPending, inner.pending);
      return p;
    },
    get pending() {
      return inner.pending;
    },
    get busyWorkers() {
      return inner.busyWorkers;
    },
    get totalWorkers() {
      return inner.totalWorkers;
    },
    close: () => inner.close(),
  };
  return { runner, stats };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pull(it: AsyncIterator<StreamChunk>, kind: StreamChunk["kind"]): Promise<StreamChunk> {
  for (;;) {
    const { value, done } = await it.next();
    if (done === true) throw new Error(`stream ended before a ${kind} chunk`);
    if (value.kind === kind) return value;
  }
}

async function waitFor(cond: () => boolean, ms: number): Promise<number> {
  const t0 = performance.now();
  while (!cond() && performance.now() - t0 < ms) await new Promise((r) => setImmediate(r));
  return performance.now() - t0;
}

describe("piscina runner with generateStream", { timeout: 20_000 }, () => {
  it("submits nothing while the consumer does not pull: at most K tasks in flight", async () => {
    const { runner, stats } = counting(pool);
    const it = generateStream(runner, { plan, tables: ["customers"], rowsPerBatch: 100 }, { maxInFlight: 3 });
    await pull(it, "batch");
    await pull(it, "batch");
    // Two batches consumed, three submitted ahead, and the pool holds only this stream's tasks.
    expect(stats.submitted).toBe(5);
    expect(pool.pending).toBeGreaterThan(0);
    expect(pool.pending).toBeLessThanOrEqual(3);
    await sleep(300);
    expect(stats.submitted).toBe(5);
    expect(stats.maxPending).toBeLessThanOrEqual(3);
    await it.return();
    expect(pool.pending).toBe(0);
  });

  it("cancels the stream's pending tasks within 100 ms of an abort, and the runner keeps serving", async () => {
    const ac = new AbortController();
    const it = generateStream(pool, { plan, rowsPerBatch: 100, signal: ac.signal }, { maxInFlight: 4 });
    await pull(it, "batch");
    expect(pool.pending).toBeGreaterThan(0);
    const reason = new Error("client went away");
    ac.abort(reason);
    expect(await waitFor(() => pool.pending === 0, 100)).toBeLessThan(100);
    await expect(it.next()).rejects.toBe(reason);
    const { chunks } = await collect(generateStream(pool, { plan, tables: ["events"], rowsPerBatch: 1000 }));
    expect(chunks.map((c) => c.kind)).toEqual(["header", "batch", "batch", "batch", "end"]);
  });

  it("cancels pending tasks when the consumer stops iterating early", async () => {
    for await (const c of generateStream(pool, { plan, rowsPerBatch: 50 }, { maxInFlight: 4 })) {
      if (c.kind === "batch") break;
    }
    expect(await waitFor(() => pool.pending === 0, 100)).toBeLessThan(100);
  });

  it("rejects at once when the signal is already aborted, without running anything", async () => {
    const { runner, stats } = counting(pool);
    const it = generateStream(runner, { plan, signal: AbortSignal.abort(new Error("too late")) });
    await expect(it.next()).rejects.toThrow("too late");
    expect(stats.submitted).toBe(0);
  });

  it("lets two concurrent streams share the workers: their batches interleave", async () => {
    const log: string[] = [];
    const drain = async (name: string) => {
      for await (const c of generateStream(
        pool,
        { plan, tables: ["customers"], rowsPerBatch: 250 },
        { maxInFlight: 2 },
      )) {
        if (c.kind === "batch") log.push(name);
      }
    };
    await Promise.all([drain("a"), drain("b")]);
    expect(log.length).toBe(40);
    // Each stream receives its first batch before the other one finishes.
    expect(log.indexOf("b")).toBeLessThan(log.lastIndexOf("a"));
    expect(log.indexOf("a")).toBeLessThan(log.lastIndexOf("b"));
    expect(log.slice(0, 20)).toContain("a");
    expect(log.slice(0, 20)).toContain("b");
  });

  it("reports its workers, and busy workers only while tasks run", async () => {
    expect(pool.totalWorkers).toBe(2);
    expect(pool.busyWorkers).toBe(0);
    const p = pool.run({ plan, table: "customers", rowStart: 0, rowCount: 10 });
    expect(pool.busyWorkers).toBe(1);
    expect(pool.pending).toBe(1);
    const r = await p;
    expect(r.bytes.byteLength).toBeGreaterThan(r.bodyOffset);
    expect(pool.busyWorkers).toBe(0);
  });
});
