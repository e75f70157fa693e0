/**
 * kernels/composite: strings assembled as UTF-8 bytes per row (email, phone, address, zip, ...).
 * (column, rows) → Utf8 Data; every part of a value is drawn from the row hash with its own draw
 * index, so the value is a pure function of (key, row). Builders are memoized per (kind, locale)
 * and draw column by column (row-draws.ts) before assembling bytes.
 */
import type { Data, Utf8 } from "apache-arrow";
import type { CompiledColumn } from "../compile/compiled-plan.js";
import type { ColumnKey } from "../rng/hash.js";
import { domainBuilder, ipv4Builder, urlBuilder } from "./composite-internet.js";
import { phoneBuilder, streetAddressBuilder, zipBuilder } from "./composite-location.js";
import { companyBuilder, emailBuilder, fullNameBuilder } from "./composite-person.js";
import type { CompositeBuilder } from "./composite-types.js";
import type { Rows } from "./kernel.js";
import { str } from "./params.js";
import { RowDraws } from "./row-draws.js";
import { Utf8Writer } from "./utf8-writer.js";

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

/** A batch of one composite kind under `key`, as Utf8 Data. */
export function compositeData(kind: string, locale: string, key: ColumnKey, rows: Rows): Data<Utf8> {
  const b = compositeBuilder(kind, locale);
  const w = new Utf8Writer(rows.count, b.bytesPerRow);
  const draws = new RowDraws(key.k0, key.k1, rows);
  b.fill(w, draws);
  draws.release();
  return w.finish();
}

/** Builds a composite semantic column. */
export function buildComposite(col: CompiledColumn, rows: Rows): Data {
  return compositeData(str(col.params, "kind"), str(col.params, "locale", "en") || "en", col.key, rows);
}
