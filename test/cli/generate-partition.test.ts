/**
 * `generate --partition-by`: Hive folders per value or per day (ymd / date layouts), every row in
 * the folder its value names, and the union of the parts equal to the unpartitioned table.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/sink/manifest.js";
import { cli, duck, tempDir, writePlan } from "../sink/helpers.js";

let work: string;
let planPath: string;

beforeAll(() => {
  work = tempDir("synthstream-part-");
  planPath = writePlan(work);
});

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "_manifest.json"), "utf8")) as Manifest;

describe("generate --partition-by", () => {
  it("COLUMN: one folder per value, rows match their folder, other tables unpartitioned", async () => {
    const out = join(work, "by-tier");
    const r = await cli([
      planPath,
      "--out",
      out,
      "--format",
      "parquet",
      "--partition-by",
      "tier",
      "--workers",
      "0",
    ]);
    expect(r.stderr).toContain("total");
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, "customers")).sort()).toEqual([
      "tier=Bronze",
      "tier=Go%22ld",
      "tier=Sil,ver",
      "tier=multi%0Aline",
    ]);
    expect(readdirSync(join(out, "events"))).toEqual(["part-00000.parquet"]);
    const rows = await duck(
      `select tier, count(*)::int as n, count(distinct filename)::int as files
       from read_parquet('${out}/customers/*/*.parquet', filename = true) group by tier order by tier`,
    );
    expect(rows.reduce((n, r) => n + (r.n as number), 0)).toBe(2500);
    expect(rows.every((r) => r.files === 1)).toBe(true);
    // Each file holds only its folder's value.
    const mismatched = await duck(
      `select count(*)::int as bad from read_parquet('${out}/customers/*/*.parquet', filename = true)
       where filename not like '%tier=' || replace(replace(tier, '"', '%22'), chr(10), '%0A') || '/%'`,
    );
    expect(mismatched).toEqual([{ bad: 0 }]);
    expect(
      manifest(out)
        .files.filter((f) => f.path.startsWith("customers/"))
        .reduce((n, f) => n + f.rows, 0),
    ).toBe(2500);
  });

  it("date:COLUMN with the ymd layout: year=/month=/day= folders holding their day's rows", async () => {
    const out = join(work, "by-day");
    const r = await cli([
      planPath,
      "--out",
      out,
      "--format",
      "csv",
      "--tables",
      "customers",
      "--partition-by",
      "date:seen_at",
      "--workers",
      "0",
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, "customers"))).toEqual(["year=2026"]);
    expect(readdirSync(join(out, "customers/year=2026"))).toEqual(["month=01"]);
    expect(readdirSync(join(out, "customers/year=2026/month=01")).sort()).toEqual(["day=01", "day=02"]);
    const rows = await duck(
      `select year, month, day, count(*)::int as n, count(*) filter (where strftime(seen_at, '%d') <> day)::int as wrong
       from read_csv('${out}/customers/*/*/*/*.csv', hive_partitioning = true, hive_types_autocast = false)
       group by all order by day`,
    );
    expect(rows.map((r) => [r.year, r.month, r.day, r.wrong])).toEqual([
      ["2026", "01", "01", 0],
      ["2026", "01", "02", 0],
    ]);
    expect(rows.reduce((n, r) => n + (r.n as number), 0)).toBe(2500);
  });

  it("date:COLUMN with --date-layout date: date=YYYY-MM-DD folders; union equals the plain table", async () => {
    const out = join(work, "by-date");
    const plain = join(work, "plain");
    const r = await cli([
      planPath,
      "--out",
      out,
      "--format",
      "ndjson",
      "--tables",
      "customers",
      "--partition-by",
      "date:signup",
      "--date-layout",
      "date",
      "--workers",
      "0",
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, "customers")).sort()).toEqual(
      ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"].map((d) => `date=${d}`),
    );
    expect(
      (
        await cli([
          planPath,
          "--out",
          plain,
          "--format",
          "ndjson",
          "--tables",
          "customers",
          "--workers",
          "0",
          "--quiet",
        ])
      ).code,
    ).toBe(0);
    const diff = await duck(
      `select count(*)::int as n from (
         (select * exclude (date) from read_json('${out}/customers/*/*.ndjson', hive_partitioning = true)
          except all select * from read_json('${plain}/customers/*.ndjson'))
         union all
         (select * from read_json('${plain}/customers/*.ndjson')
          except all select * exclude (date) from read_json('${out}/customers/*/*.ndjson', hive_partitioning = true)))`,
    );
    expect(diff).toEqual([{ n: 0 }]);
  });
});
