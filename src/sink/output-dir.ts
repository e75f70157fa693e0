/**
 * sink/output-dir: prepares the output directory of a generate run.
 * Existing output is never silently overwritten: a directory holding anything is refused unless
 * `overwrite` is set, which removes the old table folders and manifest (and nothing else).
 */
import { access, constants, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { MANIFEST_NAME } from "./manifest.js";

/** A plain error for an output directory that cannot be used (exit code 1 in the CLI). */
export class OutputDirError extends Error {}

/** Makes sure `dir` exists, is writable and holds no earlier output (or clears it if allowed). */
export async function prepareOutputDir(
  dir: string,
  tables: readonly string[],
  overwrite: boolean,
): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT")
      throw new OutputDirError(`cannot read output directory ${dir}: ${(e as Error).message}`);
  }
  if (entries.length > 0) {
    if (!overwrite) {
      throw new OutputDirError(
        `output directory ${dir} is not empty (${entries.length} entries); pass --overwrite to replace its contents`,
      );
    }
    const ours = new Set([MANIFEST_NAME, ...tables]);
    await Promise.all(
      entries.filter((e) => ours.has(e)).map((e) => rm(join(dir, e), { recursive: true, force: true })),
    );
  }
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (e) {
    throw new OutputDirError(`output directory ${dir} is not writable: ${(e as Error).message}`);
  }
}
