/**
 * kernels/composite: person-shaped strings — full_name, email, company — as bytes.
 * (batch draws) → UTF-8 bytes per row. Each part (first, last, style, suffix, domain) takes its
 * own draw index of the row hash, so a value is a pure function of (key, row).
 */
import { encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import { putDigits, putWord } from "./word-pool.js";

/** `First Last` from the locale's name lists. */
export function fullNameBuilder(locale: string): CompositeBuilder {
  const first = encodedList("first_name", locale);
  const last = encodedList("last_name", locale);
  const maxBytes = first.maxBytes + 1 + last.maxBytes;
  return {
    bytesPerRow: Math.ceil(first.meanBytes + last.meanBytes + 1),
    maxBytes,
    fill(w, d) {
      const f = d.below(0, first.size);
      const l = d.below(1, last.size);
      w.fillRows(d.n, maxBytes, (out, p, i) => {
        p = putWord(out, p, first, f[i]!);
        out.setUint8(p++, 32);
        return putWord(out, p, last, l[i]!);
      });
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
  const maxBytes = first.maxBytes + 1 + last.maxBytes + 2 + 1 + domainMax;
  return {
    bytesPerRow: Math.ceil(first.meanBytes + last.meanBytes + free.meanBytes + 3),
    maxBytes,
    fill(w, d) {
      const n = d.n;
      const f = d.below(0, first.size);
      const l = d.below(1, last.size);
      const style = d.below(2, 4);
      const suffix = d.below(3, 400);
      const domain = d.below(4, free.size + 1);
      // Draws 5 and 6 (company domain) only where draw 4 chose it.
      const sizes = d.scratch();
      for (let i = 0; i < n; i++) sizes[i] = domain[i] === free.size ? last.size : 0;
      const company = d.belowEach(5, sizes);
      for (let i = 0; i < n; i++) sizes[i] = domain[i] === free.size ? tld.size : 0;
      const suffixTld = d.belowEach(6, sizes);
      // A plain loop rather than fillRows: the per-row closure call cost as much as the bytes.
      let p = w.position;
      for (let i = 0; i < n; i++) {
        const out = w.room(p, maxBytes);
        const s = style[i]!;
        // Labels are never empty, so the initial is always there.
        if (s === 3) out.setUint8(p++, first.bytes[first.offsets[f[i]!]!]!);
        else p = putWord(out, p, first, f[i]!);
        if (s === 0) out.setUint8(p++, 46);
        else if (s === 1) out.setUint8(p++, 95);
        p = putWord(out, p, last, l[i]!);
        if (suffix[i]! < 100) p = putDigits(out, p, suffix[i]!);
        out.setUint8(p++, 64);
        if (domain[i]! < free.size) p = putWord(out, p, free, domain[i]!);
        else {
          p = putWord(out, p, last, company[i]!);
          out.setUint8(p++, 46);
          p = putWord(out, p, tld, suffixTld[i]!);
        }
        w.endAt(p);
      }
    },
  };
}

/** Faker's company patterns: `Last Inc`, `Last - Last`, `Last, Last and Last`. */
export function companyBuilder(locale: string): CompositeBuilder {
  const last = encodedList("last_name", locale);
  const legal = encodedList("company_suffix", locale);
  const L = last.maxBytes;
  const maxBytes = L + Math.max(1 + legal.maxBytes, 3 + L, 2 + L + 5 + L);
  return {
    bytesPerRow: Math.ceil(2 * last.meanBytes + 6),
    maxBytes,
    fill(w, d) {
      const n = d.n;
      const pattern = d.below(0, 3);
      const head = d.below(1, last.size);
      const sizes = d.scratch();
      for (let i = 0; i < n; i++) sizes[i] = pattern[i] === 0 ? 0 : last.size;
      const second = d.belowEach(2, sizes);
      for (let i = 0; i < n; i++) sizes[i] = pattern[i] === 2 ? last.size : 0;
      const third = d.belowEach(3, sizes);
      for (let i = 0; i < n; i++) sizes[i] = pattern[i] === 0 ? legal.size : 0;
      const suffix = d.belowEach(4, sizes);
      w.fillRows(n, maxBytes, (out, p, i) => {
        p = putWord(out, p, last, head[i]!);
        const k = pattern[i]!;
        if (k === 0) {
          out.setUint8(p++, 32);
          return putWord(out, p, legal, suffix[i]!);
        }
        if (k === 1) {
          out.setUint8(p, 32);
          out.setUint8(p + 1, 45);
          out.setUint8(p + 2, 32);
          return putWord(out, p + 3, last, second[i]!);
        }
        out.setUint8(p, 44);
        out.setUint8(p + 1, 32);
        p = putWord(out, p + 2, last, second[i]!);
        // " and "
        out.setUint8(p, 32);
        out.setUint8(p + 1, 97);
        out.setUint8(p + 2, 110);
        out.setUint8(p + 3, 100);
        out.setUint8(p + 4, 32);
        return putWord(out, p + 5, last, third[i]!);
      });
    },
  };
}
