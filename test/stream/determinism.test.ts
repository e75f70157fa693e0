import { afterAll, describe, expect, it } from "vitest";
import { tableOf } from "../../src/compile/compiled-plan.js";
import { generateStream } from "../../src/stream/generate-stream.js";
import { createInlineRunner } from "../../src/stream/inline-runner.js";
import { createPiscinaRunner } from "../../src/stream/piscina-runner.js";
import type { BatchRunner, StreamRequest } from "../../src/stream/stream-types.js";
import { boundsOf, collect, decodedColumns, plan, reference, sha } from "./stream-helpers.js";

const ROWS = tableOf(plan, "customers").rows; // 5000
const EVENTS = tableOf(plan, "events").rows; // 3000
const runners: [string, BatchRunner][] = [
  ["piscina×1", createPiscinaRunner({ workers: 1 })],
  ["piscina×2", createPiscinaRunner({ workers: 2 })],
  ["piscina×4", createPiscinaRunner({ workers: 4 })],
  ["inline", createInlineRunner()],
];
afterAll(() => Promise.all(runners.map(([, r]) => r.close())));

const stream = (runner: BatchRunner, req: Omit<StreamRequest, "plan"> = {}) =>
  collect(generateStream(runner, { plan, ...req }));

describe("generateStream determinism", { timeout: 30_000 }, () => {
  const oneBatch = sha(reference(plan, "customers", [0, ROWS]));
  const fullValues = decodedColumns(reference(plan, "customers", [0, ROWS]));

  it("sends exactly the single-batch reference bytes on every runner when one batch holds the table", async () => {
    for (const [, runner] of runners) {
      const { tables } = await stream(runner, { rowsPerBatch: ROWS });
      expect(sha(tables.get("customers")!)).toBe(oneBatch);
      expect(sha(tables.get("events")!)).toBe(sha(reference(plan, "events", [0, EVENTS])));
    }
  });

  it("sends identical bytes on 1, 2, 4 workers and inline, equal to the reference with the same batching", async () => {
    for (const size of [1000, 715, 2048]) {
      const want = sha(reference(plan, "customers", boundsOf(0, ROWS, size)));
      const got = await Promise.all(
        runners.map(async ([, r]) => sha((await stream(r, { rowsPerBatch: size })).tables.get("customers")!)),
      );
      expect(got).toEqual(runners.map(() => want));
    }
  });

  it("decodes to the same values whatever the batch size (incl. 7 uneven batches)", async () => {
    const [, pool] = runners[1]!;
    for (const size of [715, 1024, 4999, 100_000]) {
      const { tables, chunks } = await stream(pool, { rowsPerBatch: size, tables: ["customers"] });
      expect(chunks.filter((c) => c.kind === "batch").length).toBe(Math.ceil(ROWS / size));
      expect(decodedColumns(tables.get("customers")!)).toEqual(fullValues);
    }
  });

  it("resumes from a mid-table cursor with exactly the remaining rows, skipping earlier tables", async () => {
    const [, pool] = runners[2]!;
    const { tables, chunks } = await stream(pool, {
      rowsPerBatch: 1000,
      resume: { table: "customers", rowOffset: 2345 },
    });
    expect(chunks[0]).toMatchObject({ table: "customers", kind: "header", rowStart: 2345 });
    expect(chunks.filter((c) => c.kind === "batch")[0]).toMatchObject({ rowStart: 2345, rowCount: 1000 });
    expect(sha(tables.get("customers")!)).toBe(sha(reference(plan, "customers", boundsOf(2345, ROWS, 1000))));
    const rest = decodedColumns(tables.get("customers")!);
    for (const [name, values] of Object.entries(fullValues)) expect(rest[name]).toEqual(values.slice(2345));
    expect(sha(tables.get("events")!)).toBe(sha(reference(plan, "events", boundsOf(0, EVENTS, 1000))));

    const later = await stream(pool, { rowsPerBatch: 1000, resume: { table: "events", rowOffset: 2999 } });
    expect([...later.tables.keys()]).toEqual(["events"]);
    expect(decodedColumns(later.tables.get("events")!).id).toEqual(["3000"]);
  });

  it("gives a projection and a row range the same values as the full run", async () => {
    const [, pool] = runners[1]!;
    const req = {
      tables: ["customers"],
      columns: { customers: ["score", "city", "id"] },
      rowStart: 1234,
      rowEnd: 4321,
      rowsPerBatch: 999,
    };
    const { tables } = await stream(pool, req);
    const got = decodedColumns(tables.get("customers")!);
    expect(Object.keys(got)).toEqual(["score", "city", "id"]);
    for (const name of ["score", "city", "id"])
      expect(got[name]).toEqual(fullValues[name]!.slice(1234, 4321));
  });
});
