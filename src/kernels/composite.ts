/**
 * kernels/composite: strings assembled as UTF-8 bytes per row (email, phone, address, zip, ...).
 * (column, rows) → Utf8 Data; every part of a value is drawn from the row hash with its own draw
 * index, so the value is a pure function of (key, row).
 */
import type { Data } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import { below } from "../rng/hash.js";
import type { Rows } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { str } from "./params.js";
import { Utf8Writer } from "./utf8-writer.js";

/** Semantic kinds built as bytes rather than dictionaries. */
export const COMPOSITE_KINDS: readonly string[] = ["zip", "ipv4"];

/** Builds a composite semantic column. */
export function buildComposite(col: CompiledColumn, rows: Rows): Data {
  const kind = str(col.params, "kind");
  const { k0, k1 } = col.key;
  const w = new Utf8Writer(rows.count, 16);
  for (let i = 0; i < rows.count; i++) {
    const r = rowAt(rows, i);
    switch (kind) {
      case "zip":
        w.digits(below(k0, k1, r, 0, 99000) + 1000, 5);
        break;
      case "ipv4":
        w.digits(below(k0, k1, r, 0, 223) + 1).byte(46).digits(below(k0, k1, r, 1, 256)).byte(46);
        w.digits(below(k0, k1, r, 2, 256)).byte(46).digits(below(k0, k1, r, 3, 254) + 1);
        break;
      default:
        throw new Error(`composite kind "${kind}" has no builder`);
    }
    w.end();
  }
  return w.finish();
}
