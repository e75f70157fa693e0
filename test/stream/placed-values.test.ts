/**
 * A worker lays fixed-width column values straight into the record-batch message it will send
 * (arrow/values-placement.ts, stream/message-shapes.ts). Whatever the placement does — in place,
 * a wrong header guess, a buffer too small, a column that moved — the bytes equal a fresh encode.
 */
import { describe, expect, it } from "vitest";
import { generateBatch } from "../../src/arrow/batch.js";
import { encodeRecordBatch } from "../../src/arrow/ipc.js";
import { createValuesPlacement } from "../../src/arrow/values-placement.js";
import type { CompiledPlan } from "../../src/compile/compiled-plan.js";
import { createWorkerBufferPool } from "../../src/stream/buffer-recycling.js";
import { createMessageShapes } from "../../src/stream/message-shapes.js";
import { runBatch } from "../../src/stream/run-batch.js";
import { numbersWasm } from "../../src/wasm/numbers.js";
import { compileText } from "../helpers/plans.js";
import { plan as mixedPlan, sha } from "./stream-helpers.js";

/**
 * Sequences (placed), a nullable one (not placed), one past int32 (built as doubles, not placed),
 * and an expression over a later column.
 */
/** The WASM kernels are on (SYNTHSTREAM_WASM unset or not 0, and SIMD available). */
const wasm = numbersWasm() !== undefined;

const seqPlan: CompiledPlan = compileText(`
name: placed
seed: 3
tables:
  - name: seq
    rows: 100000
    columns:
      - { name: a, sequence: { start: 5 } }
      - { name: twice, expression: { expr: "c * 2" } }
      - { name: b, sequence: { start: -7, step: 3 } }
      - { name: c, sequence: {} }
      - { name: n, sequence: {}, null_rate: 0.3 }
      - { name: d, sequence: { start: 2147483000 } }
      - { name: e, sequence: { start: 1 } }
`);

/** Number columns of every fixed-width type (placed by the WASM kernel), one decimal (not placed). */
const numberPlan: CompiledPlan = compileText(`
name: placed_numbers
seed: 4
tables:
  - name: facts
    rows: 100000
    columns:
      - { name: id, sequence: {} }
      - { name: qty, type: int32, number: { uniform: { min: 1, max: 100 } } }
      - { name: big, type: int64, number: { uniform: { min: -5000000000, max: 5000000000 } } }
      - { name: score, type: float64, number: { normal: { mean: 50, stddev: 10 } } }
      - { name: amount, type: float64, number: { lognormal: { mu: 3, sigma: 1 } } }
      - { name: wait, type: float64, number: { exponential: { rate: 0.5 } } }
      - { name: ratio, type: float32, number: { uniform: { min: 0, max: 1 } } }
      - { name: price, type: "decimal(12,2)", number: { uniform: { min: 0, max: 1000 } } }
      - { name: rounded, type: float64, number: { uniform: { min: 0, max: 10 }, round: 2 } }
`);

/** Runs tasks through one worker's pool and shape memory, as a pool worker does. */
function workerLike() {
  const pool = createWorkerBufferPool();
  const shapes = createMessageShapes();
  return (task: Parameters<typeof runBatch>[0]) => {
    const r = runBatch(task, pool.take, shapes);
    const copy = r.bytes.slice();
    pool.give([r.bytes.buffer as ArrayBuffer]); // handed back dirty, as the transport does
    return { ...r, bytes: copy };
  };
}

describe("values placed in the message give a fresh encode's bytes", () => {
  const cases: [string, CompiledPlan, string, (readonly string[])?][] = [
    ["sequences", seqPlan, "seq"],
    ["sequences, projected and reordered", seqPlan, "seq", ["c", "n", "a"]],
    ["sequences, a dependency first", seqPlan, "seq", ["twice", "c", "d"]],
    ["number columns (WASM kernels)", numberPlan, "facts"],
    ["number columns, projected", numberPlan, "facts", ["wait", "qty", "price"]],
    ["mixed kinds", mixedPlan, "customers"],
    ["mixed kinds, second table", mixedPlan, "events"],
  ];
  for (const [label, plan, table, columns] of cases) {
    it(label, () => {
      const run = workerLike();
      // Growing, shrinking and odd batch sizes: each guess comes from the batch before.
      for (const [rowStart, rowCount] of [
        [0, 1000],
        [1000, 1000],
        [2000, 4001],
        [7, 333],
        [9000, 1],
        [3, 2500],
      ] as const) {
        const task = { plan, table, rowStart, rowCount, columns };
        const got = run(task);
        const want = runBatch(task);
        expect(sha(got.bytes), `${rowStart}+${rowCount}`).toBe(sha(want.bytes));
        expect([got.headerLength, got.bodyOffset]).toEqual([want.headerLength, want.bodyOffset]);
      }
    });
  }
});

