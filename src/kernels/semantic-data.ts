/**
 * kernels: word lists from @faker-js/faker's locale data, for semantic dictionary columns.
 * (kind, locale) → a stable, de-duplicated string list. Same faker version → same lists, so the
 * dictionary (and the indices into it) never change within an engine version.
 */
import { allLocales, type LocaleDefinition } from "@faker-js/faker";

type Lists = Record<string, (l: LocaleDefinition) => unknown>;

/** Semantic kinds served as dictionaries straight from locale data. */
const LISTS: Lists = {
  first_name: (l) =>
    (l.person?.first_name as { generic?: string[] } | undefined)?.generic ?? l.person?.first_name,
  last_name: (l) =>
    (l.person?.last_name as { generic?: string[] } | undefined)?.generic ?? l.person?.last_name,
  city: (l) => l.location?.city_name,
  state: (l) => l.location?.state,
  state_abbr: (l) => l.location?.state_abbr,
  country: (l) => l.location?.country,
  street_name: (l) => l.location?.street_name,
  street_suffix: (l) => l.location?.street_suffix,
  department: (l) => l.commerce?.department,
  product_adjective: (l) => (l.commerce?.product_name as { adjective?: string[] } | undefined)?.adjective,
  product_material: (l) => (l.commerce?.product_name as { material?: string[] } | undefined)?.material,
  product: (l) => (l.commerce?.product_name as { product?: string[] } | undefined)?.product,
  company_suffix: (l) => l.company?.legal_entity_type,
  word: (l) => (l.word as { noun?: string[] } | undefined)?.noun,
  adjective: (l) => (l.word as { adjective?: string[] } | undefined)?.adjective,
  job_title: (l) => (l.person as { job_type?: string[] } | undefined)?.job_type,
  domain_suffix: (l) => l.internet?.domain_suffix,
  free_email: (l) => l.internet?.free_email,
};

/** The semantic kinds that are plain locale lists. */
export const LIST_KINDS: readonly string[] = Object.keys(LISTS);

const memo = new Map<string, readonly string[]>();

function flatten(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(flatten);
  return [];
}

/** The word list for a kind in a locale, falling back to English; empty if the kind is unknown. */
export function wordList(kind: string, locale = "en"): readonly string[] {
  const cacheKey = `${locale}/${kind}`;
  const hit = memo.get(cacheKey);
  if (hit !== undefined) return hit;
  const pick = LISTS[kind];
  let list: string[] = [];
  if (pick !== undefined) {
    const locales = allLocales as Record<string, LocaleDefinition>;
    for (const name of [locale, "en"]) {
      const def = locales[name];
      list = def === undefined ? [] : flatten(pick(def));
      if (list.length > 0) break;
    }
  }
  const result = Object.freeze([...new Set(list)]);
  memo.set(cacheKey, result);
  return result;
}

/** True when the locale exists in faker. */
export function hasLocale(locale: string): boolean {
  return (allLocales as Record<string, unknown>)[locale] !== undefined;
}
