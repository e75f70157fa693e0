/**
 * `synthstream generate` end to end, in-process (--workers 0): real files read back by pyarrow
 * and DuckDB and compared with the engine's Arrow stream; manifest checksums; refusal to
 * overwrite; flag and plan errors; Arrow IPC on stdout.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/sink/manifest.js";
import {
  cli,
  duck,
  pyCompare,
  referenceStream,
  SHOP_PLAN,
  tempDir,
  testPython,
  writePlan,
} from "../sink/helpers.js";

let work: string;
let planPath: string;
let refPath: string;
let python: string | undefined;

beforeAll(async () => {
  work = tempDir();
  planPath = writePlan(work);
  refPath = join(work, "customers.arrows");
  writeFileSync(refPath, await referenceStream(SHOP_PLAN, "customers"));
  python = await testPython();
}, 900_000);

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "_manifest.json"), "utf8")) as Manifest;
}

describe.each(["parquet", "arrow", "csv", "ndjson"] as const)("generate --format %s", (format) => {
  it("writes every table, equal to the Arrow stream, with a manifest whose checksums match", async () => {
    const out = join(work, `out-${format}`);
    const r = await cli([planPath, "--out", out, "--format", format, "--workers", "0"]);
    expect(r.stderr).toContain("total");
    expect(r.code).toBe(0);
    const ext = format;
    expect(readdirSync(join(out, "customers"))).toEqual([`part-00000.${ext}`]);
    expect(readdirSync(join(out, "events"))).toEqual([`part-00000.${ext}`]);
    const m = manifestOf(out);
    expect(m.complete).toBe(true);
    expect(m.plan).toBe("shop");
    expect(m.format).toBe(format);
    expect(m.tables).toEqual({ customers: { rows: 2500 }, events: { rows: 1200 } });
    expect(m.files.map((f) => [f.path, f.rows])).toEqual([
      [`customers/part-00000.${ext}`, 2500],
      [`events/part-00000.${ext}`, 1200],
    ]);
    for (const f of m.files) {
      const bytes = readFileSync(join(out, f.path));
      expect(bytes.byteLength).toBe(f.bytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
    }
    const file = join(out, `customers/part-00000.${ext}`);
    if (python !== undefined) {
      const cmp = await pyCompare(python, refPath, format, [file]);
      expect(cmp.detail).toBe("");
      expect(cmp).toMatchObject({ equal: true, rows: 2500 });
    }
    if (format !== "arrow") {
      const reader =
        format === "parquet"
          ? `read_parquet('${file}')`
          : format === "csv"
            ? `read_csv('${file}')`
            : `read_json('${file}')`;
      const ref = tableFromIPC(readFileSync(refPath));
      const [row] = await duck(
        `select count(*)::bigint as n, sum(id)::bigint as ids, count(city)::bigint as cities, sum(age)::bigint as ages from ${reader}`,
      );
      const ids = ref.getChild("id")!.toArray() as BigInt64Array;
      const ages = ref.getChild("age")!.toArray() as Int32Array;
      expect(row).toEqual({
        n: "2500",
        ids: String(ids.reduce((a, b) => a + b, 0n)),
        cities: String(ref.getChild("city")!.length - ref.getChild("city")!.nullCount),
        ages: String(ages.reduce((a, b) => a + b, 0)),
      });
    }
  }, 120_000);
});

describe("generate output rules", () => {
  it("refuses to overwrite existing output without --overwrite, and replaces it with", async () => {
    const out = join(work, "again");
    expect((await cli([planPath, "--out", out, "--format", "csv", "--workers", "0", "--quiet"])).code).toBe(
      0,
    );
    const second = await cli([planPath, "--out", out, "--format", "csv", "--workers", "0"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(out);
    expect(second.stderr).toContain("--overwrite");
    const third = await cli([
      planPath,
      "--out",
      out,
      "--format",
      "ndjson",
      "--workers",
      "0",
      "--overwrite",
      "--quiet",
    ]);
    expect(third.code).toBe(0);
    expect(third.stderr).toBe("");
    expect(readdirSync(join(out, "customers"))).toEqual(["part-00000.ndjson"]);
  });

  it("--tables and --rows: only the named table, scaled so the largest table has N rows", async () => {
    const out = join(work, "rows");
    const r = await cli([
      planPath,
      "--out",
      out,
      "--format",
      "parquet",
      "--tables",
      "events",
      "--rows",
      "5000",
      "--workers",
      "0",
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, "customers"))).toBe(false);
    // customers (2500) is the largest table: scale 2, so events gets 2400.
    expect(manifestOf(out).tables).toEqual({ events: { rows: 2400 } });
    const [row] = await duck(
      `select count(*)::int as n from read_parquet('${join(out, "events/*.parquet")}')`,
    );
    expect(row).toEqual({ n: 2400 });
  });

  it("--format arrow --out - writes the table's Arrow IPC stream to stdout, byte for byte", async () => {
    const r = await cli([planPath, "--format", "arrow", "--tables", "customers", "--workers", "0"]);
    expect(r.code).toBe(0);
    expect(Buffer.from(r.stdout).equals(readFileSync(refPath))).toBe(true);
    const many = await cli([planPath, "--format", "arrow", "--out", "-", "--workers", "0"]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("--tables");
  });
});

describe("generate errors", () => {
  it.each([
    [["--format", "parquet", "--out", "x", "--bogus"], "Unknown option '--bogus'"],
    [["--format", "xml", "--out", "x"], "--format must be one of"],
    [["--format", "csv"], "missing --out"],
    [["--format", "csv", "--out", "x", "--scale", "2", "--rows", "5"], "exclude each other"],
    [["--format", "csv", "--out", "x", "--workers", "-1"], "--workers"],
  ])("bad flags %j → usage on stderr, exit 2", async (flags, message) => {
    const r = await cli([planPath, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("usage: synthstream generate");
  });

  it("a bad plan → every violation with its field path, exit 2, nothing written", async () => {
    const bad = writePlan(
      work,
      `name: bad\ntables:\n  - name: t\n    rows: 10\n    columns:\n      - {name: a, type: nope, sequence: {}}\n      - {name: b, categorical: {values: []}}\n`,
      "bad.yaml",
    );
    const out = join(work, "bad-out");
    const r = await cli([bad, "--out", out, "--format", "csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tables[0].columns[0]");
    expect(r.stderr).toContain("tables[0].columns[1]");
    expect(existsSync(out)).toBe(false);
  });

  it("an unknown table or partition column → exit 2 naming it", async () => {
    const t = await cli([planPath, "--out", join(work, "u1"), "--format", "csv", "--tables", "nope"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('tables[0]: unknown table "nope"');
    const p = await cli([
      planPath,
      "--out",
      join(work, "u2"),
      "--format",
      "csv",
      "--partition-by",
      "date:age",
    ]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain("not a date or timestamp");
  });

  it("an unwritable output directory → exit 1 with its path", async () => {
    const blocker = join(work, "a-file");
    writeFileSync(blocker, "x");
    const r = await cli([planPath, "--out", join(blocker, "sub"), "--format", "csv", "--workers", "0"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(blocker, "sub"));
  });
});
