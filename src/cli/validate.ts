/**
 * cli: `synthstream validate <plan>` — the same validator as the server, every violation printed
 * as `path: message`. Exit 0 when valid, 1 when not, 2 on usage errors.
 */
import { parseArgs } from "node:util";
import { compilePlan } from "../compile/compile-plan.js";
import { formatViolation } from "../plan/violation.js";
import type { CliIo } from "./io.js";
import { readPlanInput } from "./plan-input.js";

const USAGE = "usage: synthstream validate <plan.yaml | catalog-name> [--scale X] [--catalog DIR]\n";

/** Validates one plan. */
export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  let values: { scale?: string | undefined; catalog?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { scale: { type: "string" }, catalog: { type: "string" } },
      allowPositionals: true,
    }));
  } catch (e) {
    io.stderr.write(`synthstream validate: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (positionals.length !== 1 || (scale !== undefined && !(scale > 0))) {
    io.stderr.write(USAGE);
    return 2;
  }
  const input = await readPlanInput(
    positionals[0]!,
    io.cwd,
    values.catalog ?? io.env.SYNTHSTREAM_CATALOG_DIR,
  );
  const violations = input.ok
    ? (() => {
        const res = compilePlan(input.plan, { scale });
        return res.ok ? [] : res.violations;
      })()
    : input.violations;
  if (violations.length === 0) {
    io.stdout.write(`${positionals[0]}: ok\n`);
    return 0;
  }
  for (const v of violations) io.stdout.write(`${formatViolation(v)}\n`);
  io.stderr.write(`${positionals[0]}: ${violations.length} violation${violations.length === 1 ? "" : "s"}\n`);
  return 1;
}
