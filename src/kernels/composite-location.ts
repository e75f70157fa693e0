/**
 * kernels/composite: US-style contact strings — phone, street_address, zip — as bytes.
 * (key, row) → UTF-8 bytes; each part takes its own draw index of the row hash.
 */
import { rowStem, stemBelow } from "../rng/hash.js";
import { encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";

/** Writes x (0..999) as three ASCII digits at p. */
function put3(out: Uint8Array, p: number, x: number): void {
  const h = (x / 100) | 0;
  const t = ((x - h * 100) / 10) | 0;
  out[p] = 48 + h;
  out[p + 1] = 48 + t;
  out[p + 2] = 48 + x - h * 100 - t * 10;
}

/** `(555) 123-4567` or `555-123-4567`; area codes and exchanges never start with 0 or 1 (NANP). */
export function phoneBuilder(): CompositeBuilder {
  return {
    bytesPerRow: 14,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      const area = stemBelow(s, k1, r, 1, 800) + 200;
      const exchange = stemBelow(s, k1, r, 2, 800) + 200;
      const line = stemBelow(s, k1, r, 3, 10000);
      const paren = stemBelow(s, k1, r, 0, 2) === 0;
      // Fixed width (14 or 12 bytes): one reservation, then direct writes.
      const out = w.claim(14);
      let p = w.position;
      if (paren) {
        out[p] = 40;
        put3(out, p + 1, area);
        out[p + 4] = 41;
        out[p + 5] = 32;
        p += 6;
      } else {
        put3(out, p, area);
        out[p + 3] = 45;
        p += 4;
      }
      put3(out, p, exchange);
      out[p + 3] = 45;
      const hi = (line / 10) | 0;
      put3(out, p + 4, hi);
      out[p + 7] = 48 + line - hi * 10;
      w.advance(p + 8 - w.position);
    },
  };
}

/**
 * `1234 Maple Avenue`: a 3–5 digit building number, then a first or last name with a street
 * suffix, or a ready-made street name (faker's street patterns).
 */
export function streetAddressBuilder(locale: string): CompositeBuilder {
  const first = encodedList("first_name", locale);
  const last = encodedList("last_name", locale);
  const suffix = encodedList("street_suffix", locale);
  const street = encodedList("street_name", locale);
  return {
    bytesPerRow: 24,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      const len = stemBelow(s, k1, r, 0, 3);
      const lo = len === 0 ? 100 : len === 1 ? 1000 : 10000;
      w.digits(lo + stemBelow(s, k1, r, 1, lo * 9)).byte(32);
      const pattern = stemBelow(s, k1, r, 2, 3);
      if (pattern === 2) {
        w.bytesOf(street[stemBelow(s, k1, r, 3, street.length)]!);
        return;
      }
      const names = pattern === 0 ? first : last;
      w.bytesOf(names[stemBelow(s, k1, r, 3, names.length)]!).byte(32);
      w.bytesOf(suffix[stemBelow(s, k1, r, 4, suffix.length)]!);
    },
  };
}

/** A five-digit ZIP code in 01000..99999. */
export function zipBuilder(): CompositeBuilder {
  return {
    bytesPerRow: 5,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      w.digits(stemBelow(s, k1, r, 0, 99000) + 1000, 5);
    },
  };
}
