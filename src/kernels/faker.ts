/**
 * kernels/faker: any @faker-js/faker method by path ("commerce.productDescription"), per row.
 * (method, locale, args) → a column; each row repositions a RowRandomizer at (key, row) before the
 * call, so value(row) is a pure function of (key, row). One Faker per locale per thread (memoized).
 */
import { allLocales, Faker, type LocaleDefinition } from "@faker-js/faker";
import { numericData } from "../arrow/values.js";
import { unknownName } from "../plan/did-you-mean.js";
import { isNumeric, type LogicalType } from "../plan/logical-type.js";
import type { Violation } from "../plan/violation.js";
import { RowRandomizer } from "./faker-randomizer.js";
import type { Kernel } from "./kernel.js";
import { str } from "./params.js";
import { Utf8Writer } from "./utf8-writer.js";

/** Date methods count from this instant instead of the wall clock, so they stay deterministic. */
export const FAKER_REF_DATE = "2025-01-01T00:00:00.000Z";

interface FakerSlot {
  readonly faker: Faker;
  readonly rng: RowRandomizer;
}

const slots = new Map<string, FakerSlot>();
const locales = allLocales as Record<string, LocaleDefinition>;

/** The thread's Faker for a locale (falling back to en, then base), created once. */
export function fakerFor(locale: string): FakerSlot {
  let slot = slots.get(locale);
  if (slot === undefined) {
    const chain = [...new Set([locale, "en", "base"])].flatMap((l) =>
      locales[l] === undefined ? [] : [locales[l]],
    );
    const rng = new RowRandomizer();
    const faker = new Faker({ locale: chain, randomizer: rng });
    faker.setDefaultRefDate(FAKER_REF_DATE);
    slot = { faker, rng };
    slots.set(locale, slot);
  }
  return slot;
}

function methodNames(module: object): string[] {
  const names = new Set<string>();
  for (
    let p = Object.getPrototypeOf(module);
    p !== null && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    for (const n of Object.getOwnPropertyNames(p))
      if (n !== "constructor" && !n.startsWith("_")) names.add(n);
  }
  return [...names];
}

/** Faker modules that hold methods (person, commerce, ...). */
export function fakerModules(): string[] {
  const f = fakerFor("en").faker as unknown as Record<string, unknown>;
  return Object.keys(f).filter((k) => k !== "fakerCore" && typeof f[k] === "object" && f[k] !== null);
}

/** A faker method path resolved, or why it is not one. */
export type FakerResolution = { ok: true; module: string; method: string } | { ok: false; message: string };

/** Resolves "module.method"; the message of a failure suggests the closest name. Validation calls this. */
export function resolveFakerMethod(path: string): FakerResolution {
  const parts = path.split(".");
  const modules = fakerModules();
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "")
    return {
      ok: false,
      message: `faker method "${path}" must look like "module.method" (e.g. "person.firstName")`,
    };
  const [mod, method] = parts as [string, string];
  if (!modules.includes(mod)) return { ok: false, message: unknownName("faker module", mod, modules) };
  const names = methodNames((fakerFor("en").faker as unknown as Record<string, object>)[mod]!);
  if (!names.includes(method))
    return { ok: false, message: unknownName(`faker method of "${mod}"`, method, names) };
  return { ok: true, module: mod, method };
}

/** Parses args_json: absent → [], otherwise a JSON array. */
export function parseFakerArgs(text: string): { args: unknown[] } | { error: string } {
  if (text.trim() === "") return { args: [] };
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? { args: v } : { error: 'args_json must be a JSON array, e.g. [{"min": 1}]' };
  } catch (e) {
    return { error: `args_json is not valid JSON: ${(e as Error).message}` };
  }
}

type Call = () => unknown;

function bindCall(locale: string, module: string, method: string, args: readonly unknown[]): Call {
  const mod = (
    fakerFor(locale).faker as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>
  )[module]!;
  const fn = mod[method]!;
  if (args.every((a) => a === null || typeof a !== "object")) return () => fn.apply(mod, args as unknown[]);
  // Options objects get a fresh copy per call, in case a method fills in defaults on them.
  return () => fn.apply(mod, structuredClone(args as unknown[]));
}

/** Faker's value as text: dates as ISO 8601, structures as JSON. */
export function fakerText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Faker's value as a number in the column type's units (days for dates, microseconds for timestamps). */
function fakerNumber(v: unknown, t: LogicalType): number {
  const d =
    v instanceof Date ? v : t.name === "date" || t.name === "timestamp" ? new Date(String(v)) : undefined;
  if (d !== undefined) return t.name === "date" ? Math.floor(d.getTime() / 86400000) : d.getTime() * 1000;
  if (t.name === "bool") return v === true || v === "true" ? 1 : 0;
  const n = Number(v);
  if (!Number.isFinite(n)) return 0;
  return t.name === "int32" || t.name === "int64" ? Math.trunc(n) : n;
}

function compileFaker(
  gen: Readonly<Record<string, unknown>>,
  path: string,
): { params: Record<string, unknown>; violations: Violation[] } {
  const violations: Violation[] = [];
  const method = str(gen, "method");
  const locale = str(gen, "locale", "en") || "en";
  if (locales[locale] === undefined)
    violations.push({
      path: `${path}.locale`,
      message: unknownName("faker locale", locale, Object.keys(locales)),
    });
  const res = resolveFakerMethod(method);
  if (!res.ok) violations.push({ path: `${path}.method`, message: res.message });
  const parsed = parseFakerArgs(str(gen, "args_json"));
  if ("error" in parsed) violations.push({ path: `${path}.args_json`, message: parsed.error });
  const args = "args" in parsed ? parsed.args : [];
  if (violations.length === 0 && res.ok) {
    // One trial call catches arguments faker rejects, at compile time instead of inside a worker.
    try {
      fakerFor(locale).rng.at(0, 0, 0);
      bindCall(locale, res.module, res.method, args)();
    } catch (e) {
      violations.push({
        path: `${path}.args_json`,
        message: `faker ${method} rejects these arguments: ${(e as Error).message}`,
      });
    }
  }
  return {
    params: { method, locale, args, module: res.ok ? res.module : "", fn: res.ok ? res.method : "" },
    violations,
  };
}

export const fakerKernel: Kernel = {
  naturalType: () => ({ name: "string" }),
  accepts: (t) =>
    t.name === "string" || isNumeric(t) || t.name === "bool" || t.name === "date" || t.name === "timestamp",
  compile: ({ gen, path }) => {
    const { params, violations } = compileFaker(gen, path);
    return { params, deps: [], violations };
  },
  build(col, rows) {
    const locale = str(col.params, "locale", "en");
    const { rng } = fakerFor(locale);
    const call = bindCall(
      locale,
      str(col.params, "module"),
      str(col.params, "fn"),
      col.params.args as unknown[],
    );
    const { k0, k1 } = col.key;
    const n = rows.count;
    const rowOf = (i: number) => (rows.index === undefined ? rows.start + i : rows.index[i]!);
    if (col.type.name === "string" || col.type.name === "uuid") {
      const w = new Utf8Writer(n, 24);
      for (let i = 0; i < n; i++) {
        rng.at(k0, k1, rowOf(i));
        w.text(fakerText(call()));
        w.end();
      }
      return w.finish();
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      rng.at(k0, k1, rowOf(i));
      out[i] = fakerNumber(call(), col.type);
    }
    return numericData(col.type, out);
  },
};
