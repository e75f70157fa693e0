/** Runs `synthstream serve` from source in a child process (vite-node), for fuzz tests against the current code. */
import { processIo } from "../../src/cli/io.js";
import { runServe } from "../../src/cli/serve.js";

process.exit(await runServe(process.argv.slice(2), processIo()));
