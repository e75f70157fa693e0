/**
 * kernels/composite: person-shaped strings — full_name, email, company — as bytes.
 * (key, row) → UTF-8 bytes written at a position. Each part (first, last, style, suffix, domain)
 * takes its own draw index of the row hash, so a value is a pure function of (key, row).
 */
import { rowStem, stemBelow } from "../rng/hash.js";
import { encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import { putDigits, putWord } from "./word-pool.js";

/** `First Last` from the locale's name lists. */
export function fullNameBuilder(locale: string): CompositeBuilder {
  const first = encodedList("first_name", locale);
  const last = encodedList("last_name", locale);
  return {
    bytesPerRow: Math.ceil(first.meanBytes + last.meanBytes + 1),
    maxBytes: first.maxBytes + 1 + last.maxBytes,
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      p = putWord(out, p, first, stemBelow(s, k1, r, 0, first.size));
      out.setUint8(p++, 32);
      return putWord(out, p, last, stemBelow(s, k1, r, 1, last.size));
    },
  };
}

/**
 * `first.last@gmail.com`, `first_last42@…`, `flast@lastname.biz`: lowercased ASCII labels, a
 * two-digit suffix on one value in four, and a free-mail domain or a surname-based company domain.
 */
export function emailBuilder(locale: string): CompositeBuilder {
  const first = encodedList("first_name", locale, "label");
  const last = encodedList("last_name", locale, "label");
  const free = encodedList("free_email", locale);
  const tld = encodedList("domain_suffix", locale, "label");
  const domainMax = Math.max(free.maxBytes, last.maxBytes + 1 + tld.maxBytes);
  return {
    bytesPerRow: Math.ceil(first.meanBytes + last.meanBytes + free.meanBytes + 3),
    maxBytes: first.maxBytes + 1 + last.maxBytes + 2 + 1 + domainMax,
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      const f = stemBelow(s, k1, r, 0, first.size);
      const l = stemBelow(s, k1, r, 1, last.size);
      const style = stemBelow(s, k1, r, 2, 4);
      // Labels are never empty, so the initial is always there.
      if (style === 3) out.setUint8(p++, first.bytes[first.offsets[f]!]!);
      else p = putWord(out, p, first, f);
      if (style === 0) out.setUint8(p++, 46);
      else if (style === 1) out.setUint8(p++, 95);
      p = putWord(out, p, last, l);
      const suffix = stemBelow(s, k1, r, 3, 400);
      if (suffix < 100) p = putDigits(out, p, suffix);
      out.setUint8(p++, 64);
      const d = stemBelow(s, k1, r, 4, free.size + 1);
      if (d < free.size) return putWord(out, p, free, d);
      p = putWord(out, p, last, stemBelow(s, k1, r, 5, last.size));
      out.setUint8(p++, 46);
      return putWord(out, p, tld, stemBelow(s, k1, r, 6, tld.size));
    },
  };
}

/** Faker's company patterns: `Last Inc`, `Last - Last`, `Last, Last and Last`. */
export function companyBuilder(locale: string): CompositeBuilder {
  const last = encodedList("last_name", locale);
  const legal = encodedList("company_suffix", locale);
  const L = last.maxBytes;
  return {
    bytesPerRow: Math.ceil(2 * last.meanBytes + 6),
    maxBytes: L + Math.max(1 + legal.maxBytes, 3 + L, 2 + L + 5 + L),
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      const pattern = stemBelow(s, k1, r, 0, 3);
      p = putWord(out, p, last, stemBelow(s, k1, r, 1, last.size));
      if (pattern === 0) {
        out.setUint8(p++, 32);
        return putWord(out, p, legal, stemBelow(s, k1, r, 4, legal.size));
      }
      if (pattern === 1) {
        out.setUint8(p, 32);
        out.setUint8(p + 1, 45);
        out.setUint8(p + 2, 32);
        return putWord(out, p + 3, last, stemBelow(s, k1, r, 2, last.size));
      }
      out.setUint8(p, 44);
      out.setUint8(p + 1, 32);
      p = putWord(out, p + 2, last, stemBelow(s, k1, r, 2, last.size));
      // " and "
      out.setUint8(p, 32);
      out.setUint8(p + 1, 97);
      out.setUint8(p + 2, 110);
      out.setUint8(p + 3, 100);
      out.setUint8(p + 4, 32);
      return putWord(out, p + 5, last, stemBelow(s, k1, r, 3, last.size));
    },
  };
}
