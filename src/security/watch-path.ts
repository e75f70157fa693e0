/**
 * security: file-change notification for credential and certificate files — fs.watch for speed
 * plus a periodic stat fingerprint, because fs.watch misses atomic renames and Kubernetes Secret
 * `..data` symlink swaps. (path, onChange) → close(); onChange runs only when the fingerprint moves.
 */
import { type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import { join } from "node:path";

/** A cheap identity of a file or a directory's visible files: inode, size and mtime of each. */
export function fingerprint(path: string): string {
  try {
    const st = statSync(path);
    if (!st.isDirectory()) return `${st.ino}:${st.size}:${st.mtimeMs}`;
    const parts: string[] = [];
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith(".")) continue; // Secret mounts keep their real files under ..data
      const s = statSync(join(path, name)); // follows the Secret's symlinks
      parts.push(`${name}=${s.ino}:${s.size}:${s.mtimeMs}`);
    }
    return parts.join(",");
  } catch {
    return "missing";
  }
}

/** Calls `onChange` after `paths` change; returns a function that stops watching. */
export function watchPaths(paths: readonly string[], onChange: () => void, intervalMs: number): () => void {
  let last = paths.map(fingerprint).join("|");
  const check = () => {
    const now = paths.map(fingerprint).join("|");
    if (now === last) return;
    last = now;
    onChange();
  };
  const watchers: FSWatcher[] = [];
  for (const p of paths) {
    try {
      // Debounced through the fingerprint: editors write a file in several events.
      watchers.push(watch(p, { persistent: false }, () => setTimeout(check, 20).unref()));
    } catch {
      // The periodic check still covers a path that cannot be watched (or does not exist yet).
    }
  }
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const w of watchers) w.close();
  };
}
