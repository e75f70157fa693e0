/**
 * kernels/composite: the word lists composite strings draw from, UTF-8 encoded and packed once.
 * (kind, locale[, form]) → WordPool memoized, so builders copy bytes per row and never encode.
 * Pure caches: the same (kind, locale, form) always yields the same bytes.
 */
import { wordList } from "./semantic-data.js";
import { packWords, type WordPool } from "./word-pool.js";

/** How list entries are prepared: as they are, or folded to an ASCII label for emails and domains. */
export type ListForm = "plain" | "label";

const memo = new Map<string, WordPool>();

/**
 * Folds a word to `[a-z0-9]` for emails and host names: accents are stripped (NFD), everything
 * else is dropped. An entry with nothing left becomes "x", so a label is never empty.
 */
export function asciiLabel(s: string): string {
  const folded = s
    .normalize("NFD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return folded === "" ? "x" : folded;
}

/** The encoded list for a semantic list kind; falls back to English like `wordList`. */
export function encodedList(kind: string, locale: string, form: ListForm = "plain"): WordPool {
  const key = `${locale}/${kind}/${form}`;
  let hit = memo.get(key);
  if (hit === undefined) {
    const words = wordList(kind, locale);
    hit = packWords(form === "label" ? words.map(asciiLabel) : words);
    if (hit.size === 0) throw new Error(`no "${kind}" list for locale "${locale}"`);
    memo.set(key, hit);
  }
  return hit;
}

/** Encodes fixed ASCII text once (separators and schemes are constants per builder). */
export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
