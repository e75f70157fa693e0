/** Test helpers: load and compile plan fixtures, failing loudly with every violation. */
import { readFileSync } from "node:fs";
import { type CompileOptions, compilePlan } from "../../src/compile/compile-plan.js";
import type { CompiledPlan } from "../../src/compile/compiled-plan.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { formatViolation } from "../../src/plan/violation.js";

/** Compiles YAML/JSON plan text or throws with every violation. */
export function compileText(text: string, options: CompileOptions = {}): CompiledPlan {
  const parsed = parsePlanText(text);
  if (!parsed.ok) throw new Error(parsed.violations.map(formatViolation).join("\n"));
  const compiled = compilePlan(parsed.plan, options);
  if (!compiled.ok) throw new Error(compiled.violations.map(formatViolation).join("\n"));
  return compiled.plan;
}

/** Compiles a fixture under test/fixtures. */
export function compileFixture(name: string, options: CompileOptions = {}): CompiledPlan {
  return compileText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"), options);
}
