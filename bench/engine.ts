/**
 * bench: `npm run bench:engine` — single-thread engine throughput, side by side with naive faker.
 * Prints a table of medians, then ONE final line of JSON with the named figures.
 * Add cases to `benchCases` (e.g. identity_graph); derived ratios are computed in `figures`.
 */
import { availableParallelism, loadavg } from "node:os";
import { generateBatch } from "../src/arrow/batch.js";
import type { CompiledPlan } from "../src/compile/compiled-plan.js";
import { fakerCustomers } from "./faker-naive.js";
import { customersPlan, numericPlan } from "./plans.js";
import { type BenchCase, type BenchResult, formatTable, measure } from "./report.js";

const BATCH = 65_536;
const REPS = Number(process.env.BENCH_REPS ?? 5);

/** Generates `batches` consecutive batches of a table; returns the rows made. */
function batches(plan: CompiledPlan, table: string, count: number): number {
  let rows = 0;
  for (let b = 0; b < count; b++) rows += generateBatch(plan, table, b * BATCH, BATCH).numRows;
  return rows;
}

/** The benchmark cases, in print order. Other engineers append theirs here. */
export function benchCases(): BenchCase[] {
  const customers = customersPlan();
  const numeric = numericPlan();
  const numericColumns = numeric.tables[0]!.columns.length;
  return [
    {
      key: "customers_rows_per_s",
      label: "customers, synthstream Arrow (1 thread)",
      unit: "rows",
      run: () => batches(customers, "customers", 8),
    },
    {
      key: "faker_naive_rows_per_s",
      label: "customers, naive @faker-js/faker objects",
      unit: "rows",
      run: () => fakerCustomers(20_000).length,
    },
    {
      key: "numeric_cells_per_s",
      label: `numeric ${numericColumns} columns (1 thread)`,
      unit: "cells",
      run: () => batches(numeric, "facts", 16) * numericColumns,
    },
  ];
}

/** Named figures for the JSON line, including derived ratios. */
function figures(results: readonly BenchResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.key] = Math.round(r.perSecond);
  const c = out.customers_rows_per_s;
  const cpu = Object.fromEntries(
    results.map((r) => [r.key.replace(/_per_s$/, "_per_cpu_s"), Math.round(r.perCpuSecond)]),
  );
  const f = out.faker_naive_rows_per_s;
  if (c !== undefined && f !== undefined && f > 0) out.customers_vs_faker = Math.round((c / f) * 10) / 10;
  // CPU-time figures follow: on a shared machine they show what one uncontended core would do.
  return { ...out, ...cpu };
}

function main(): void {
  const results = benchCases().map((c) => measure(c, REPS, 2));
  console.log(
    `synthstream engine bench — ${REPS} reps (median), batch ${BATCH} rows, one thread, node ${process.version}, ` +
      `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores\n`,
  );
  console.log(formatTable(results));
  const figs = figures(results);
  if (figs.customers_vs_faker !== undefined)
    console.log(`\ncustomers vs naive faker: ${figs.customers_vs_faker}×`);
  console.log(JSON.stringify(figs));
}

main();
