/**
 * bench: the cases `npm run bench:engine` measures, in print order.
 * Each case is one repetition of work returning the units it produced. To add a case (e.g. the
 * identity_graph plan), append it to `benchCases`; its key becomes a figure in the JSON line.
 */
import { generateBatch } from "../src/arrow/batch.js";
import type { CompiledPlan } from "../src/compile/compiled-plan.js";
import { fakerCustomers } from "./faker-naive.js";
import { customersPlan, numericPlan } from "./plans.js";
import type { BenchCase } from "./report.js";

/** Rows per generated batch. */
export const BATCH = 65_536;

/** Generates `batches` consecutive batches of a table; returns the rows made. */
export function batches(plan: CompiledPlan, table: string, count: number): number {
  let rows = 0;
  for (let b = 0; b < count; b++) rows += generateBatch(plan, table, b * BATCH, BATCH).numRows;
  return rows;
}

/** The benchmark cases, in print order. Other engineers append theirs here. */
export function benchCases(): BenchCase[] {
  const customers = customersPlan();
  const numeric = numericPlan();
  const numericTable = numeric.tables[0]!;
  const numericColumns = numericTable.columns.length;
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
      run: () => batches(numeric, numericTable.name, 16) * numericColumns,
    },
  ];
}
