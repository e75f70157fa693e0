/**
 * cli: `synthstream validate <plan>` — the same validator as the server, every violation printed
 * as `path: message`. Exit 0 when valid, 1 when not, 2 on usage errors.
 */
import { parseArgs } from "node:util";
import type { CliIo } from "./io.js";
import { compileInput, EXIT_BAD_PLAN } from "./plan-input.js";

export const USAGE = "usage: synthstream validate <plan.yaml | catalog-name> [--scale X] [--catalog DIR]\n";

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
  const plan = await compileInput(positionals[0]!, io, { scale, catalog: values.catalog });
  if (plan === undefined) return EXIT_BAD_PLAN;
  io.stdout.write(`${positionals[0]}: ok\n`);
  return 0;
}
