/**
 * bench: per-column build time of a plan's first table, to find the slow kernel.
 * Run: node dist/bench/profile-columns.js <plan.yaml|catalog-name> [table] [rows].
 */
import { readFileSync } from "node:fs";
import { createBatchContext } from "../src/arrow/batch.js";
import { loadCatalogPlan } from "../src/catalog/catalog.js";
import { compilePlan } from "../src/compile/compile-plan.js";
import { parsePlanText } from "../src/plan/parse-plan.js";

const [source = "numeric", tableName, rowsArg] = process.argv.slice(2);
async function load() {
  if (source.endsWith(".yaml")) {
    const parsed = parsePlanText(readFileSync(source, "utf8"));
    return parsed.ok ? parsed.plan : undefined;
  }
  const hit = await loadCatalogPlan(source);
  return hit.status === "ok" ? hit.plan : undefined;
}
const plan = await load();
if (plan === undefined) throw new Error(`cannot load ${source}`);
const compiled = compilePlan(plan);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.violations));
const table = compiled.plan.tables.find((t) => t.name === tableName) ?? compiled.plan.tables[0]!;
const n = Number(rowsArg ?? 65536);
for (let rep = 0; rep < 4; rep++) {
  const parts: string[] = [];
  let total = 0;
  for (const c of table.columns) {
    const t0 = performance.now();
    createBatchContext(compiled.plan, table, { start: rep * n, count: n }).column(c.name);
    const ms = performance.now() - t0;
    total += ms;
    parts.push(`${c.name} ${(((n / ms) * 1e3) / 1e6).toFixed(1)}M/s`);
  }
  console.log(`${table.name}: ${(((n / total) * 1e3) / 1e6).toFixed(2)} M rows/s | ${parts.join(", ")}`);
}
