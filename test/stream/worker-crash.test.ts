import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateStream } from "../../src/stream/generate-stream.js";
import { createPiscinaRunner } from "../../src/stream/piscina-runner.js";
import { BatchFailedError } from "../../src/stream/stream-request-error.js";
import { collect, plan } from "./stream-helpers.js";

// The crash worker fails at customers rows 3000 (exit), 4000 (throw) and 5000 (uncaught); see fixture.
const pool = createPiscinaRunner({
  workers: 1,
  workerFile: fileURLToPath(new URL("./fixtures/crash-worker.mjs", import.meta.url)),
});
afterAll(() => pool.close());

const bigPlan = {
  ...plan,
  tables: plan.tables.map((t) => (t.name === "customers" ? { ...t, rows: 6000 } : t)),
};

describe("a worker that fails", { timeout: 20_000 }, () => {
  for (const [row, what] of [
    [3000, "exits"],
    [4000, "throws"],
    [5000, "throws asynchronously"],
  ] as const) {
    it(`fails only its stream when it ${what}; the next stream on the same runner succeeds`, async () => {
      const failing = collect(
        generateStream(pool, {
          plan: bigPlan,
          tables: ["customers"],
          rowStart: row - 500,
          rowEnd: row + 500,
          rowsPerBatch: 500,
        }),
      );
      const err = await failing.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BatchFailedError);
      expect(err).toMatchObject({ table: "customers", rowStart: row });
      expect(pool.pending).toBe(0);
      const ok = await collect(generateStream(pool, { plan: bigPlan, rowEnd: 3000, rowsPerBatch: 1000 }));
      expect(ok.chunks.filter((c) => c.kind === "batch").map((c) => c.rowStart)).toEqual([
        0, 1000, 2000, 0, 1000, 2000,
      ]);
    });
  }
});
