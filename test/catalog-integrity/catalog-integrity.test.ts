import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCatalog } from "../../src/catalog/catalog.js";
import type { CompiledPlan } from "../../src/compile/compiled-plan.js";
import { buildModel, type PlanModel } from "../../src/export/model.js";
import { compileCatalog, generateChunks, normalisedBytes, openDuckDb, writeParquet } from "./helpers.js";

/** Every catalog plan, at a scale that generates in about a second. */
const SCALES: Record<string, number> = {
  customers: 0.01,
  numeric: 0.001,
  ecommerce: 0.005,
  ecommerce_bronze: 0.005,
  retail_star: 0.01,
  identity_graph: 0.002,
  tpch: 0.001,
};

/** Plan-specific SQL that must return 0 rows' worth (a count of violations). */
const CHECKS: Record<string, Record<string, string>> = {
  ecommerce: {
    "subtotal = Σ quantity·unit_price": `SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, sum(quantity * unit_price) s, count(*) n FROM order_items GROUP BY order_id) i USING (order_id) WHERE o.subtotal IS DISTINCT FROM i.s OR o.item_count IS DISTINCT FROM i.n`,
    "total = subtotal − discount":
      "SELECT count(*) FROM orders WHERE total <> subtotal - discount OR discount < 0 OR discount > subtotal",
    "line_total = quantity·unit_price":
      "SELECT count(*) FROM order_items WHERE line_total <> quantity * unit_price",
    "unit_price = the product's price":
      "SELECT count(*) FROM order_items i JOIN products p USING (product_id) WHERE i.unit_price <> p.price",
    "orders after the customer's signup":
      "SELECT count(*) FROM orders o JOIN customers c USING (customer_id) WHERE o.ordered_at <= c.registered_at",
    "shipping address = customer's":
      "SELECT count(*) FROM orders o JOIN customers c USING (customer_id) WHERE o.ship_street <> c.street OR o.ship_zip <> c.zip",
  },
  retail_star: {
    "order_total = Σ net_amount": `SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, sum(net_amount) s, count(*) n FROM transactions GROUP BY order_id) t USING (order_id) WHERE o.order_total IS DISTINCT FROM t.s OR o.item_count IS DISTINCT FROM t.n`,
    "net = quantity·price − discount":
      "SELECT count(*) FROM transactions WHERE net_amount <> quantity * unit_price - discount_amount OR (promotion_id IS NULL AND discount_amount <> 0)",
    "returns name returned orders, later":
      "SELECT count(*) FROM returns r JOIN orders o USING (order_id) WHERE o.status <> 'returned' OR r.return_date <= o.order_date",
    "order_date from the date dimension":
      "SELECT count(*) FROM orders o JOIN dates d USING (date_id) WHERE o.order_date <> d.date",
    "cost below price": "SELECT count(*) FROM products WHERE cost >= price",
    "promotions end after they start": "SELECT count(*) FROM promotions WHERE end_date <= start_date",
    "dates are consecutive days":
      "SELECT count(*) FROM dates WHERE date <> DATE '2020-01-01' + (date_id - 1)::INTEGER OR is_weekend <> (dayofweek(date) IN (0, 6))",
  },
  identity_graph: {
    "household size = count of individuals (1–10)": `SELECT count(*) FROM households h LEFT JOIN (SELECT household_id, count(*) n FROM individuals GROUP BY household_id) i USING (household_id) WHERE h.size IS DISTINCT FROM i.n OR h.size NOT BETWEEN 1 AND 10`,
    "campaign outcomes = Σ exposures": `SELECT count(*) FROM campaigns c JOIN (SELECT campaign_id, count(*) n, sum(CASE WHEN clicked THEN 1 ELSE 0 END) k, sum(cost) s FROM campaign_exposures GROUP BY campaign_id) e USING (campaign_id) WHERE c.impressions <> e.n OR c.clicks <> e.k OR c.spend <> e.s`,
    "exposures inside the flight start":
      "SELECT count(*) FROM campaign_exposures e JOIN campaigns c USING (campaign_id) WHERE e.exposed_at < c.start_date",
    "responses follow clicked exposures":
      "SELECT count(*) FROM responses r JOIN campaign_exposures e USING (exposure_id) WHERE NOT e.clicked OR r.responded_at <= e.exposed_at",
    "durations only on views":
      "SELECT count(*) FROM engagements WHERE (event = 'view') <> (duration_seconds IS NOT NULL)",
  },
  tpch: {
    "5 regions, 25 nations, 5 per region":
      "SELECT (SELECT count(*) FROM region) - 5 + (SELECT count(*) FROM nation) - 25 + (SELECT count(*) FROM (SELECT n_regionkey FROM nation GROUP BY 1 HAVING count(*) <> 5))",
    "o_totalprice = Σ lines": `SELECT count(*) FROM orders o JOIN (SELECT l_orderkey, sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)) s FROM lineitem GROUP BY 1) l ON l.l_orderkey = o.o_orderkey WHERE abs(o.o_totalprice - l.s) > 0.01`,
    "line numbers 1..n":
      "SELECT count(*) FROM (SELECT l_orderkey, min(l_linenumber) a, max(l_linenumber) b, count(*) n, count(DISTINCT l_linenumber) d FROM lineitem GROUP BY 1) WHERE a <> 1 OR b <> n OR d <> n",
    "orderstatus from linestatus": `SELECT count(*) FROM orders o JOIN (SELECT l_orderkey, bool_and(l_linestatus = 'F') f, bool_and(l_linestatus = 'O') op FROM lineitem GROUP BY 1) l ON l.l_orderkey = o.o_orderkey WHERE o.o_orderstatus <> CASE WHEN l.f THEN 'F' WHEN l.op THEN 'O' ELSE 'P' END`,
    "ship after order, receipt after ship":
      "SELECT count(*) FROM lineitem l JOIN orders o ON o.o_orderkey = l.l_orderkey WHERE l.l_shipdate <= o.o_orderdate OR l.l_receiptdate <= l.l_shipdate",
    "extendedprice = quantity·retailprice":
      "SELECT count(*) FROM lineitem l JOIN part p ON p.p_partkey = l.l_partkey WHERE l.l_extendedprice <> l.l_quantity * p.p_retailprice",
  },
};

