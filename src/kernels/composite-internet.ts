/**
 * kernels/composite: internet strings — domain, url, ipv4 — as ASCII bytes.
 * (key, row) → bytes; host labels are ASCII-folded words, each part on its own draw index.
 */
import { rowStem, stemBelow } from "../rng/hash.js";
import { ascii, encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import { putDigits, putWord, type WordPool } from "./word-pool.js";

/** Writes `noun.tld`, `adjective-noun.tld` or `surname.tld` from draws base..base+3. */
interface DomainWriter {
  readonly maxBytes: number;
  readonly meanBytes: number;
  write(out: DataView, p: number, k0: number, k1: number, r: number, base: number): number;
}

function domainWriter(locale: string): DomainWriter {
  const noun = encodedList("word", locale, "label");
  const adjective = encodedList("adjective", locale, "label");
  const last = encodedList("last_name", locale, "label");
  const tld = encodedList("domain_suffix", locale, "label");
  return {
    maxBytes: adjective.maxBytes + 1 + Math.max(noun.maxBytes, last.maxBytes) + 1 + tld.maxBytes,
    meanBytes: noun.meanBytes + tld.meanBytes + 1 + adjective.meanBytes / 3,
    write(out, p, k0, k1, r, base) {
      const s = rowStem(k0, r);
      const pattern = stemBelow(s, k1, r, base, 3);
      if (pattern === 1) {
        p = putWord(out, p, adjective, stemBelow(s, k1, r, base + 1, adjective.size));
        out.setUint8(p++, 45);
      }
      const names: WordPool = pattern === 2 ? last : noun;
      p = putWord(out, p, names, stemBelow(s, k1, r, base + 2, names.size));
      out.setUint8(p++, 46);
      return putWord(out, p, tld, stemBelow(s, k1, r, base + 3, tld.size));
    },
  };
}

/** A host name such as `sturdy-harbor.com`. */
export function domainBuilder(locale: string): CompositeBuilder {
  const domain = domainWriter(locale);
  return {
    bytesPerRow: Math.ceil(domain.meanBytes),
    maxBytes: domain.maxBytes,
    write: (out, p, k0, k1, r) => domain.write(out, p, k0, k1, r, 0),
  };
}

/** Copies a short constant at p; returns the end position. */
function putAscii(out: DataView, p: number, text: Uint8Array): number {
  for (let i = 0; i < text.length; i++) out.setUint8(p++, text[i]!);
  return p;
}

/** `https://[www.]domain[/word]`. */
export function urlBuilder(locale: string): CompositeBuilder {
  const domain = domainWriter(locale);
  const noun = encodedList("word", locale, "label");
  const scheme = ascii("https://");
  const www = ascii("www.");
  return {
    bytesPerRow: Math.ceil(domain.meanBytes + 12 + noun.meanBytes / 2),
    maxBytes: scheme.length + www.length + domain.maxBytes + 1 + noun.maxBytes,
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      p = putAscii(out, p, scheme);
      const shape = stemBelow(s, k1, r, 0, 4);
      if ((shape & 1) === 1) p = putAscii(out, p, www);
      p = domain.write(out, p, k0, k1, r, 1);
      if (shape < 2) return p;
      out.setUint8(p++, 47);
      return putWord(out, p, noun, stemBelow(s, k1, r, 5, noun.size));
    },
  };
}

/** A dotted quad with a first octet in 1..223 (unicast) and a last octet in 1..254. */
export function ipv4Builder(): CompositeBuilder {
  return {
    bytesPerRow: 14,
    maxBytes: 15,
    write(out, p, k0, k1, r) {
      const s = rowStem(k0, r);
      p = putDigits(out, p, stemBelow(s, k1, r, 0, 223) + 1);
      out.setUint8(p++, 46);
      p = putDigits(out, p, stemBelow(s, k1, r, 1, 256));
      out.setUint8(p++, 46);
      p = putDigits(out, p, stemBelow(s, k1, r, 2, 256));
      out.setUint8(p++, 46);
      return putDigits(out, p, stemBelow(s, k1, r, 3, 254) + 1);
    },
  };
}
