import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { tableOf } from "../../src/compile/compiled-plan.js";
import { canonicalBytes, GOLDEN, plan, ROWS, sha } from "../helpers/golden.js";
import { compileFixture } from "../helpers/plans.js";

const even = (n: number) => Array.from({ length: n + 1 }, (_, i) => Math.round((i * ROWS) / n));
const bySize = (size: number) => [
  ...Array.from({ length: Math.ceil(ROWS / size) }, (_, i) => i * size),
  ROWS,
];

describe("determinism of the reference plan", () => {
  const reference = sha(canonicalBytes(plan, [0, ROWS]));

  it("gives identical IPC bytes as one batch, 3 shards, 7 uneven shards and other batch sizes", () => {
    const layouts = [
      even(3),
      [0, 1, 17, 640, 641, 2048, 4999, ROWS],
      bySize(1000),
      bySize(4096),
      bySize(333),
    ];
    for (const bounds of layouts) expect(sha(canonicalBytes(plan, bounds))).toBe(reference);
  });

  it("matches the pinned golden hashes", () => {
    expect(reference).toBe(GOLDEN.customers);
    const orders = sha(canonicalBytes(plan, [0, tableOf(plan, "orders").rows], undefined, "orders"));
    expect(orders).toBe(GOLDEN.orders);
  });

  it("gives a child table identical bytes under any sharding", () => {
    const n = tableOf(plan, "orders").rows;
    const whole = sha(canonicalBytes(plan, [0, n], undefined, "orders"));
    for (const bounds of [
      [0, 1, 999, 1000, n],
      [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n],
    ]) {
      expect(sha(canonicalBytes(plan, bounds, undefined, "orders"))).toBe(whole);
    }
  });

  it("gives the same values for a projection as for the full run", () => {
    const full = tableFromIPC(canonicalBytes(plan, [0, ROWS]));
    const cols = ["zip", "tier", "id", "score"];
    const projected = tableFromIPC(canonicalBytes(plan, even(3), cols));
    expect(projected.schema.fields.map((f) => f.name)).toEqual(cols);
    for (const c of cols) expect(projected.getChild(c)!.toArray()).toEqual(full.getChild(c)!.toArray());
  });

  it("gives the same rows for a row range as the same rows of the full run", () => {
    const full = tableFromIPC(canonicalBytes(plan, [0, ROWS]));
    const part = tableFromIPC(canonicalBytes(plan, [1234, 1300]));
    for (const f of full.schema.fields) {
      const a = full.getChild(f.name)!.slice(1234, 1300).toJSON();
      expect(part.getChild(f.name)!.toJSON()).toEqual(a);
    }
  });

  it("changes every column when the seed changes, and nothing else in the schema", () => {
    const other = compileFixture("reference-plan.yaml", { seed: 7n });
    const a = tableFromIPC(canonicalBytes(plan, [0, 200]));
    const b = tableFromIPC(canonicalBytes(other, [0, 200]));
    expect(b.schema.fields.map((f) => String(f.type))).toEqual(a.schema.fields.map((f) => String(f.type)));
    for (const name of ["uid", "first_name", "age", "balance"]) {
      expect(b.getChild(name)!.toJSON()).not.toEqual(a.getChild(name)!.toJSON());
    }
    expect(b.getChild("id")!.toJSON()).toEqual(a.getChild("id")!.toJSON()); // sequences ignore the seed
  });
});
