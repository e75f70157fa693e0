/**
 * bench: the cases `npm run bench:engine` measures, in print order.
 * A case names its figure and makes its repetition: `make` builds what the case needs (plans,
 * tables) in the process that runs it and returns one repetition, which returns the units it
 * produced. To add a case (e.g. the identity_graph plan), append it to `benchCases`; its key becomes
 * a figure in the JSON line.
 */
import { generateBatch } from "../src/arrow/batch.js";
import type { CompiledPlan } from "../src/compile/compiled-plan.js";
import { fakerCustomers } from "./faker-naive.js";
import { customersPlan, numericPlan } from "./plans.js";

/** Rows per generated batch. */
export const BATCH = 65_536;

/** One benchmark case: its figure's key and label, and how to make one repetition. */
export interface BenchCase {
  /** Key of the figure in the final JSON line, e.g. "customers_rows_per_s". */
  readonly key: string;
  readonly label: string;
  /** What a repetition produces: rows, cells. */
  readonly unit: string;
  /** Builds the case's inputs and returns one repetition, which returns the units it produced. */
  make(): () => number;
}

/** Generates `batches` consecutive batches of a table; returns the rows made. */
export function batches(plan: CompiledPlan, table: string, count: number): number {
  let rows = 0;
  for (let b = 0; b < count; b++) rows += generateBatch(plan, table, b * BATCH, BATCH).numRows;
  return rows;
}

/** The benchmark cases, in print order. Other engineers append theirs here. */
export function benchCases(): BenchCase[] {
  const numericColumns = numericPlan().tables[0]!.columns.length;
  return [
    {
      key: "customers_rows_per_s",
      label: "customers, synthstream Arrow (1 thread)",
      unit: "rows",
      make() {
        const customers = customersPlan();
        return () => batches(customers, "customers", 8);
      },
    },
    {
      key: "faker_naive_rows_per_s",
      label: "customers, naive @faker-js/faker objects",
      unit: "rows",
      make: () => () => fakerCustomers(20_000).length,
    },
    {
      key: "numeric_cells_per_s",
      label: `numeric ${numericColumns} columns (1 thread)`,
      unit: "cells",
      make() {
        const numeric = numericPlan();
        const table = numeric.tables[0]!;
        return () => batches(numeric, table.name, 16) * table.columns.length;
      },
    },
  ];
}
