/**
 * kernels/semantic: realistic strings from faker locale lists, dictionary-encoded.
 * value(row) = list[u(row) · |list|]. The dictionary is the whole list, identical for every batch.
 * Composite kinds (email, phone, address, ...) live in composite.ts and are dispatched from here.
 */
import { Dictionary, Int32, makeData, Utf8 } from "apache-arrow";
import { below } from "../rng/hash.js";
import { buildComposite, COMPOSITE_KINDS } from "./composite.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { str } from "./params.js";
import { hasLocale, LIST_KINDS, wordList } from "./semantic-data.js";

/** Every semantic kind a plan may name. */
export const SEMANTIC_KINDS: readonly string[] = [...LIST_KINDS, ...COMPOSITE_KINDS];

function isList(kind: string): boolean {
  return LIST_KINDS.includes(kind);
}

export const semanticKernel: Kernel = {
  naturalType: () => ({ name: "string" }),
  accepts: (t) => t.name === "string",
  compile: ({ gen, path }) => {
    const kind = str(gen, "kind");
    const locale = str(gen, "locale", "en") || "en";
    const violations = [];
    if (!SEMANTIC_KINDS.includes(kind)) {
      violations.push({ path: `${path}.kind`, message: `unknown semantic kind "${kind}" (one of ${SEMANTIC_KINDS.join(", ")})` });
    } else if (isList(kind) && wordList(kind, locale).length === 0) {
      violations.push({ path: `${path}.kind`, message: `no "${kind}" data in locale "${locale}"` });
    }
    if (!hasLocale(locale)) violations.push({ path: `${path}.locale`, message: `unknown faker locale "${locale}"` });
    return { params: { kind, locale }, deps: [], violations };
  },
  // Composite kinds are plain Utf8; only list kinds have a dictionary.
  dictionaryValues: (col) => (isList(str(col.params, "kind")) ? wordList(str(col.params, "kind"), str(col.params, "locale", "en")) : []),
  build(col, rows, ctx) {
    const kind = str(col.params, "kind");
    if (!isList(kind)) return buildComposite(col, rows);
    const n = wordList(kind, str(col.params, "locale", "en")).length;
    const { k0, k1 } = col.key;
    const idx = new Int32Array(rows.count);
    for (let i = 0; i < rows.count; i++) idx[i] = below(k0, k1, rowAt(rows, i), 0, n);
    return makeData({ type: new Dictionary(new Utf8(), new Int32(), col.index), length: rows.count, data: idx, dictionary: ctx.dictionary(col) });
  },
};
