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

/** A loaded subcommand: its runner and its usage text (printed for `<command> --help`). */
interface Loaded {
  readonly run: Command | undefined;
  readonly usage: string;
}

const COMMANDS: Readonly<Record<string, () => Promise<Loaded>>> = {
  serve: () => import("./serve.js").then((m) => ({ run: m.runServe, usage: m.USAGE })),
  validate: () => import("./validate.js").then((m) => ({ run: m.runValidate, usage: m.USAGE })),
  describe: () => import("./describe.js").then((m) => ({ run: m.runDescribe, usage: m.USAGE })),
  generate: () => import("./generate.js").then((m) => ({ run: m.runGenerate, usage: m.GENERATE_USAGE })),
  export: () => import("./export.js").then((m) => ({ run: m.runExport, usage: m.USAGE })),
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
  const { run, usage } = await load();
  // `<command> --help` anywhere in its flags prints that command's usage, as users of any CLI expect.
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(usage.endsWith("\n") ? usage : `${usage}\n`);
    return 0;
  }
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
