/**
 * cli: what a subcommand gets from the process — argv aside — so tests can run it in-process.
 * Every subcommand is `run(argv, io) → exit code`; only main.ts touches `process`.
 */

/** Output streams and environment of one CLI invocation. */
export interface CliIo {
  readonly stdout: { write(text: string | Uint8Array): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
