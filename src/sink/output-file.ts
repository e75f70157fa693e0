/**
 * sink: one output file written as `<path>.tmp` and renamed into place on success.
 * bytes → disk, counting bytes and hashing (SHA-256) as they pass, awaiting each write so memory
 * stays bounded. A file that is never committed is removed: no half-written file keeps its name.
 */
import { createHash, type Hash } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";

/** What a finished file holds, as the manifest records it. */
export interface WrittenFile {
  /** Path relative to the output directory, with `/` separators. */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** An open `.tmp` file. */
export interface OutputFile {
  readonly path: string;
  write(bytes: Uint8Array): Promise<void>;
  /** Closes, renames `.tmp` to its final name and returns (bytes, sha256). */
  commit(): Promise<{ bytes: number; sha256: string }>;
  /** Closes and removes the `.tmp` file; safe to call more than once. */
  discard(): Promise<void>;
}

/** Opens `<path>.tmp` for writing (creating parent folders). */
export async function openOutputFile(path: string): Promise<OutputFile> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const handle: FileHandle = await open(tmp, "w");
  const hash: Hash = createHash("sha256");
  let bytes = 0;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    path,
    async write(chunk) {
      if (chunk.byteLength === 0) return;
      let off = 0;
      while (off < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, off, chunk.byteLength - off);
        off += bytesWritten;
      }
      hash.update(chunk);
      bytes += chunk.byteLength;
    },
    async commit() {
      await handle.sync();
      await close();
      await rename(tmp, path);
      return { bytes, sha256: hash.digest("hex") };
    },
    async discard() {
      await close().catch(() => undefined);
      await rm(tmp, { force: true });
    },
  };
}
