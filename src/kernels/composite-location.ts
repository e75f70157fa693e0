/**
 * kernels/composite: US-style contact strings — phone, street_address, zip — as bytes.
 * (key, row) → UTF-8 bytes; each part takes its own draw index of the row hash.
 */
import { rowStem, stemBelow } from "../rng/hash.js";
import { encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import { putDigits, putWord } from "./word-pool.js";

/** Writes x (0..99) as two ASCII digits at p. */
function put2(out: DataView, p: number, x: number): void {
  const t = (x / 10) | 0;
  out.setUint8(p, 48 + t);
  out.setUint8(p + 1, 48 + x - t * 10);
}

/** Writes x (0..999) as three ASCII digits at p. */
function put3(out: DataView, p: number, x: number): void {
  const h = (x / 100) | 0;
  const t = ((x - h * 100) / 10) | 0;
  out.setUint8(p, 48 + h);
  out.setUint8(p + 1, 48 + t);
  out.setUint8(p + 2, 48 + x - h * 100 - t * 10);
}

/** `(555) 123-4567` or `555-123-4567`; area codes and exchanges never start with 0 or 1 (NANP). */
export function phoneBuilder(): CompositeBuilder {
  return {
    bytesPerRow: 13,
    maxBytes: 14,
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      const area = stemBelow(s, k1, r, 1, 800) + 200;
      const exchange = stemBelow(s, k1, r, 2, 800) + 200;
      const line = stemBelow(s, k1, r, 3, 10000);
      if (stemBelow(s, k1, r, 0, 2) === 0) {
        out.setUint8(p, 40);
        put3(out, p + 1, area);
        out.setUint8(p + 4, 41);
        out.setUint8(p + 5, 32);
        p += 6;
      } else {
        put3(out, p, area);
        out.setUint8(p + 3, 45);
        p += 4;
      }
      put3(out, p, exchange);
      out.setUint8(p + 3, 45);
      const hi = (line / 10) | 0;
      put3(out, p + 4, hi);
      out.setUint8(p + 7, 48 + line - hi * 10);
      return p + 8;
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
  const nameMax = Math.max(first.maxBytes, last.maxBytes) + 1 + suffix.maxBytes;
  return {
    bytesPerRow: Math.ceil(
      6 + (first.meanBytes + last.meanBytes) / 3 + street.meanBytes / 3 + suffix.meanBytes,
    ),
    maxBytes: 6 + Math.max(street.maxBytes, nameMax),
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      const len = stemBelow(s, k1, r, 0, 3);
      const lo = len === 0 ? 100 : len === 1 ? 1000 : 10000;
      // lo + [0, 9·lo) has exactly 3, 4 or 5 digits.
      p = putDigits(out, p, lo + stemBelow(s, k1, r, 1, lo * 9));
      out.setUint8(p++, 32);
      const pattern = stemBelow(s, k1, r, 2, 3);
      if (pattern === 2) return putWord(out, p, street, stemBelow(s, k1, r, 3, street.size));
      const names = pattern === 0 ? first : last;
      p = putWord(out, p, names, stemBelow(s, k1, r, 3, names.size));
      out.setUint8(p++, 32);
      return putWord(out, p, suffix, stemBelow(s, k1, r, 4, suffix.size));
    },
  };
}

/** A five-digit ZIP code in 01000..99999. */
export function zipBuilder(): CompositeBuilder {
  return {
    bytesPerRow: 5,
    maxBytes: 5,
    write(out, p, k0, k1, r) {
      const x = stemBelow(rowStem(k0, r), k1, r, 0, 99000) + 1000;
      const top = (x / 1000) | 0;
      put2(out, p, top);
      put3(out, p + 2, x - top * 1000);
      return p + 5;
    },
  };
}
