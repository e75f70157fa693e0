import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { buildDdl, buildModel } from "../../src/export/index.js";
import { compileCatalog } from "../catalog-integrity/helpers.js";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("../../scripts/ensure-postgres.sh", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PLANS: Record<string, number> = {
  ecommerce: 0.003,
  ecommerce_bronze: 0.003,
  retail_star: 0.005,
  identity_graph: 0.001,
  tpch: 0.001,
};

const quiet = { write: () => true };

/** Writes a catalog plan's tables as CSV with the CLI (main thread, no workers). */
async function writeCsv(name: string, scale: number, dir: string): Promise<void> {
  const code = await main(
    [
      "generate",
      name,
      "--out",
      dir,
      "--format",
      "csv",
      "--scale",
      String(scale),
      "--workers",
      "0",
      "--quiet",
    ],
    { stdout: quiet, stderr: process.stderr, env: process.env, cwd: ROOT },
  );
  if (code !== 0) throw new Error(`generate ${name} exited ${code}`);
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "ddl-load-"));
  for (const [name, scale] of Object.entries(PLANS)) await writeCsv(name, scale, join(work, name));
}, 120_000);
afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe("PostgreSQL DDL", () => {
  const env: Record<string, string> = {};
  const asPg = (cmd: string, args: string[]) =>
    process.getuid?.() === 0 ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args);
  const psql = (db: string, args: string[]) =>
    run(join(env.PGBIN!, "psql"), [
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-h",
      env.PGHOST!,
      "-p",
      env.PGPORT!,
      "-U",
      env.PGUSER!,
      "-d",
      db,
      ...args,
    ]);

  beforeAll(async () => {
    const { stdout } = await run("bash", [SCRIPT], { timeout: 600_000 });
    for (const line of stdout.trim().split("\n")) {
      const [k, v] = line.split("=");
      if (k !== undefined && v !== undefined) env[k] = v;
    }
  }, 600_000);
  afterAll(async () => {
    if (env.PGDATA !== undefined) {
      await asPg(join(env.PGBIN!, "pg_ctl"), ["-D", env.PGDATA, "-m", "immediate", "stop"]).catch(() => {});
      await rm(join(env.PGDATA, ".."), { recursive: true, force: true });
    }
  });

  for (const [name, scale] of Object.entries(PLANS))
    it(`${name}: the DDL loads and its CSV data loads with every constraint on`, async () => {
      const plan = await compileCatalog(name, scale);
      const model = buildModel(plan);
      const script = [
        buildDdl(model, "postgres"),
        ...plan.tables.map(
          (t) =>
            `\\copy "${t.name}" FROM '${join(work, name, t.name, "part-00000.csv")}' WITH (FORMAT csv, HEADER true)`,
        ),
      ].join("\n");
      const file = join(work, `${name}.pg.sql`);
      await writeFile(file, script);
      await psql("postgres", ["-c", `CREATE DATABASE ${name}`]);
      await psql(name, ["-f", file]);
      const count = async (sql: string) => Number((await psql(name, ["-At", "-c", sql])).stdout.trim());
      for (const t of plan.tables)
        expect(await count(`SELECT count(*) FROM "${t.name}"`), t.name).toBe(t.rows);
      const fks = model.tables
        .filter((t) => !t.bronze)
        .flatMap((t) => t.foreignKeys.filter((f) => !model.tables.find((x) => x.name === f.table)!.bronze));
      expect(
        await count(
          "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
        ),
      ).toBe(fks.length);
      expect(
        await count(
          "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace",
        ),
      ).toBe(model.tables.filter((t) => !t.bronze && t.primaryKey !== "").length);
      if (fks.length > 0) {
        // The constraints are live: a row pointing at a missing parent is refused.
        const f = fks[0]!;
        const t = model.tables.find((x) => x.foreignKeys.includes(f))!;
        await expect(
          psql(name, [
            "-c",
            `UPDATE "${t.name}" SET "${f.column}" = -987654 WHERE "${f.column}" IS NOT NULL`,
          ]),
        ).rejects.toThrow(/foreign key/);
      }
    });
});

describe("DuckDB DDL", () => {
  for (const [name, scale] of Object.entries(PLANS))
    it(`${name}: the DDL loads and its CSV data loads with every constraint on`, async () => {
      const plan = await compileCatalog(name, scale);
      const model = buildModel(plan);
      const instance = await DuckDBInstance.create(":memory:");
      const con = await instance.connect();
      try {
        await con.run(buildDdl(model, "duckdb"));
        for (const t of plan.tables)
          await con.run(
            `COPY "${t.name}" FROM '${join(work, name, t.name, "part-00000.csv")}' (FORMAT csv, HEADER true)`,
          );
        for (const t of plan.tables) {
          const r = (await con.runAndReadAll(`SELECT count(*) AS n FROM "${t.name}"`)).getRowObjectsJS();
          expect(Number(r[0]!.n), t.name).toBe(t.rows);
        }
        const fkCount = (
          await con.runAndReadAll(
            "SELECT count(*) AS n FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'",
          )
        ).getRowObjectsJS();
        const expected = model.tables
          .filter((t) => !t.bronze)
          .flatMap((t) => t.foreignKeys.filter((f) => !model.tables.find((x) => x.name === f.table)!.bronze));
        expect(Number(fkCount[0]!.n)).toBe(expected.length);
      } finally {
        con.closeSync();
      }
    });
});
