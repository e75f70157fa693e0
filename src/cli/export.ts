/**
 * cli: `synthstream export <plan> --as dictionary|ddl-postgres|ddl-duckdb|lineage|mermaid` — a
 * plan's metadata (data dictionary, SQL DDL, lineage graph, Mermaid ER diagram) to stdout or a
 * file. Never generates data. Exit 0 on success, 1 for an invalid plan, 2 on usage errors.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { EXPORT_KINDS, type ExportKind, renderExport } from "../export/index.js";
import type { CliIo } from "./io.js";
import { compileInput, EXIT_BAD_PLAN } from "./plan-input.js";

export const USAGE = `usage: synthstream export <plan-file|catalog-name> --as ${EXPORT_KINDS.join("|")}
         [--format json|yaml] [--scale S] [--out FILE] [--catalog DIR]
`;

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      as: { type: "string" },
      format: { type: "string" },
      scale: { type: "string" },
      out: { type: "string" },
      catalog: { type: "string" },
    },
    allowPositionals: true,
  });
}

/** Writes one export of one plan. */
export async function runExport(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (e) {
    io.stderr.write(`synthstream export: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const kind = values.as as ExportKind | undefined;
  const format = values.format ?? "json";
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  const problem =
    positionals.length !== 1
      ? "expected one plan"
      : kind === undefined || !EXPORT_KINDS.includes(kind)
        ? `--as must be one of ${EXPORT_KINDS.join(", ")}`
        : format !== "json" && format !== "yaml"
          ? "--format must be json or yaml"
          : scale !== undefined && !(scale > 0)
            ? "--scale must be a positive number"
            : undefined;
  if (problem !== undefined || kind === undefined) {
    io.stderr.write(`synthstream export: ${problem}\n${USAGE}`);
    return 2;
  }
  const plan = await compileInput(positionals[0]!, io, { scale, catalog: values.catalog });
  if (plan === undefined) return EXIT_BAD_PLAN;
  const text = renderExport(plan.compiled, kind, format === "yaml" ? "yaml" : "json");
  if (values.out === undefined || values.out === "-") io.stdout.write(text);
  else await writeFile(resolve(io.cwd, values.out), text);
  return 0;
}
