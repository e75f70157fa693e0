/**
 * The built CLI as a child process, for what only a real process shows: `<command> --help` prints
 * that command's usage and exits 0; a full disk (stdout on /dev/full, or --out on a 1 MiB tmpfs)
 * ends with exit 1 and one clear line naming the failure — no stack trace, no half-written part
 * left under its final name, and a manifest that says the run is incomplete.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const MAIN = resolve(import.meta.dirname, "../../dist/src/cli/main.js");

function runCli(args: string[], stdout: "pipe" | number = "pipe") {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    stdio: ["ignore", stdout, "pipe"],
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr };
}

describe("synthstream CLI (child process)", () => {
  it("<command> --help prints that command's usage and exits 0", () => {
    for (const command of ["serve", "validate", "describe", "generate", "export"]) {
      const r = runCli([command, "--help"]);
      expect(r.code, command).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: synthstream ${command}`));
    }
  });

  it("stdout on a full device: exit 1 and one line naming ENOSPC, no stack trace", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = runCli(
        ["generate", "customers", "--format", "arrow", "--rows", "200000", "--workers", "0"],
        full,
      );
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(
        "synthstream generate: writing the Arrow stream to stdout failed: ENOSPC: no space left on device, write (disk full)",
      );
    } finally {
      closeSync(full);
    }
  });

  it.skipIf(process.getuid?.() !== 0)(
    "--out on a full filesystem: exit 1, unfinished part removed, manifest incomplete",
    () => {
      const mnt = mkdtempSync(join(tmpdir(), "synthstream-full-"));
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt]);
      try {
        const out = join(mnt, "out");
        const r = runCli([
          "generate",
          "customers",
          "--format",
          "parquet",
          "--rows",
          "200000",
          "--workers",
          "0",
          "--out",
          out,
        ]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          /ENOSPC: no space left on device.*\(disk full; unfinished files were removed\)/,
        );
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(readdirSync(join(out, "customers"))).toEqual([]);
        const manifest = JSON.parse(readFileSync(join(out, "_manifest.json"), "utf8")) as {
          complete: boolean;
        };
        expect(manifest.complete).toBe(false);
      } finally {
        execFileSync("umount", [mnt]);
        if (existsSync(mnt)) rmSync(mnt, { recursive: true, force: true });
      }
    },
  );
});
