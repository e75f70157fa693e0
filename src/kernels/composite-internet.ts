/**
 * kernels/composite: internet strings — domain, url, ipv4 — as ASCII bytes.
 * (key, row) → bytes; host labels are ASCII-folded words, each part on its own draw index.
 */
import { rowStem, stemBelow } from "../rng/hash.js";
import { ascii, encodedList } from "./composite-lists.js";
import type { CompositeBuilder } from "./composite-types.js";
import type { Utf8Writer } from "./utf8-writer.js";

/** Writes `noun.tld`, `adjective-noun.tld` or `surname.tld` from draws base..base+3. */
function writeDomain(
  locale: string,
): (w: Utf8Writer, k0: number, k1: number, r: number, base: number) => void {
  const noun = encodedList("word", locale, "label");
  const adjective = encodedList("adjective", locale, "label");
  const last = encodedList("last_name", locale, "label");
  const tld = encodedList("domain_suffix", locale, "label");
  return (w, k0, k1, r, base) => {
    const s = rowStem(k0, r);
    const pattern = stemBelow(s, k1, r, base, 3);
    if (pattern === 1) w.bytesOf(adjective[stemBelow(s, k1, r, base + 1, adjective.length)]!).byte(45);
    const names = pattern === 2 ? last : noun;
    w.bytesOf(names[stemBelow(s, k1, r, base + 2, names.length)]!).byte(46);
    w.bytesOf(tld[stemBelow(s, k1, r, base + 3, tld.length)]!);
  };
}

/** A host name such as `sturdy-harbor.com`. */
export function domainBuilder(locale: string): CompositeBuilder {
  const domain = writeDomain(locale);
  return { bytesPerRow: 18, write: (w, k0, k1, r) => domain(w, k0, k1, r, 0) };
}

/** `https://[www.]domain[/word]`. */
export function urlBuilder(locale: string): CompositeBuilder {
  const domain = writeDomain(locale);
  const noun = encodedList("word", locale, "label");
  const scheme = ascii("https://");
  const www = ascii("www.");
  return {
    bytesPerRow: 36,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      w.bytesOf(scheme);
      const shape = stemBelow(s, k1, r, 0, 4);
      if ((shape & 1) === 1) w.bytesOf(www);
      domain(w, k0, k1, r, 1);
      if (shape >= 2) w.byte(47).bytesOf(noun[stemBelow(s, k1, r, 5, noun.length)]!);
    },
  };
}

/** A dotted quad with a first octet in 1..223 (unicast) and a last octet in 1..254. */
export function ipv4Builder(): CompositeBuilder {
  return {
    bytesPerRow: 15,
    write(w, k0, k1, r) {
      const s = rowStem(k0, r);
      w.digits(stemBelow(s, k1, r, 0, 223) + 1)
        .byte(46)
        .digits(stemBelow(s, k1, r, 1, 256))
        .byte(46);
      w.digits(stemBelow(s, k1, r, 2, 256))
        .byte(46)
        .digits(stemBelow(s, k1, r, 3, 254) + 1);
    },
  };
}
