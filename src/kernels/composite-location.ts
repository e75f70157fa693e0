/**
 * kernels/composite: US-style contact strings — phone, street_address, zip — as bytes.
 * (batch draws) → UTF-8 bytes; each part takes its own draw index of the row hash.
 */
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
    fill(w, d) {
      const paren = d.below(0, 2);
      const area = d.below(1, 800);
      const exchange = d.below(2, 800);
      const line = d.below(3, 10000);
      w.fillRows(d.n, 14, (out, p, i) => {
        if (paren[i] === 0) {
          out.setUint8(p, 40);
          put3(out, p + 1, area[i]! + 200);
          out.setUint8(p + 4, 41);
          out.setUint8(p + 5, 32);
          p += 6;
        } else {
          put3(out, p, area[i]! + 200);
          out.setUint8(p + 3, 45);
          p += 4;
        }
        put3(out, p, exchange[i]! + 200);
        out.setUint8(p + 3, 45);
        const x = line[i]!;
        const hi = (x / 10) | 0;
        put3(out, p + 4, hi);
        out.setUint8(p + 7, 48 + x - hi * 10);
        return p + 8;
      });
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
  const byPattern = [first, last, street];
  const nameMax = Math.max(first.maxBytes, last.maxBytes) + 1 + suffix.maxBytes;
  const maxBytes = 6 + Math.max(street.maxBytes, nameMax);
  return {
    bytesPerRow: Math.ceil(
      6 + (first.meanBytes + last.meanBytes) / 3 + street.meanBytes / 3 + suffix.meanBytes,
    ),
    maxBytes,
    fill(w, d) {
      const n = d.n;
      // Draw 0: 3, 4 or 5 digits; draw 1: the number, lo + [0, 9·lo) with lo = 100, 1000, 10000.
      const len = d.below(0, 3);
      const spans = new Int32Array(n);
      for (let i = 0; i < n; i++) spans[i] = len[i] === 0 ? 900 : len[i] === 1 ? 9000 : 90000;
      const number = d.belowEach(1, spans);
      // Draw 2: first name + suffix, last name + suffix, or a street name; draw 3 picks the word.
      const pattern = d.below(2, 3);
      const sizes = new Int32Array(n);
      for (let i = 0; i < n; i++) sizes[i] = byPattern[pattern[i]!]!.size;
      const word = d.belowEach(3, sizes);
      // Draw 4: the suffix, only for name patterns.
      for (let i = 0; i < n; i++) sizes[i] = pattern[i] === 2 ? 0 : suffix.size;
      const suffixes = d.belowEach(4, sizes);
      w.fillRows(n, maxBytes, (out, p, i) => {
        p = putDigits(out, p, spans[i]! / 9 + number[i]!);
        out.setUint8(p++, 32);
        const k = pattern[i]!;
        p = putWord(out, p, byPattern[k]!, word[i]!);
        if (k === 2) return p;
        out.setUint8(p++, 32);
        return putWord(out, p, suffix, suffixes[i]!);
      });
    },
  };
}

/** A five-digit ZIP code in 01000..99999. */
export function zipBuilder(): CompositeBuilder {
  return {
    bytesPerRow: 5,
    maxBytes: 5,
    fill(w, d) {
      const zip = d.below(0, 99000);
      w.fillRows(d.n, 5, (out, p, i) => {
        const x = zip[i]! + 1000;
        const top = (x / 1000) | 0;
        put2(out, p, top);
        put3(out, p + 2, x - top * 1000);
        return p + 5;
      });
    },
  };
}
