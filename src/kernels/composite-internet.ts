/**
 * kernels/composite: internet strings — domain, url, ipv4 — as ASCII bytes.
 * (batch draws) → bytes; host labels are ASCII-folded words, each part on its own draw index.
 */
import { ascii, encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import type { RowDraws } from "./row-draws.js";
import { putDigits, putWord, type WordPool } from "./word-pool.js";

/** `noun.tld`, `adjective-noun.tld` or `surname.tld`, from draws base..base+3. */
interface Domains {
  readonly maxBytes: number;
  readonly meanBytes: number;
  /** Draws a batch of domains; the returned writer writes row i's. */
  draw(d: RowDraws, base: number): (out: DataView, p: number, i: number) => number;
}

function domains(locale: string): Domains {
  const noun = encodedList("word", locale, "label");
  const adjective = encodedList("adjective", locale, "label");
  const last = encodedList("last_name", locale, "label");
  const tld = encodedList("domain_suffix", locale, "label");
  return {
    maxBytes: adjective.maxBytes + 1 + Math.max(noun.maxBytes, last.maxBytes) + 1 + tld.maxBytes,
    meanBytes: noun.meanBytes + tld.meanBytes + 1 + adjective.meanBytes / 3,
    draw(d, base) {
      const n = d.n;
      const pattern = d.below(base, 3);
      const sizes = d.scratch();
      for (let i = 0; i < n; i++) sizes[i] = pattern[i] === 1 ? adjective.size : 0;
      const adj = d.belowEach(base + 1, sizes);
      for (let i = 0; i < n; i++) sizes[i] = pattern[i] === 2 ? last.size : noun.size;
      const name = d.belowEach(base + 2, sizes);
      const suffix = d.below(base + 3, tld.size);
      return (out, p, i) => {
        const k = pattern[i]!;
        if (k === 1) {
          p = putWord(out, p, adjective, adj[i]!);
          out.setUint8(p++, 45);
        }
        const names: WordPool = k === 2 ? last : noun;
        p = putWord(out, p, names, name[i]!);
        out.setUint8(p++, 46);
        return putWord(out, p, tld, suffix[i]!);
      };
    },
  };
}

/** A host name such as `sturdy-harbor.com`. */
export function domainBuilder(locale: string): CompositeBuilder {
  const domain = domains(locale);
  return {
    bytesPerRow: Math.ceil(domain.meanBytes),
    maxBytes: domain.maxBytes,
    fill: (w, d) => w.fillRows(d.n, domain.maxBytes, domain.draw(d, 0)),
  };
}

/** Copies a short constant at p; returns the end position. */
function putAscii(out: DataView, p: number, text: Uint8Array): number {
  for (let i = 0; i < text.length; i++) out.setUint8(p++, text[i]!);
  return p;
}

/** `https://[www.]domain[/word]`. */
export function urlBuilder(locale: string): CompositeBuilder {
  const domain = domains(locale);
  const noun = encodedList("word", locale, "label");
  const scheme = ascii("https://");
  const www = ascii("www.");
  const maxBytes = scheme.length + www.length + domain.maxBytes + 1 + noun.maxBytes;
  return {
    bytesPerRow: Math.ceil(domain.meanBytes + 12 + noun.meanBytes / 2),
    maxBytes,
    fill(w, d) {
      const shape = d.below(0, 4);
      const host = domain.draw(d, 1);
      const sizes = d.scratch();
      for (let i = 0; i < d.n; i++) sizes[i] = shape[i]! >= 2 ? noun.size : 0;
      const path = d.belowEach(5, sizes);
      w.fillRows(d.n, maxBytes, (out, p, i) => {
        p = putAscii(out, p, scheme);
        if ((shape[i]! & 1) === 1) p = putAscii(out, p, www);
        p = host(out, p, i);
        if (shape[i]! < 2) return p;
        out.setUint8(p++, 47);
        return putWord(out, p, noun, path[i]!);
      });
    },
  };
}

/** A dotted quad with a first octet in 1..223 (unicast) and a last octet in 1..254. */
export function ipv4Builder(): CompositeBuilder {
  return {
    bytesPerRow: 14,
    maxBytes: 15,
    fill(w, d) {
      const a = d.below(0, 223);
      const b = d.below(1, 256);
      const c = d.below(2, 256);
      const e = d.below(3, 254);
      w.fillRows(d.n, 15, (out, p, i) => {
        p = putDigits(out, p, a[i]! + 1);
        out.setUint8(p++, 46);
        p = putDigits(out, p, b[i]!);
        out.setUint8(p++, 46);
        p = putDigits(out, p, c[i]!);
        out.setUint8(p++, 46);
        return putDigits(out, p, e[i]! + 1);
      });
    },
  };
}
