/**
 * bench: the plans the engine benchmark generates, compiled once.
 * customers (names, email template, phone, address, weighted tier) and an 8-column numeric table.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultCatalogDir } from "../src/catalog/catalog.js";
import { compilePlan } from "../src/compile/compile-plan.js";
import type { CompiledPlan } from "../src/compile/compiled-plan.js";
import { kernelFor } from "../src/kernels/registry.js";
import { parsePlanText } from "../src/plan/parse-plan.js";
import { formatViolation } from "../src/plan/violation.js";

/** Compiles YAML plan text, or throws with every violation. */
export function compileText(text: string): CompiledPlan {
  const parsed = parsePlanText(text, "bench");
  if (!parsed.ok) throw new Error(parsed.violations.map(formatViolation).join("\n"));
  const compiled = compilePlan(parsed.plan);
  if (!compiled.ok) throw new Error(compiled.violations.map(formatViolation).join("\n"));
  return compiled.plan;
}

/** The registration-date column: the temporal kernel when registered, else days as int32. */
function registered(): string {
  return kernelFor("temporal") !== undefined
    ? `{name: registered, type: date, temporal: {start: "2019-01-01", end: "2025-01-01"}}`
    : `{name: registered, type: int32, number: {uniform: {min: 17897, max: 20088}}}`;
}

/** The customers table of the benchmark (rows = 1e9: batches address any range). */
export function customersPlan(): CompiledPlan {
  return compileText(`
name: bench_customers
seed: 42
tables:
  - name: customers
    rows: 1000000000
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: first_name, semantic: {kind: first_name}}
      - {name: last_name, semantic: {kind: last_name}}
      - {name: email, template: {template: "{first_name|lower}.{last_name|lower}@{free_email}"}}
      - {name: phone, semantic: {kind: phone}}
      - {name: street, semantic: {kind: street_address}}
      - {name: city, semantic: {kind: city}}
      - {name: state, semantic: {kind: state_abbr}}
      - {name: zip, semantic: {kind: zip}}
      - ${registered()}
      - {name: tier, categorical: {values: [Bronze, Silver, Gold, Platinum], weights: [60, 25, 10, 5]}}
`);
}

/**
 * The 8-column numeric table (#2, #3, #4): the catalog's `numeric` plan (plans/numeric.yaml), the
 * same table bench:stream and bench:flight stream, so every numeric figure is of one table.
 */
export function numericPlan(): CompiledPlan {
  return compileText(readFileSync(join(defaultCatalogDir(), "numeric.yaml"), "utf8"));
}
