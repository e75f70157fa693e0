/**
 * kernels: typed reads of a generator's proto-JSON parameters.
 * Proto JSON writes int64 as strings and omits defaults, so every read names its default here once.
 */
import type { GeneratorParams } from "../compile/compiled-plan.js";

/** A numeric parameter (int64 arrives as a string in proto JSON). */
export function num(p: GeneratorParams, name: string, fallback: number): number {
  const v = p[name];
  if (v === undefined || v === null) return fallback;
  const n = typeof v === "string" ? Number(v) : (v as number);
  return Number.isFinite(n) ? n : fallback;
}

/** A string parameter. */
export function str(p: GeneratorParams, name: string, fallback = ""): string {
  const v = p[name];
  return typeof v === "string" ? v : fallback;
}

/** A list-of-numbers parameter. */
export function nums(p: GeneratorParams, name: string): number[] {
  const v = p[name];
  return Array.isArray(v) ? v.map((x) => Number(x)) : [];
}

/** A list-of-strings parameter. */
export function strs(p: GeneratorParams, name: string): string[] {
  const v = p[name];
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

/** A nested object parameter. */
export function obj(p: GeneratorParams, name: string): GeneratorParams | undefined {
  const v = p[name];
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as GeneratorParams) : undefined;
}

/** The result for a kernel with nothing to resolve. */
export function plainCompile(gen: GeneratorParams, deps: readonly string[] = []) {
  return { params: gen, deps, violations: [] };
}
