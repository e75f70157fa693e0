/**
 * kernels/semantic: realistic strings from faker locale data.
 * List kinds (and product_name) are dictionary-encoded: value(row) = list[u(row) · |list|], the
 * dictionary being the whole list, identical for every batch. Composite kinds (email, phone,
 * address, ...) are assembled as bytes in composite.ts and dispatched from here.
 */
import { Dictionary, Int32, makeData, Utf8 } from "apache-arrow";
import { elementsOf } from "../arrow/values.js";
import { unknownName } from "../plan/did-you-mean.js";
import type { Violation } from "../plan/violation.js";
import { buildComposite, COMPOSITE_KINDS } from "./composite.js";
import { PRODUCT_KINDS, productIndex, productNames } from "./composite-product.js";
import type { Kernel } from "./kernel.js";
import { rowAt } from "./kernel.js";
import { str } from "./params.js";
import { belowRows } from "./row-draws.js";
import { hasLocale, LIST_KINDS, wordList } from "./semantic-data.js";

/** Every semantic kind a plan may name. */
export const SEMANTIC_KINDS: readonly string[] = [...LIST_KINDS, ...PRODUCT_KINDS, ...COMPOSITE_KINDS];

/** The dictionary of a dictionary-encoded kind; empty for composite (byte-built) kinds. */
export function semanticDictionary(kind: string, locale: string): readonly string[] {
  if (LIST_KINDS.includes(kind)) return wordList(kind, locale);
  if (PRODUCT_KINDS.includes(kind)) return productNames(locale);
  return [];
}

/** Violations for a (kind, locale) pair, at `path` (the generator's or a template placeholder's). */
export function checkSemantic(
  kind: string,
  locale: string,
  kindPath: string,
  localePath: string,
): Violation[] {
  const out: Violation[] = [];
  if (!SEMANTIC_KINDS.includes(kind)) {
    out.push({ path: kindPath, message: unknownName("semantic kind", kind, SEMANTIC_KINDS) });
  } else if (LIST_KINDS.includes(kind) && wordList(kind, locale).length === 0) {
    out.push({ path: kindPath, message: `no "${kind}" data in locale "${locale}"` });
  }
  if (!hasLocale(locale)) out.push({ path: localePath, message: `unknown faker locale "${locale}"` });
  return out;
}

function localeOf(p: Readonly<Record<string, unknown>>): string {
  return str(p, "locale", "en") || "en";
}

export const semanticKernel: Kernel = {
  naturalType: () => ({ name: "string" }),
  accepts: (t) => t.name === "string",
  compile: ({ gen, path }) => {
    const kind = str(gen, "kind");
    const locale = localeOf(gen);
    return {
      params: { kind, locale },
      deps: [],
      violations: checkSemantic(kind, locale, `${path}.kind`, `${path}.locale`),
    };
  },
  // Composite kinds are plain Utf8; only list and product kinds have a dictionary.
  dictionaryValues: (col) => semanticDictionary(str(col.params, "kind"), localeOf(col.params)),
  build(col, rows, ctx) {
    const kind = str(col.params, "kind");
    const locale = localeOf(col.params);
    const { k0, k1 } = col.key;
    const product = PRODUCT_KINDS.includes(kind);
    if (!product && !LIST_KINDS.includes(kind)) return buildComposite(col, rows);
    // Every index is written below.
    const idx = elementsOf(Int32Array, ctx.valuesBuffer(4 * rows.count), rows.count);
    if (product) {
      for (let i = 0; i < rows.count; i++) idx[i] = productIndex(locale, k0, k1, rowAt(rows, i));
    } else belowRows(col.key, rows, 0, wordList(kind, locale).length, idx);
    const type = new Dictionary(new Utf8(), new Int32(), col.index);
    return makeData({ type, length: rows.count, data: idx, dictionary: ctx.dictionary(col) });
  },
};
