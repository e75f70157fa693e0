/**
 * cli: `synthstream describe <plan>` — what a plan would generate (tables in dependency order,
 * fields with types, rows, parents, shards, estimated bytes), the same answer as DescribePlan.
 * Prints a text summary, or the DescribePlanResponse as JSON with --json.
 */

import { parseArgs } from "node:util";
import { toJsonString } from "@bufbuild/protobuf";
import { DescribePlanResponseSchema } from "../gen/synthstream/v1/generator_service_pb.js";
import { describePlan } from "../server/describe-plan.js";
import type { CliIo } from "./io.js";
import { compileInput, EXIT_BAD_PLAN } from "./plan-input.js";

export const USAGE =
  "usage: synthstream describe <plan.yaml | catalog-name> [--scale X] [--json] [--catalog DIR]\n";

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { scale: { type: "string" }, json: { type: "boolean" }, catalog: { type: "string" } },
    allowPositionals: true,
  });
}

/** Describes one plan. */
export async function runDescribe(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (e) {
    io.stderr.write(`synthstream describe: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (positionals.length !== 1 || (scale !== undefined && !(scale > 0))) {
    io.stderr.write(USAGE);
    return 2;
  }
  const plan = await compileInput(positionals[0]!, io, { scale, catalog: values.catalog });
  if (plan === undefined) return EXIT_BAD_PLAN;
  const d = describePlan(plan.source, plan.compiled, 0);
  if (values.json === true) {
    io.stdout.write(`${toJsonString(DescribePlanResponseSchema, d, { prettySpaces: 2 })}\n`);
    return 0;
  }
  io.stdout.write(
    `plan ${d.name}  seed ${d.seed}  scale ${d.scale}  hash ${d.planHash.slice(0, 16)}  ~${d.estimatedBytes} bytes\n`,
  );
  for (const t of d.tables) {
    const deps = t.dependsOn.length > 0 ? `  depends on ${t.dependsOn.join(", ")}` : "";
    io.stdout.write(
      `\n${t.name}: ${t.rows} rows, ${t.shards.length} shard(s), ~${t.estimatedBytes} bytes${deps}\n`,
    );
    for (const f of t.fields)
      io.stdout.write(
        `  ${f.name.padEnd(24)} ${f.logicalType.padEnd(14)} ${f.arrowType}${f.nullable ? "  nullable" : ""}\n`,
      );
  }
  return 0;
}
