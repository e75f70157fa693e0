/**
 * cli/generate-plan: the plan argument + --seed/--scale/--rows → CompiledPlan, or violations.
 * `--rows N` picks the scale that gives the plan's largest scalable table N rows, so the other
 * tables keep their proportions (fixed-size tables keep their rows, as with --scale).
 */

import { compilePlan } from "../compile/compile-plan.js";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import type { Violation } from "../plan/violation.js";
import { readPlanInput } from "./plan-input.js";

/** A compiled plan (and its source Plan, for --server), or every reason there is none. */
export type GeneratePlan =
  | { ok: true; plan: Plan; compiled: CompiledPlan; scale: number | undefined }
  | { ok: false; violations: Violation[] };

/** The scale that gives the largest scalable table `rows` rows, or undefined if none scales. */
export function scaleForRows(plan: Plan, rows: number): number | undefined {
  let largest = 0;
  for (const t of plan.tables) if (!t.fixedSize) largest = Math.max(largest, Number(t.rows));
  return largest > 0 ? rows / largest : undefined;
}

/** Reads, validates and compiles the plan with the run's overrides. */
export async function loadGeneratePlan(
  arg: string,
  cwd: string,
  overrides: { seed?: bigint | undefined; scale?: number | undefined; rows?: number | undefined },
): Promise<GeneratePlan> {
  const input = await readPlanInput(arg, cwd);
  if (!input.ok) return input;
  let scale = overrides.scale;
  if (overrides.rows !== undefined) {
    scale = scaleForRows(input.plan, overrides.rows);
    if (scale === undefined) {
      return {
        ok: false,
        violations: [{ path: "tables", message: "--rows: the plan has no table whose rows scale" }],
      };
    }
  }
  const compiled = compilePlan(input.plan, { seed: overrides.seed, scale });
  if (!compiled.ok) return compiled;
  return { ok: true, plan: input.plan, compiled: compiled.plan, scale };
}
