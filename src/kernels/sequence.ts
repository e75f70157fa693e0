/**
 * kernels/sequence: start, start + step, ... — the classic surrogate key.
 * value(row) = start + step · row. Exact below 2^53.
 */

import { numericData } from "../arrow/values.js";
import { isNumeric } from "../plan/logical-type.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { num, plainCompile } from "./params.js";

export const sequenceKernel: Kernel = {
  naturalType: () => ({ name: "int64" }),
  accepts: (t) => isNumeric(t) || t.name === "string",
  compile: ({ gen }) => plainCompile(gen),
  build(col, rows) {
    const start = num(col.params, "start", 1);
    const step = num(col.params, "step", 1);
    const out = new Float64Array(rows.count);
    for (let i = 0; i < rows.count; i++) out[i] = start + step * rowAt(rows, i);
    return numericData(col.type, out);
  },
};
