/**
 * sink/manifest: what a generate run wrote → DIR/_manifest.json.
 * Written when the run starts (complete: false) and rewritten at the end; a run that is cut
 * short, by a signal or a full disk, leaves `complete: false`. Written atomically (tmp + rename).
 */
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { WrittenFile } from "./output-file.js";
import type { Compression, FileFormat } from "./sink-types.js";

/** The manifest file's name inside the output directory. */
export const MANIFEST_NAME = "_manifest.json";

/** The contents of `_manifest.json`. */
export interface Manifest {
  readonly plan: string;
  readonly planHash: string;
  readonly seed: string;
  readonly scale: number;
  readonly engineVersion: string;
  readonly format: FileFormat;
  readonly compression: Compression | null;
  readonly partitionBy: string | null;
  /** Rows per table, as planned (all files of a complete run add up to these). */
  readonly tables: Readonly<Record<string, { readonly rows: number }>>;
  readonly files: readonly WrittenFile[];
  readonly complete: boolean;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** Why the run stopped early, when it did. */
  readonly error?: string;
}

/** Writes the manifest atomically. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const path = join(dir, MANIFEST_NAME);
  await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
