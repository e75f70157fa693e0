/**
 * kernels/temporal: dates and timestamps in [start, end), shaped by hour-of-day and weekday weights
 * and a linear trend. (spec compiled once, key, row) → epoch days (date) or epoch µs, UTC
 * (timestamp). Values are pure functions of (key, row); the spec is plain data in the params.
 */
import { DateDay, makeData } from "apache-arrow";
import { elementsOf, numericData, unfilled } from "../arrow/values.js";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import type { LogicalType } from "../plan/logical-type.js";
import type { Violation } from "../plan/violation.js";
import { hash32, uniform53 } from "../rng/hash.js";
import { parseInstant } from "./calendar.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { str } from "./params.js";
import { uniform53Rows } from "./row-draws.js";
import { sampleDays, sampleMicros } from "./temporal-sample.js";
import { resolveTemporal, type TemporalSpec } from "./temporal-spec.js";

const TWO_32 = 4294967296;

function hasTime(gen: GeneratorParams, name: string): boolean {
  const t = parseInstant(str(gen, name));
  return typeof t !== "string" && t.hasTime;
}

export const temporalKernel: Kernel = {
  /** Timestamp when either bound names a time of day, else date. */
  naturalType: (gen): LogicalType => ({
    name: hasTime(gen, "start") || hasTime(gen, "end") ? "timestamp" : "date",
  }),
  accepts: (t) => t.name === "date" || t.name === "timestamp",
  compile: ({ gen, type, path }) => {
    const violations: Violation[] = [];
    const spec = resolveTemporal(gen, type.name === "timestamp", path, violations);
    return { params: spec === undefined ? gen : { ...gen, spec }, deps: [], violations };
  },
  build(col, rows, ctx) {
    const spec = col.params.spec as TemporalSpec;
    const timestamps = col.type.name === "timestamp";
    const { k0, k1 } = col.key;
    const n = rows.count;
    // Draws first, column by column (tight loops keep the hash inlined and the doubles unboxed),
    // then the sampling math turns each row's uniforms into its value in place.
    const out = unfilled(Float64Array, n);
    uniform53Rows(col.key, rows, out);
    if (!timestamps) {
      // Epoch days fit int32: written straight into the DateDay buffer (every one below).
      const days = elementsOf(Int32Array, ctx.valuesBuffer(4 * n), n);
      sampleDays(spec, out, days);
      return makeData({ type: new DateDay(), length: n, data: days });
    }
    const uh = new Float64Array(n);
    const um = new Float64Array(n);
    for (let i = 0; i < n; i++) uh[i] = hash32(k0, k1, rowAt(rows, i), 4) / TWO_32;
    for (let i = 0; i < n; i++) um[i] = uniform53(k0, k1, rowAt(rows, i), 1);
    for (let i = 0; i < n; i++) out[i] = sampleMicros(spec, out[i]!, uh[i]!, um[i]!);
    return numericData(col.type, out);
  },
};
