/**
 * kernels/composite: strings assembled as UTF-8 bytes per row (email, phone, address, zip, ...).
 * (column, rows) → Utf8 Data; every part of a value is drawn from the row hash with its own draw
 * index, so the value is a pure function of (key, row). Builders are memoized per (kind, locale).
 */
import type { Data } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import { domainBuilder, ipv4Builder, urlBuilder } from "./composite-internet.js";
import { phoneBuilder, streetAddressBuilder, zipBuilder } from "./composite-location.js";
import { companyBuilder, emailBuilder, fullNameBuilder } from "./composite-person.js";
import type { CompositeBuilder } from "./composite-types.js";
import type { Rows } from "./kernel.js";
import { str } from "./params.js";
import { Utf8Writer } from "./utf8-writer.js";
import { WORD_OVERRUN } from "./word-pool.js";

const FACTORIES: Readonly<Record<string, (locale: string) => CompositeBuilder>> = {
  full_name: fullNameBuilder,
  email: emailBuilder,
  company: companyBuilder,
  phone: phoneBuilder,
  street_address: streetAddressBuilder,
  zip: zipBuilder,
  url: urlBuilder,
  ipv4: ipv4Builder,
  domain: domainBuilder,
};

/**
 * Semantic kinds built as bytes rather than dictionaries: their cardinality (names × names,
 * numbers) is far above what a per-stream dictionary should hold.
 */
export const COMPOSITE_KINDS: readonly string[] = Object.keys(FACTORIES);

const memo = new Map<string, CompositeBuilder>();

/** The memoized builder for a composite kind in a locale. */
export function compositeBuilder(kind: string, locale: string): CompositeBuilder {
  const key = `${locale}/${kind}`;
  let b = memo.get(key);
  if (b === undefined) {
    const make = FACTORIES[kind];
    if (make === undefined) throw new Error(`composite kind "${kind}" has no builder`);
    b = make(locale);
    memo.set(key, b);
  }
  return b;
}

/** Builds a composite semantic column. */
export function buildComposite(col: CompiledColumn, rows: Rows): Data {
  const b = compositeBuilder(str(col.params, "kind"), str(col.params, "locale", "en") || "en");
  const { k0, k1 } = col.key;
  const w = new Utf8Writer(rows.count, b.bytesPerRow);
  const n = rows.count;
  const index = rows.index;
  const max = b.maxBytes;
  // One capacity check per row (values are bounded), then the builder writes raw bytes.
  let out = w.room(0, max);
  let p = 0;
  for (let i = 0; i < n; i++) {
    if (p + max + WORD_OVERRUN > out.byteLength) out = w.room(p, max);
    p = b.write(out, p, k0, k1, index === undefined ? rows.start + i : index[i]!);
    w.endAt(p);
  }
  return w.finish();
}
