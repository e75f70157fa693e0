/**
 * catalog: named plans from a directory of YAML files (default: the repo's plans/).
 * name → Plan, and the list of (name, description, tables). Names are [a-z0-9_-]+ and map to
 * <dir>/<name>.yaml only, so a name can never reach outside the directory.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { parsePlanText } from "../plan/parse-plan.js";
import type { Violation } from "../plan/violation.js";

/** One catalog entry. */
export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly tables: readonly string[];
}

/** A catalog plan, missing, or present but invalid (with its violations). */
export type CatalogLoad =
  | { status: "ok"; plan: Plan }
  | { status: "not_found" }
  | { status: "invalid"; violations: Violation[] };

const NAME = /^[a-z0-9_-]+$/;

/** True for a well-formed catalog name. */
export function isCatalogName(name: string): boolean {
  return NAME.test(name) && name.length <= 128;
}

/** The repo's plans/ directory, from this module's location (src/catalog or dist/src/catalog). */
export function defaultCatalogDir(moduleUrl: string = import.meta.url): string {
  const up = resolve(fileURLToPath(moduleUrl), "..", "..", "..");
  return basename(up) === "dist" ? resolve(up, "..", "plans") : resolve(up, "plans");
}

// Parsed plans by file path, valid while the file's mtime and size are unchanged: a request
// costs one stat instead of a read and a YAML parse, and edited files are picked up at once.
const parsedFiles = new Map<string, { mtimeMs: number; size: number; load: CatalogLoad }>();

/** Loads the plan `name` from `dir`. */
export async function loadCatalogPlan(name: string, dir: string = defaultCatalogDir()): Promise<CatalogLoad> {
  if (!isCatalogName(name)) return { status: "not_found" };
  const path = resolve(dir, `${name}.yaml`);
  let text: string;
  let info: { mtimeMs: number; size: number };
  try {
    info = await stat(path);
    const hit = parsedFiles.get(path);
    if (hit !== undefined && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.load;
    text = await readFile(path, "utf8");
  } catch {
    return { status: "not_found" };
  }
  const parsed = parsePlanText(text, `${name}.yaml`);
  const load: CatalogLoad = parsed.ok
    ? { status: "ok", plan: parsed.plan }
    : { status: "invalid", violations: parsed.violations };
  if (parsedFiles.size >= 256) parsedFiles.clear();
  parsedFiles.set(path, { mtimeMs: info.mtimeMs, size: info.size, load });
  return load;
}

/** Lists the valid plans in `dir`, sorted by name; unparseable files are left out. */
export async function listCatalog(dir: string = defaultCatalogDir()): Promise<CatalogEntry[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const names = files
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -5))
    .filter(isCatalogName)
    .sort();
  const out: CatalogEntry[] = [];
  for (const name of names) {
    const load = await loadCatalogPlan(name, dir);
    if (load.status !== "ok") continue;
    out.push({ name, description: load.plan.description, tables: load.plan.tables.map((t) => t.name) });
  }
  return out;
}
