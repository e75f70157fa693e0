/**
 * With the WASM kernels off (SYNTHSTREAM_WASM=0), the TypeScript kernels alone give the reference
 * plan's pinned golden bytes: the WASM SIMD paths are a speed-up, never a different answer. Vitest
 * runs each test file in a process of its own, so the setting stays in this file.
 */
import { afterAll, describe, expect, it } from "vitest";
import { tableOf } from "../../src/compile/compiled-plan.js";
import { numbersWasm } from "../../src/wasm/numbers.js";
import { canonicalBytes, GOLDEN, plan, ROWS, sha } from "../helpers/golden.js";

// Read at the first kernel call, which comes after this line.
const before = process.env.SYNTHSTREAM_WASM;
process.env.SYNTHSTREAM_WASM = "0";
afterAll(() => {
  if (before === undefined) delete process.env.SYNTHSTREAM_WASM;
  else process.env.SYNTHSTREAM_WASM = before;
});

describe("determinism without WASM", () => {
  it("the TypeScript kernels give the pinned golden hashes", () => {
    expect(numbersWasm()).toBeUndefined();
    expect(sha(canonicalBytes(plan, [0, ROWS]))).toBe(GOLDEN.customers);
    const orders = tableOf(plan, "orders").rows;
    expect(sha(canonicalBytes(plan, [0, 777, orders], undefined, "orders"))).toBe(GOLDEN.orders);
  });
});