const q = (s: string) => `"${s}"`;
/** A bronze duplicate copy. */
const isCopy = "coalesce(_defects, '') LIKE '%_row:%'";

async function structuralViolations(db: Awaited<ReturnType<typeof openDuckDb>>, model: PlanModel) {
  const bad: Record<string, number> = {};
  for (const t of model.tables) {
    const copies = t.bronze ? ` WHERE NOT (${isCopy})` : "";
    if (t.primaryKey !== "") {
      bad[`${t.name}: unique, non-null ${t.primaryKey}`] = await db.scalar(
        `SELECT count(*) - count(DISTINCT ${q(t.primaryKey)}) + count(*) - count(${q(t.primaryKey)}) FROM (SELECT * FROM ${q(t.name)}${copies})`,
      );
    }
    for (const f of t.foreignKeys) {
      const orphan = `c.${q(f.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(f.table)} p WHERE p.${q(f.refColumn)} = c.${q(f.column)})`;
      // Bronze: the orphans are exactly the labelled ones.
      bad[`${t.name}.${f.column} → ${f.table}: orphans`] = t.bronze
        ? await db.scalar(
            `SELECT count(*) FROM ${q(t.name)} c WHERE (${orphan}) <> (coalesce(_defects, '') LIKE '%${f.column}:orphan%')`,
          )
        : await db.scalar(`SELECT count(*) FROM ${q(t.name)} c WHERE ${orphan}`);
      if (f.via === "per_parent" && t.parent !== undefined) {
        const parent = model.tables.find((x) => x.name === f.table)!;
        const clean = (alias: string, m: { bronze: boolean }) =>
          m.bronze ? ` AND NOT coalesce(${alias}._defects, '') LIKE '%_row:%'` : "";
        bad[`${t.name} per ${f.table} within [${t.parent.min}, ${t.parent.max}]`] = await db.scalar(
          `SELECT count(*) FROM (SELECT p.${q(f.refColumn)}, count(c.${q(f.column)}) n FROM ${q(f.table)} p LEFT JOIN ${q(t.name)} c ON c.${q(f.column)} = p.${q(f.refColumn)}${clean("c", t)} WHERE true${clean("p", parent)} GROUP BY 1) WHERE n < ${t.parent.min} OR n > ${t.parent.max}`,
        );
      }
    }
  }
  return bad;
}

describe("catalog integrity", () => {
  it("covers every catalog plan", async () => {
    const names = (await listCatalog()).map((p) => p.name).sort();
    expect(names).toEqual(Object.keys(SCALES).sort());
  });

  for (const [name, scale] of Object.entries(SCALES)) {
    describe(name, () => {
      let plan: CompiledPlan;
      let dir: string;
      let db: Awaited<ReturnType<typeof openDuckDb>>;
      beforeAll(async () => {
        plan = await compileCatalog(name, scale);
      });
      afterAll(async () => {
        db?.close();
        if (dir !== undefined) await rm(dir, { recursive: true, force: true });
      });

      it("gives identical bytes per table for three batchings", async () => {
        const a = await generateChunks(plan, 0);
        const base = normalisedBytes(plan, a);
        for (const rows of [333, 4099]) {
          const other = normalisedBytes(plan, await generateChunks(plan, rows));
          for (const [table, bytes] of base) expect(Buffer.compare(other.get(table)!, bytes), table).toBe(0);
        }
        for (const t of plan.tables) expect(base.get(t.name)!.byteLength, t.name).toBeGreaterThan(0);
        dir = await writeParquet(plan, a);
        db = await openDuckDb([{ dir, schema: "main", plan }]);
      });

      it("has unique keys, no unlabelled orphans, and child counts within bounds (DuckDB)", async () => {
        const model = buildModel(plan);
        for (const t of model.tables)
          expect(await db.scalar(`SELECT count(*) FROM ${q(t.name)}`), t.name).toBe(t.rows);
        const bad = await structuralViolations(db, model);
        expect(Object.keys(bad).length).toBeGreaterThan(0);
        expect(bad).toEqual(Object.fromEntries(Object.keys(bad).map((k) => [k, 0])));
      });

      const checks = CHECKS[name] ?? {};
      if (Object.keys(checks).length > 0)
        it("keeps aggregates, lookups and time order consistent (DuckDB)", async () => {
          const bad: Record<string, number> = {};
          for (const [what, sql] of Object.entries(checks)) bad[what] = await db.scalar(sql);
          expect(bad).toEqual(Object.fromEntries(Object.keys(checks).map((k) => [k, 0])));
          // Negative control: the same queries do see violations when the invariant is broken.
          const broken = Object.values(checks)[0]!.replace(/<>|IS DISTINCT FROM|<=/, "=");
          expect(await db.scalar(broken)).toBeGreaterThan(0);
        });
    });
  }
});
