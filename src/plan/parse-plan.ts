/**
 * plan: plan text (YAML or JSON, the proto `Plan` in JSON form) → Plan message, or violations.
 * The CLI, the catalog and the RPC all come through here or through `planFromJson`, so files and
 * RPCs share one schema. Never throws.
 */
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { parse as parseYaml } from "yaml";
import { type Plan, PlanSchema } from "../gen/synthstream/v1/plan_pb.js";
import { checkMessage } from "./json-shape.js";
import type { Violation } from "./violation.js";

/** A parsed plan, or the reasons there is none. */
export type ParseResult = { ok: true; plan: Plan } | { ok: false; violations: Violation[] };

/** The first line of an error message, bounded: YAML errors append a code frame we do not want. */
function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Proto JSON spells non-finite doubles as "NaN"/"Infinity" strings, but YAML's .nan/.inf arrive as
 * numbers. Rewriting them lets validation report "weight is NaN" at its path instead of `fromJson`
 * rejecting the whole plan. Only runs on shape-checked input, so depth is the schema's.
 */
function nonFiniteToStrings(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (Array.isArray(v)) return v.map(nonFiniteToStrings);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = nonFiniteToStrings(x);
    return out;
  }
  return v;
}

/** Converts an already-parsed JSON value into a Plan, reporting every shape problem. */
export function planFromJson(value: unknown): ParseResult {
  const violations: Violation[] = [];
  try {
    checkMessage(PlanSchema, value, "", 0, violations);
    if (violations.length > 0) return { ok: false, violations };
    return { ok: true, plan: fromJson(PlanSchema, nonFiniteToStrings(value) as JsonValue) };
  } catch (e) {
    return {
      ok: false,
      violations: [...violations, { path: "", message: `not a valid plan: ${errorText(e)}` }],
    };
  }
}

/** Parses YAML or JSON plan text (JSON is YAML, so one parser serves both). */
export function parsePlanText(text: string, source = "plan"): ParseResult {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: true, logLevel: "error" });
  } catch (e) {
    return {
      ok: false,
      violations: [{ path: "", message: `${source}: cannot parse YAML/JSON: ${errorText(e)}` }],
    };
  }
  if (value === null || value === undefined) {
    return { ok: false, violations: [{ path: "", message: `${source}: the plan is empty` }] };
  }
  return planFromJson(value);
}
