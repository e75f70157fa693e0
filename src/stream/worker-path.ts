/**
 * stream: where the compiled batch worker lives.
 * Built code runs from dist/src/stream/ (worker at dist/workers/); under vitest the TS source runs
 * from src/stream/ and uses the build output (`npm test` builds first), since threads cannot load TS.
 */
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of dist/workers/generate-worker.js, from this module's own location. */
export function generateWorkerPath(moduleUrl: string = import.meta.url): string {
  const root = resolve(fileURLToPath(moduleUrl), "..", "..", "..");
  const dist = basename(root) === "dist" ? root : resolve(root, "dist");
  return resolve(dist, "workers", "generate-worker.js");
}
