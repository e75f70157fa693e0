/**
 * expr: the fixed function table — user-callable names → specs, and lowered name → runner.
 * Maps, never object indexing: `__proto__`, `constructor` or `toString` are simply not there.
 */
import { CORE_FUNCTIONS } from "./fn-core.js";
import { MATH_FUNCTIONS } from "./fn-math.js";
import type { FnSpec } from "./fn-spec.js";
import { TEXT_FUNCTIONS } from "./fn-text.js";
import { TIME_FUNCTIONS } from "./fn-time.js";
import { OPERATORS } from "./operators.js";

/** Functions an expression may call, by name. */
export const FUNCTIONS: ReadonlyMap<string, FnSpec> = new Map([
  ...CORE_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...TIME_FUNCTIONS,
]);

/** Every evaluator entry: operators (`op:` names) and functions. */
export const RUNNERS: ReadonlyMap<string, FnSpec["run"]> = new Map<string, FnSpec["run"]>([
  ...OPERATORS,
  ...[...FUNCTIONS].map(([name, spec]) => [name, spec.run] as const),
]);
