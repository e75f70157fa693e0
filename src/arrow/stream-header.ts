/**
 * arrow: what opens a table's IPC stream — its schema and its fixed dictionaries.
 * (plan, table, projection) → encoded schema + dictionary messages. Computed once per stream from
 * the plan alone, so workers only ever encode record batches.
 */
import type { Utf8, Vector } from "apache-arrow";
import type { CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import { columnDictionary } from "./dictionaries.js";
import { type EncodedMessage, encodeDictionaries, encodeSchema } from "./ipc.js";
import { isDictionaryField, projectColumns, tableSchema } from "./schema.js";

/** The dictionaries of a table projection, by dictionary id. */
export function tableDictionaries(
  plan: CompiledPlan,
  table: CompiledTable,
  columns?: readonly string[],
): Map<number, Vector<Utf8>> {
  const out = new Map<number, Vector<Utf8>>();
  for (const col of projectColumns(table, columns)) {
    if (isDictionaryField(table, col)) out.set(col.index, columnDictionary(plan, table, col));
  }
  return out;
}

/** The schema message followed by one message per dictionary. */
export function encodeStreamHeader(
  plan: CompiledPlan,
  table: CompiledTable,
  columns?: readonly string[],
): EncodedMessage[] {
  return [
    encodeSchema(tableSchema(plan, table, columns)),
    ...encodeDictionaries(tableDictionaries(plan, table, columns)),
  ];
}
