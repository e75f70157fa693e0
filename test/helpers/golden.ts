/**
 * Test helper: the reference plan's golden bytes. A table generated over any batch boundaries is
 * encoded as one canonical IPC stream (one batch, its dictionaries), whose SHA-256 is pinned.
 */
import { createHash } from "node:crypto";
import { generateBatch } from "../../src/arrow/batch.js";
import { concatBatches } from "../../src/arrow/concat.js";
import { encodeStream } from "../../src/arrow/ipc.js";
import { tableDictionaries } from "../../src/arrow/stream-header.js";
import { type CompiledPlan, tableOf } from "../../src/compile/compiled-plan.js";
import { compileFixture } from "./plans.js";

/**
 * Golden SHA-256 of the reference plan's customers and orders tables as canonical IPC streams.
 * A change here changes output bytes: bump ENGINE_VERSION and record it in CHANGELOG.md.
 */
export const GOLDEN: Readonly<Record<"customers" | "orders", string>> = {
  customers: "0be65520db348da78d65bcfc3fa0d41bfe3a3ecbe1aa259f7d39384132dbe70e",
  orders: "81dba3bfca64d75be0b667466653bff3cd3de3abde7b8353abab4caf6edc7926",
};

export const plan: CompiledPlan = compileFixture("reference-plan.yaml");
const TABLE = "customers";
export const ROWS = tableOf(plan, TABLE).rows;

/** Generates the table over the given boundaries and encodes it as one canonical batch. */
export function canonicalBytes(
  p: CompiledPlan,
  bounds: readonly number[],
  columns?: string[],
  table = TABLE,
): Uint8Array {
  const batches = bounds
    .slice(0, -1)
    .map((start, i) => generateBatch(p, table, start, bounds[i + 1]! - start, columns));
  const schema = batches[0]!.schema;
  return encodeStream(schema, tableDictionaries(p, tableOf(p, table), columns), [
    concatBatches(schema, batches),
  ]);
}

export const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
