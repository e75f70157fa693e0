import { describe, expect, it } from "vitest";
import { generateStream } from "../../src/stream/generate-stream.js";
import { createInlineRunner } from "../../src/stream/inline-runner.js";
import { resolveRequest } from "../../src/stream/resolve-request.js";
import { StreamRequestError } from "../../src/stream/stream-request-error.js";
import type { BatchRunner, StreamRequest } from "../../src/stream/stream-types.js";
import { collect, plan } from "./stream-helpers.js";

function violations(req: Omit<StreamRequest, "plan">): { path: string; message: string }[] {
  try {
    resolveRequest({ plan, ...req });
  } catch (e) {
    if (e instanceof StreamRequestError) return [...e.violations];
    throw e;
  }
  throw new Error("request was accepted");
}

describe("resolveRequest", () => {
  it("streams tables in plan order whatever order they are asked in", () => {
    expect(resolveRequest({ plan, tables: ["events", "customers"] }).map((j) => j.table.name)).toEqual([
      "customers",
      "events",
    ]);
    expect(resolveRequest({ plan }).map((j) => j.table.name)).toEqual(["customers", "events"]);
  });

  it("names every unknown or repeated table and column by field path", () => {
    expect(violations({ tables: ["customers", "custmers", "customers"] }).map((v) => v.path)).toEqual([
      "tables[1]",
      "tables[2]",
    ]);
    expect(violations({ tables: ["custmers"] })[0]!.message).toContain("customers");
    expect(
      violations({ columns: { customers: ["id", "nope", "id"], ghosts: [] } }).map((v) => v.path),
    ).toEqual(["columns.customers[1]", "columns.customers[2]", "columns.ghosts"]);
  });

  it("checks the row range, batch size and resume cursor", () => {
    expect(violations({ rowStart: -1, rowEnd: 1.5 }).map((v) => v.path)).toEqual(["rowStart", "rowEnd"]);
    expect(violations({ rowStart: 10, rowEnd: 5 }).map((v) => v.path)).toEqual(["rowEnd"]);
    expect(violations({ rowsPerBatch: -3 }).map((v) => v.path)).toEqual(["rowsPerBatch"]);
    expect(
      violations({ tables: ["events"], resume: { table: "customers", rowOffset: 0 } }).map((v) => v.path),
    ).toEqual(["resume.table"]);
    expect(
      violations({ rowStart: 100, resume: { table: "customers", rowOffset: 99 } }).map((v) => v.path),
    ).toEqual(["resume.rowOffset"]);
    expect(violations({ resume: { table: "events", rowOffset: 3001 } }).map((v) => v.path)).toEqual([
      "resume.rowOffset",
    ]);
  });

  it("derives a batch size from the row estimate when none is given", () => {
    const [job] = resolveRequest({ plan, tables: ["customers"] });
    expect(job!.rowsPerBatch).toBeGreaterThanOrEqual(1024);
    expect(job!.rowsPerBatch % 1024).toBe(0);
  });
});

describe("generateStream request errors", () => {
  it("throws StreamRequestError synchronously, before any task runs", () => {
    let runs = 0;
    const inline = createInlineRunner();
    const spy: BatchRunner = {
      ...inline,
      run(t, s) {
        runs++;
        return inline.run(t, s);
      },
    };
    expect(() => generateStream(spy, { plan, tables: ["customers", "nope"] })).toThrow(StreamRequestError);
    expect(() => generateStream(spy, { plan }, { maxInFlight: 0 })).toThrow(RangeError);
    expect(runs).toBe(0);
  });

  it("sends header and end for an empty range, and header chunks split into schema and dictionaries", async () => {
    const { chunks } = await collect(
      generateStream(createInlineRunner(), { plan, rowStart: 3000, rowEnd: 3000 }),
    );
    expect(chunks.map((c) => `${c.table}:${c.kind}`)).toEqual([
      "customers:header",
      "customers:end",
      "events:header",
      "events:end",
    ]);
    // customers: schema + 3 dictionaries (first_name, city, tier); views point into the chunk bytes.
    const header = chunks[0]!;
    expect(header.messages).toHaveLength(4);
    for (const m of header.messages) expect(m.header.buffer).toBe(header.bytes.buffer);
  });
});
