import { readFile, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCatalogDir } from "../../src/catalog/catalog.js";
import type { CompiledPlan } from "../../src/compile/compiled-plan.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { compileCatalog, generateChunks, openDuckDb, writeParquet } from "./helpers.js";

const SCALE = 0.01; // 1,000 customers, ~4,000 orders
const q = (s: string) => `"${s}"`;
const isCopy = (alias: string) => `coalesce(${alias}._defects, '') LIKE '%_row:%'`;

describe("ecommerce_bronze against ecommerce", () => {
  let clean: CompiledPlan;
  let bronze: CompiledPlan;
  const dirs: string[] = [];
  let db: Awaited<ReturnType<typeof openDuckDb>>;

  beforeAll(async () => {
    clean = await compileCatalog("ecommerce", SCALE);
    bronze = await compileCatalog("ecommerce_bronze", SCALE);
    const c = await writeParquet(clean, await generateChunks(clean, 0));
    const b = await writeParquet(bronze, await generateChunks(bronze, 777));
    dirs.push(c, b);
    db = await openDuckDb([
      { dir: c, schema: "clean", plan: clean },
      { dir: b, schema: "bronze", plan: bronze },
    ]);
    // Bronze rows that are not duplicate copies, numbered like the clean rows they came from.
    for (const t of bronze.tables.filter((x) => x.defects !== undefined))
      await db.con.run(
        `CREATE VIEW bronze.${q(`${t.name}_originals`)} AS SELECT row_number() OVER (ORDER BY file_row_number) - 1 AS k, * FROM bronze.${q(t.name)} b WHERE NOT ${isCopy("b")}`,
      );
  }, 60_000);
  afterAll(async () => {
    db?.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("is the ecommerce plan plus defect profiles, with the same seed and table names", async () => {
    const read = async (n: string) => {
      const p = parsePlanText(await readFile(`${defaultCatalogDir()}/${n}.yaml`, "utf8"));
      if (!p.ok) throw new Error(n);
      return p.plan;
    };
    const a = await read("ecommerce");
    const b = await read("ecommerce_bronze");
    expect(b.seed).toBe(a.seed);
    expect(b.tables.filter((t) => t.defects !== undefined).map((t) => t.name)).toEqual([
      "customers",
      "orders",
    ]);
    for (const t of b.tables) t.defects = undefined;
    expect(b.tables).toEqual(a.tables);
  });

  it("injects every defect at its configured rate (binomial, 5σ)", async () => {
    const seen: string[] = [];
    for (const t of bronze.tables) {
      const p = t.defects;
      if (p === undefined) continue;
      const cleanRows = clean.tables.find((x) => x.name === t.name)!.rows;
      const within = (got: number, base: number, rate: number, what: string) => {
        const sd = Math.sqrt(base * rate * (1 - rate));
        expect(Math.abs(got - base * rate), `${what}: ${got} of ${base} at ${rate}`).toBeLessThan(5 * sd + 2);
        seen.push(what);
      };
      const label = (item: string) =>
        db.scalar(`SELECT count(*) FROM bronze.${q(t.name)} WHERE coalesce(_defects, '') LIKE '%${item}%'`);
      if (p.duplicateRate > 0)
        within(await label("_row:duplicate"), cleanRows, p.duplicateRate, `${t.name} duplicates`);
      if (p.nearDuplicateRate > 0)
        within(
          await label("_row:near_duplicate"),
          cleanRows,
          p.nearDuplicateRate,
          `${t.name} near duplicates`,
        );
      for (const d of p.defects) {
        // Defects only land on cells whose clean value is present; count over the originals.
        const base = await db.scalar(
          `SELECT count(*) FROM bronze.${q(`${t.name}_originals`)} b JOIN clean.${q(t.name)} c ON c.file_row_number = b.k WHERE c.${q(d.column)} IS NOT NULL`,
        );
        const got = await db.scalar(
          `SELECT count(*) FROM bronze.${q(`${t.name}_originals`)} WHERE coalesce(_defects, '') LIKE '%${d.column}:${d.kind}%'`,
        );
        within(got, base, d.rate, `${t.name}.${d.column}:${d.kind}`);
      }
    }
    expect(seen.length).toBe(4 + 8 + 6 - 1); // orders has no near duplicates
  });

  it("gives the clean tables back exactly once labelled copies and cells are dropped", async () => {
    for (const t of bronze.tables) {
      const c = clean.tables.find((x) => x.name === t.name)!;
      if (t.defects === undefined) {
        const diff = `SELECT * EXCLUDE (file_row_number) FROM clean.${q(t.name)} EXCEPT ALL SELECT * EXCLUDE (file_row_number) FROM bronze.${q(t.name)}`;
        expect(await db.scalar(`SELECT count(*) FROM (${diff})`), t.name).toBe(0);
        expect(await db.scalar(`SELECT count(*) FROM bronze.${q(t.name)}`), t.name).toBe(c.rows);
        continue;
      }
      expect(await db.scalar(`SELECT count(*) FROM bronze.${q(`${t.name}_originals`)}`), t.name).toBe(c.rows);
      const text = new Set(t.defects.textColumns);
      for (const col of c.columns.filter((x) => !x.omit)) {
        const b = `b.${q(col.name)}`;
        const asClean =
          text.has(col.name) && col.type.name === "timestamp"
            ? `TRY_CAST(${b} AS TIMESTAMPTZ)`
            : text.has(col.name) && col.type.name === "date"
              ? `TRY_CAST(${b} AS DATE)`
              : `CAST(${b} AS VARCHAR)`;
        const want = asClean.startsWith("CAST") ? `CAST(c.${q(col.name)} AS VARCHAR)` : `c.${q(col.name)}`;
        const where = `NOT coalesce(b._defects, '') LIKE '%${col.name}:%'`;
        const join = `FROM bronze.${q(`${t.name}_originals`)} b JOIN clean.${q(t.name)} c ON c.file_row_number = b.k`;
        const compared = await db.scalar(`SELECT count(*) ${join} WHERE ${where}`);
        expect(compared, `${t.name}.${col.name}`).toBeGreaterThan(c.rows * 0.9);
        expect(
          await db.scalar(`SELECT count(*) ${join} WHERE ${where} AND ${asClean} IS DISTINCT FROM ${want}`),
          `${t.name}.${col.name}`,
        ).toBe(0);
        // And labelled cells really differ from the clean value. Not asserted for case and typo: a
        // case change of a caseless value, or a swap of two equal letters, can leave it unchanged.
        expect(
          await db.scalar(
            `SELECT count(*) ${join} WHERE NOT (${where}) AND ${asClean} IS NOT DISTINCT FROM ${want} AND coalesce(b._defects, '') NOT SIMILAR TO '.*${col.name}:(case|typo).*'`,
          ),
          `${t.name}.${col.name} labelled but unchanged`,
        ).toBe(0);
      }
    }
  });
});
