import { afterAll, describe, expect, it } from "vitest";
import { createSpareBuffers, createWorkerBufferPool } from "../../src/stream/buffer-recycling.js";
import { generateStream } from "../../src/stream/generate-stream.js";
import { createPiscinaRunner } from "../../src/stream/piscina-runner.js";
import { runBatch } from "../../src/stream/run-batch.js";
import type { StreamChunk } from "../../src/stream/stream-types.js";
import { collect, plan, sha } from "./stream-helpers.js";

const pool = createPiscinaRunner({ workers: 2 });
afterAll(() => pool.close());

/** An allocator handing out oversized buffers full of junk, as a recycled buffer may be. */
function junkAllocator() {
  return (n: number) => new Uint8Array(new ArrayBuffer(n + 4096), 0, n).fill(0xab);
}

describe("batch bytes do not depend on the buffer they are written into", () => {
  for (const [table, rowStart, rowCount] of [
    ["customers", 0, 1],
    ["customers", 17, 333],
    ["customers", 1000, 2047],
    ["events", 5, 999],
  ] as const) {
    it(`${table} rows ${rowStart}+${rowCount}: a junk-filled buffer gives the fresh buffer's bytes`, () => {
      const task = { plan, table, rowStart, rowCount };
      const fresh = runBatch(task);
      const recycled = runBatch(task, junkAllocator());
      expect(recycled.bytes.byteOffset).toBe(0);
      expect(recycled.bytes.buffer.byteLength).toBeGreaterThan(recycled.bytes.byteLength);
      expect(sha(recycled.bytes)).toBe(sha(fresh.bytes));
      expect([recycled.headerLength, recycled.bodyOffset]).toEqual([fresh.headerLength, fresh.bodyOffset]);
    });
  }
});

describe("worker buffer pool", () => {
  it("reuses the smallest spare that fits and allocates in 1 MiB steps otherwise", () => {
    const p = createWorkerBufferPool(2);
    const a = p.take(10);
    expect(a.byteLength).toBe(10);
    expect(a.buffer.byteLength).toBe(1 << 20);
    const big = new ArrayBuffer(3 << 20);
    p.give([big, a.buffer as ArrayBuffer]);
    expect(p.take(2 << 20).buffer).toBe(big);
    expect(p.take(100).buffer).toBe(a.buffer);
    expect(p.take(100).buffer).not.toBe(a.buffer); // the pool is empty again
  });

  it("keeps only the largest spares, and ignores detached buffers", () => {
    const p = createWorkerBufferPool(2);
    const [s, m, l] = [1, 2, 3].map((n) => new ArrayBuffer(n << 20));
    const detached = new ArrayBuffer(8);
    structuredClone(detached, { transfer: [detached] });
    p.give([s!, m!, l!, detached]);
    expect(p.take(1).buffer).toBe(m);
    expect(p.take(1).buffer).toBe(l);
  });
});

describe("the main thread's spare buffers", () => {
  it("take back only leased buffers, once each, up to the limit", () => {
    const spares = createSpareBuffers(2);
    const [a, b, c, stranger] = [1, 2, 3, 4].map((n) => new ArrayBuffer(n));
    for (const x of [a!, b!, c!]) spares.lease(x);
    spares.recycle(stranger!);
    spares.recycle(a!);
    spares.recycle(a!);
    spares.recycle(b!);
    spares.recycle(c!); // over the limit: dropped
    expect(spares.take(5)).toEqual([a, b]);
    expect(spares.take(1)).toEqual([]);
  });
});

describe("the piscina runner recycles batch buffers", { timeout: 30_000 }, () => {
  async function stream(recycle: boolean): Promise<{ digest: string; batches: StreamChunk[] }> {
    const batches: StreamChunk[] = [];
    const parts: Uint8Array[] = [];
    for await (const c of generateStream(pool, { plan, tables: ["customers"], rowsPerBatch: 500 })) {
      parts.push(c.bytes.slice());
      if (c.kind !== "batch") continue;
      batches.push(c);
      if (recycle) pool.recycle?.(c.bytes.buffer);
    }
    return { digest: sha(Buffer.concat(parts)), batches };
  }

  it("moves handed-back buffers to the workers and streams the same bytes", async () => {
    const plain = (await collect(generateStream(pool, { plan, tables: ["customers"], rowsPerBatch: 500 })))
      .tables;
    const recycled = await stream(true);
    expect(recycled.digest).toBe(sha(plain.get("customers")!));
    // A recycled buffer went back to a worker with a later task: its views here are detached.
    expect(recycled.batches.some((c) => c.bytes.byteLength === 0)).toBe(true);
    expect((await stream(false)).digest).toBe(recycled.digest);
  });
});
