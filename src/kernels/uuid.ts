/**
 * kernels/uuid: RFC 4122 version-4 UUID strings from four 32-bit row hashes.
 * value(row) = hex(hash(row, 0..3)) with version and variant bits set; 36 ASCII bytes per row.
 */
import { hash32 } from "../rng/hash.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { plainCompile } from "./params.js";
import { Utf8Writer } from "./utf8-writer.js";

const HEX = new TextEncoder().encode("0123456789abcdef");

function hex(w: Utf8Writer, x: number, nibbles: number): void {
  for (let s = (nibbles - 1) * 4; s >= 0; s -= 4) w.byte(HEX[(x >>> s) & 15]!);
}

export const uuidKernel: Kernel = {
  naturalType: () => ({ name: "uuid" }),
  accepts: (t) => t.name === "uuid" || t.name === "string",
  compile: ({ gen }) => plainCompile(gen),
  build(col, rows) {
    const { k0, k1 } = col.key;
    const w = new Utf8Writer(rows.count, 36);
    for (let i = 0; i < rows.count; i++) {
      const r = rowAt(rows, i);
      const a = hash32(k0, k1, r, 0);
      const b = (hash32(k0, k1, r, 1) & 0xffff0fff) | 0x00004000; // version 4
      const c = (hash32(k0, k1, r, 2) & 0x3fffffff) | 0x80000000; // variant 10xx
      const d = hash32(k0, k1, r, 3);
      hex(w, a, 8);
      w.byte(45);
      hex(w, b >>> 16, 4);
      w.byte(45);
      hex(w, b & 0xffff, 4);
      w.byte(45);
      hex(w, c >>> 16, 4);
      w.byte(45);
      hex(w, c & 0xffff, 4);
      hex(w, d, 8);
      w.end();
    }
    return w.finish();
  },
};
