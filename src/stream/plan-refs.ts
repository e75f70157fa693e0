/**
 * stream: how a compiled plan reaches the workers — serialized once into shared memory, then
 * referenced by every task. CompiledPlan → PlanRef (main thread, once per plan object) → the
 * CompiledPlan again (each worker, once per plan id). Structured-cloning the plan into each task
 * costs the main thread about a millisecond per batch; posting a SharedArrayBuffer costs nothing.
 * Invariant: a task always carries everything a worker needs, so a worker that never saw the plan
 * (new, or restarted after a crash) still builds it from the shared bytes; no broadcast to miss.
 */
import { deserialize, serialize } from "node:v8";
import type { CompiledPlan } from "../compile/compiled-plan.js";

/** A plan as a task carries it: an id unique within one runner, and its serialized bytes. */
export interface PlanRef {
  readonly id: number;
  /** v8.serialize of the CompiledPlan (the structured-clone format), shared, never written again. */
  readonly bytes: SharedArrayBuffer;
}

/** Main-thread side: one PlanRef per plan object (compiled plans are cached, so they repeat). */
export function createPlanRefs(): (plan: CompiledPlan) => PlanRef {
  const refs = new WeakMap<CompiledPlan, PlanRef>();
  let nextId = 1;
  return (plan) => {
    let ref = refs.get(plan);
    if (ref === undefined) {
      const bytes = serialize(plan);
      const shared = new SharedArrayBuffer(bytes.byteLength);
      new Uint8Array(shared).set(bytes);
      ref = { id: nextId++, bytes: shared };
      refs.set(plan, ref);
    }
    return ref;
  };
}

/** Worker side: plans by id, the most recently used `maxPlans` kept. */
export function createPlanCache(maxPlans = 16): (ref: PlanRef) => CompiledPlan {
  const plans = new Map<number, CompiledPlan>();
  return (ref) => {
    let plan = plans.get(ref.id);
    if (plan === undefined) {
      plan = deserialize(new Uint8Array(ref.bytes)) as CompiledPlan;
      if (plans.size >= maxPlans) plans.delete(plans.keys().next().value!);
    } else plans.delete(ref.id); // re-inserted below: Map order is recency
    plans.set(ref.id, plan);
    return plan;
  };
}
