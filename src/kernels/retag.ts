/**
 * kernels: columns that copy another column's values (foreign keys, lookups).
 * Source Data → the same values under this column's Arrow type: dictionary indices keep their
 * values but take this column's dictionary id, so every field of a stream owns its dictionary.
 */
import { type Data, Dictionary, Int32, makeData, Utf8 } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import { type LogicalType, typeText } from "../plan/logical-type.js";
import type { Violation } from "../plan/violation.js";
import type { BatchContext } from "./kernel.js";
import { requireKernel } from "./registry.js";

/** The compiled source column a copying column resolved at compile time. */
export function copiedSource(col: CompiledColumn): CompiledColumn | undefined {
  const t = col.params.target as CompiledColumn | null | undefined;
  return t ?? undefined;
}

/** The source's dictionary values, if the source is dictionary-encoded. */
export function copiedDictionary(col: CompiledColumn): readonly string[] {
  const t = copiedSource(col);
  return t === undefined ? [] : (requireKernel(t.kind).dictionaryValues?.(t) ?? []);
}

/** A copy must keep its source's type: values are not converted. */
export function copyCheck(source: CompiledColumn | undefined, type: LogicalType, path: string): Violation[] {
  if (source === undefined || typeText(source.type) === typeText(type)) return [];
  return [
    {
      path,
      message: `type mismatch: "${source.name}" is ${typeText(source.type)}, but this column is ${typeText(type)} (leave type empty to copy it)`,
    },
  ];
}

/** Re-tags copied Data with this column's dictionary (a no-op for plain types). */
export function retag(data: Data, col: CompiledColumn, ctx: BatchContext): Data {
  if (data.dictionary === undefined) return data;
  return makeData({
    type: new Dictionary(new Utf8(), new Int32(), col.index),
    length: data.length,
    nullCount: data.nullCount,
    nullBitmap: data.nullBitmap,
    data: data.values as Int32Array,
    dictionary: ctx.dictionary(col),
  });
}
