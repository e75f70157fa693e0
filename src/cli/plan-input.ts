/**
 * cli: a plan argument → Plan. A path to a YAML/JSON file, or else a catalog name (plans/).
 * Returns violations instead of throwing, so validate can print every one.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isCatalogName, loadCatalogPlan } from "../catalog/catalog.js";
import { compilePlan } from "../compile/compile-plan.js";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { parsePlanText } from "../plan/parse-plan.js";
import { formatViolation, type Violation } from "../plan/violation.js";
import type { CliIo } from "./io.js";

/** A plan, or why there is none. */
export type PlanInput = { ok: true; plan: Plan } | { ok: false; violations: Violation[] };

/** Reads `arg` as a file (relative to `cwd`), or as a catalog name when no such file exists. */
export async function readPlanInput(arg: string, cwd: string, catalogDir?: string): Promise<PlanInput> {
  let text: string | undefined;
  try {
    text = await readFile(resolve(cwd, arg), "utf8");
  } catch {
    text = undefined;
  }
  if (text !== undefined) return parsePlanText(text, arg);
  if (isCatalogName(arg)) {
    const load = await loadCatalogPlan(arg, catalogDir);
    if (load.status === "ok") return { ok: true, plan: load.plan };
    if (load.status === "invalid") return { ok: false, violations: load.violations };
  }
  return {
    ok: false,
    violations: [{ path: "", message: `"${arg}" is neither a readable plan file nor a catalog plan` }],
  };
}

/** Reads and compiles a plan argument; on failure writes every violation to stderr. */
export async function compileInput(
  arg: string,
  io: CliIo,
  options: { scale?: number | undefined; catalog?: string | undefined },
): Promise<{ source: Plan; compiled: CompiledPlan } | undefined> {
  const input = await readPlanInput(arg, io.cwd, options.catalog ?? io.env.SYNTHSTREAM_CATALOG_DIR);
  const compiled = input.ok ? compilePlan(input.plan, { scale: options.scale }) : input;
  if (input.ok && compiled.ok) return { source: input.plan, compiled: compiled.plan };
  if (compiled.ok) return undefined; // unreachable: a failed read never compiles
  for (const v of compiled.violations) io.stderr.write(`${formatViolation(v)}\n`);
  io.stderr.write(
    `${arg}: ${compiled.violations.length} violation${compiled.violations.length === 1 ? "" : "s"}\n`,
  );
  return undefined;
}

/** Exit code for a plan with violations, shared by every subcommand (generate's too). */
export const EXIT_BAD_PLAN = 2;
