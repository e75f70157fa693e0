/**
 * kernels/boolean: true with a fixed probability.
 * value(row) = u(row) < probability (0.5 when unset).
 */
import { Bool, makeData } from "apache-arrow";
import { uniform53 } from "../rng/hash.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { num, plainCompile } from "./params.js";

export const booleanKernel: Kernel = {
  naturalType: () => ({ name: "bool" }),
  accepts: (t) => t.name === "bool",
  compile: ({ gen }) => plainCompile(gen),
  build(col, rows) {
    const p = num(col.params, "probability", 0.5);
    const { k0, k1 } = col.key;
    const bits = new Uint8Array((rows.count + 7) >> 3);
    for (let i = 0; i < rows.count; i++) {
      if (uniform53(k0, k1, rowAt(rows, i), 0) < p) bits[i >> 3]! |= 1 << (i & 7);
    }
    return makeData({ type: new Bool(), length: rows.count, data: bits });
  },
};
