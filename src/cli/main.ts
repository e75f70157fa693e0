#!/usr/bin/env node
/**
 * cli: `synthstream <command> [flags]` — dispatches to one subcommand module per command.
 * argv → exit code. Subcommands never call process.exit; main does, once, with their code.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type CliIo, processIo } from "./io.js";

/** A subcommand: argv after the command name → exit code. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, () => Promise<Command | undefined>>> = {
  serve: async () => (await import("./serve.js")).runServe,
  validate: async () => (await import("./validate.js")).runValidate,
  describe: async () => (await import("./describe.js")).runDescribe,
  generate: async () => (await import("./generate.js")).runGenerate,
  export: async () => (await import("./export.js")).runExport,
};

const USAGE = `usage: synthstream <command> [flags]

commands:
  serve      run the gRPC/Connect/gRPC-Web service (and the admin port)
  validate   check a plan file or catalog plan; prints every violation
  describe   print the tables, schemas, row counts and shards of a plan
  generate   write tables to files
  export     write a plan's data dictionary, SQL DDL, lineage graph or Mermaid ER diagram
`;

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    io.stderr.write(`synthstream: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const run = await load();
  if (run === undefined) {
    io.stderr.write(`synthstream: "${command}" is not available in this build\n`);
    return 2;
  }
  return run(rest, io);
}

// Run only as the entry point, not when imported by tests.
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`synthstream: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
