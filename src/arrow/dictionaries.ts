/**
 * arrow: the stable dictionary vector of a dictionary-encoded column.
 * (plan, table, column) → Vector<Utf8>, memoized so every batch of a stream shares one dictionary
 * object; the values are a pure function of the plan, so every worker builds the same bytes.
 */
import { makeData, makeVector, Utf8, type Vector } from "apache-arrow";
import type { CompiledColumn, CompiledPlan, CompiledTable } from "../compile/compiled-plan.js";
import { requireKernel } from "../kernels/registry.js";

const MAX_ENTRIES = 512;
const memo = new Map<string, Vector<Utf8>>();
const encoder = new TextEncoder();

/** Builds a Utf8 vector from strings without builders. */
export function utf8Vector(values: readonly string[]): Vector<Utf8> {
  const encoded = values.map((v) => encoder.encode(v));
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  encoded.forEach((b, i) => {
    total += b.length;
    offsets[i + 1] = total;
  });
  const bytes = new Uint8Array(total);
  encoded.forEach((b, i) => {
    bytes.set(b, offsets[i]!);
  });
  return makeVector(
    makeData({ type: new Utf8(), length: values.length, valueOffsets: offsets, data: bytes }),
  );
}

/** The column's dictionary, shared by every batch of the same plan. */
export function columnDictionary(
  plan: CompiledPlan,
  table: CompiledTable,
  col: CompiledColumn,
): Vector<Utf8> {
  const key = `${plan.planHash}/${plan.seed}/${table.name}/${col.name}`;
  let v = memo.get(key);
  if (v === undefined) {
    v = utf8Vector(requireKernel(col.kind).dictionaryValues?.(col) ?? []);
    if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value!);
    memo.set(key, v);
  }
  return v;
}
