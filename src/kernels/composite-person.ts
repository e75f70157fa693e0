/**
 * kernels/composite: person-shaped strings — full_name, email, company — as bytes.
 * (key, row) → UTF-8 bytes appended to a Utf8Writer. Each part (first, last, style, suffix,
 * domain) takes its own draw index of the row hash, so a value is a pure function of (key, row).
 */
import { rowStem, stemBelow } from "../rng/hash.js";
import { ascii, encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";

/** `First Last` from the locale's name lists. */
export function fullNameBuilder(locale: string): CompositeBuilder {
  const first = encodedList("first_name", locale);
  const last = encodedList("last_name", locale);
  return {
    bytesPerRow: 16,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      w.bytesOf(first[stemBelow(s, k1, r, 0, first.length)]!).byte(32);
      w.bytesOf(last[stemBelow(s, k1, r, 1, last.length)]!);
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
  return {
    bytesPerRow: 28,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      const f = first[stemBelow(s, k1, r, 0, first.length)]!;
      const l = last[stemBelow(s, k1, r, 1, last.length)]!;
      const style = stemBelow(s, k1, r, 2, 4);
      if (style === 3) w.byte(f[0]!);
      else w.bytesOf(f);
      if (style === 0) w.byte(46);
      else if (style === 1) w.byte(95);
      w.bytesOf(l);
      const suffix = stemBelow(s, k1, r, 3, 400);
      if (suffix < 100) w.digits(suffix);
      w.byte(64);
      const d = stemBelow(s, k1, r, 4, free.length + 1);
      if (d < free.length) w.bytesOf(free[d]!);
      else
        w.bytesOf(last[stemBelow(s, k1, r, 5, last.length)]!)
          .byte(46)
          .bytesOf(tld[stemBelow(s, k1, r, 6, tld.length)]!);
    },
  };
}

/** Faker's company patterns: `Last Inc`, `Last - Last`, `Last, Last and Last`. */
export function companyBuilder(locale: string): CompositeBuilder {
  const last = encodedList("last_name", locale);
  const legal = encodedList("company_suffix", locale);
  const dash = ascii(" - ");
  const comma = ascii(", ");
  const and = ascii(" and ");
  return {
    bytesPerRow: 24,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      const pattern = stemBelow(s, k1, r, 0, 3);
      w.bytesOf(last[stemBelow(s, k1, r, 1, last.length)]!);
      if (pattern === 0) {
        w.byte(32).bytesOf(legal[stemBelow(s, k1, r, 4, legal.length)]!);
      } else if (pattern === 1) {
        w.bytesOf(dash).bytesOf(last[stemBelow(s, k1, r, 2, last.length)]!);
      } else {
        w.bytesOf(comma).bytesOf(last[stemBelow(s, k1, r, 2, last.length)]!);
        w.bytesOf(and).bytesOf(last[stemBelow(s, k1, r, 3, last.length)]!);
      }
    },
  };
}
