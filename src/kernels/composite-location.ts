/**
 * kernels/composite: US-style contact strings — phone, street_address, zip — as bytes.
 * (batch draws) → UTF-8 bytes; each part takes its own draw index of the row hash.
 */
import { encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import { DIGITS3, DIGITS4 } from "./digit-tables.js";
import { putWord } from "./word-pool.js";

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
      let p = w.position;
      let out = w.room(p, 14);
      let limit = w.limit(14);
      for (let i = 0; i < d.n; i++) {
        if (p > limit) {
          out = w.room(p, 14);
          limit = w.limit(14);
        }
        // Both shapes at once, with no branch on the coin: "(AAA) " is "AAA-" shifted by one byte
        // and two longer. The shorter shape overwrites the bytes it does not use.
        const f = 1 - paren[i]!;
        out.setUint8(p, 40);
        out.setInt32(p + f, DIGITS3[area[i]! + 200]! | ((45 - 4 * f) << 24), true);
        out.setUint8(p + 5, 32);
        const q = p + 4 + 2 * f;
        out.setInt32(q, DIGITS3[exchange[i]! + 200]! | (45 << 24), true);
        out.setInt32(q + 4, DIGITS4[line[i]!]!, true);
        p = q + 8;
        w.endAt(p);
      }
    },
  };
}

/** Building numbers have 3, 4 or 5 digits: span[len] numbers from span[len] / 9 up. */
const NUMBER_SPANS = Int32Array.of(900, 9000, 90000);

/**
 * Writes v (100..99999, `digits` = 3..5 of them) and a space at p, as two 32-bit stores of its
 * zero-padded five digits shifted past the leading zeros; returns the end position.
 */
function putNumberSpace(out: DataView, p: number, v: number, digits: number): number {
  const top = (v / 10000) | 0;
  const low4 = DIGITS4[v - top * 10000]!;
  const w0 = (48 + top) | (low4 << 8);
  const w1 = (low4 >>> 24) | (32 << 8);
  const s = (5 - digits) * 8;
  out.setInt32(p, (w0 >>> s) | ((w1 << (31 - s)) << 1), true);
  out.setInt32(p + 4, w1 >>> s, true);
  return p + digits + 1;
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
  const patternSizes = Int32Array.of(first.size, last.size, street.size);
  const suffixSizes = Int32Array.of(suffix.size, suffix.size, 0);
  const hasSuffix = Int32Array.of(1, 1, 0);
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
      const spans = d.scratch();
      for (let i = 0; i < n; i++) spans[i] = NUMBER_SPANS[len[i]!]!;
      const number = d.belowEach(1, spans);
      // Draw 2: first name + suffix, last name + suffix, or a street name; draw 3 picks the word.
      const pattern = d.below(2, 3);
      const sizes = d.scratch();
      for (let i = 0; i < n; i++) sizes[i] = patternSizes[pattern[i]!]!;
      const word = d.belowEach(3, sizes);
      // Draw 4: the suffix, only for name patterns.
      for (let i = 0; i < n; i++) sizes[i] = suffixSizes[pattern[i]!]!;
      const suffixes = d.belowEach(4, sizes);
      // A street name is written with a suffix too, then cut before it (no branch on the
      // pattern): the reservation covers that suffix. Plain loops rather than fillRows here and
      // above: a per-row closure call costs as much as the bytes.
      const max = maxBytes + 1 + suffix.maxBytes;
      let p = w.position;
      for (let i = 0; i < n; i++) {
        const out = w.room(p, max);
        const k = pattern[i]!;
        p = putNumberSpace(out, p, spans[i]! / 9 + number[i]!, 3 + len[i]!);
        p = putWord(out, p, byPattern[k]!, word[i]!);
        out.setUint8(p, 32);
        const end = putWord(out, p + 1, suffix, suffixes[i]!);
        p += (end - p) * hasSuffix[k]!;
        w.endAt(p);
      }
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
      let p = w.position;
      let out = w.room(p, 5);
      let limit = w.limit(5);
      for (let i = 0; i < d.n; i++) {
        if (p > limit) {
          out = w.room(p, 5);
          limit = w.limit(5);
        }
        const x = zip[i]! + 1000;
        const q = (x / 10) | 0;
        out.setInt32(p, DIGITS4[q]!, true);
        out.setUint8(p + 4, 48 + x - q * 10);
        p += 5;
        w.endAt(p);
      }
    },
  };
}
