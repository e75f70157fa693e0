import { describe, expect, it } from "vitest";
import { createPlanCache, createPlanRefs } from "../../src/stream/plan-refs.js";
import { plan } from "./stream-helpers.js";

describe("plan references", () => {
  it("serializes each plan object once and gives it a stable id", () => {
    const refOf = createPlanRefs();
    const a = refOf(plan);
    expect(refOf(plan)).toBe(a);
    const other = refOf({ ...plan, seed: "1" });
    expect(other.id).not.toBe(a.id);
    expect(a.bytes).toBeInstanceOf(SharedArrayBuffer);
  });

  it("a worker without the plan rebuilds it from the task's bytes, then reuses it", () => {
    const refOf = createPlanRefs();
    const resolve = createPlanCache(2);
    const first = resolve(refOf(plan));
    expect(first).toEqual(plan);
    expect(resolve(refOf(plan))).toBe(first);
    resolve(refOf({ ...plan, seed: "1" }));
    resolve(refOf({ ...plan, seed: "2" })); // evicts the least recently used: `plan`
    const again = resolve(refOf(plan));
    expect(again).toEqual(plan);
    expect(again).not.toBe(first);
  });
});