describe("placement", () => {
  const rows = 4096;
  const junk = (n: number) => new Uint8Array(n).fill(0xcd);
  /** A fresh encode, and where its body starts. */
  const reference = (columns?: readonly string[]) => {
    const msg = encodeRecordBatch(generateBatch(seqPlan, "seq", 0, rows, columns));
    return { bytes: msg.bytes, bodyStart: msg.body.byteOffset - msg.bytes.byteOffset };
  };
  const valuesOf = (batch: ReturnType<typeof generateBatch>, name: string) =>
    batch.getChild(name)!.data[0]!.values as ArrayBufferView;

  it("puts sequence values at their body offsets, so the encoder copies nothing for them", () => {
    const ref = reference(["a", "b", "c"]);
    const p = createValuesPlacement(junk(ref.bytes.byteLength + 100), ref.bodyStart);
    const batch = generateBatch(seqPlan, "seq", 0, rows, ["a", "b", "c"], p);
    for (const [i, name] of ["a", "b", "c"].entries()) {
      expect(valuesOf(batch, name).buffer).toBe(p.bytes.buffer);
      expect(valuesOf(batch, name).byteOffset).toBe(ref.bodyStart + i * 8 * rows);
    }
    const msg = encodeRecordBatch(batch, undefined, p.bytes);
    expect(msg.bytes.buffer).toBe(p.bytes.buffer);
    expect(sha(msg.bytes)).toBe(sha(ref.bytes));
  });

  it("puts WASM number columns in the message too (not a decimal, which is encoded from doubles)", () => {
    const msg = encodeRecordBatch(generateBatch(numberPlan, "facts", 0, rows));
    const bodyStart = msg.body.byteOffset - msg.bytes.byteOffset;
    const p = createValuesPlacement(junk(msg.bytes.byteLength + 100), bodyStart);
    const batch = generateBatch(numberPlan, "facts", 0, rows, undefined, p);
    const names = ["id", "qty", "big", "score", "amount", "wait", "ratio", "price", "rounded"];
    // SYNTHSTREAM_WASM=0: the TypeScript kernels build numbers in their own memory (the id still placed).
    const placed = wasm
      ? [true, true, true, true, true, true, true, false, true]
      : [true, ...names.slice(1).map(() => false)];
    expect(names.map((name) => valuesOf(batch, name).buffer === p.bytes.buffer)).toEqual(placed);
    expect(sha(encodeRecordBatch(batch, undefined, p.bytes).bytes)).toBe(sha(msg.bytes));
  });

  it("puts dictionary indices of word lists and date days in the message", () => {
    const plan = compileText(`
name: placed_words
seed: 5
tables:
  - name: people
    rows: 100000
    columns:
      - { name: first_name, semantic: { kind: first_name } }
      - { name: city, semantic: { kind: city }, null_rate: 0.1 }
      - { name: joined, type: date, temporal: { start: "2020-01-01", end: "2024-01-01" } }
      - { name: email, template: { template: "{first_name}@{free_email}" } }
`);
    const msg = encodeRecordBatch(generateBatch(plan, "people", 0, rows));
    const bodyStart = msg.body.byteOffset - msg.bytes.byteOffset;
    const p = createValuesPlacement(junk(msg.bytes.byteLength + 100), bodyStart);
    const batch = generateBatch(plan, "people", 0, rows, undefined, p);
    const inMessage = (name: string) => valuesOf(batch, name).buffer === p.bytes.buffer;
    // The nullable city has a validity bitmap first; the email's offsets and bytes are its own.
    expect(["first_name", "city", "joined", "email"].map(inMessage)).toEqual([true, false, true, false]);
    expect(sha(encodeRecordBatch(batch, undefined, p.bytes).bytes)).toBe(sha(msg.bytes));
  });

  it("leaves a nullable column and a column computed as a dependency in their own memory", () => {
    const ref = reference();
    const p = createValuesPlacement(junk(ref.bytes.byteLength + 100), ref.bodyStart);
    const batch = generateBatch(seqPlan, "seq", 0, rows, undefined, p);
    const inMessage = (name: string) => valuesOf(batch, name).buffer === p.bytes.buffer;
    expect(["a", "twice", "b", "c", "n", "d", "e"].map(inMessage)).toEqual([
      true,
      false,
      true,
      false,
      false,
      wasm, // past int32: the WASM sequence writes int64 words in place too
      true, // after a column with a validity bitmap, the offsets still hold
    ]);
    expect(sha(encodeRecordBatch(batch, undefined, p.bytes).bytes)).toBe(sha(ref.bytes));
  });

  for (const [label, shift, extra] of [
    ["a header guess 8 bytes short", -8, 100],
    ["a header guess 8 bytes long", 8, 100],
    ["a buffer too small for the message", 0, -64],
  ] as const) {
    it(`survives ${label}`, () => {
      const ref = reference();
      const p = createValuesPlacement(junk(ref.bytes.byteLength + extra), ref.bodyStart + shift);
      const msg = encodeRecordBatch(generateBatch(seqPlan, "seq", 0, rows, undefined, p), junk, p.bytes);
      expect(sha(msg.bytes)).toBe(sha(ref.bytes));
    });
  }
});
