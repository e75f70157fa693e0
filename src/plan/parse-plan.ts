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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Converts an already-parsed JSON value into a Plan, reporting every shape problem. */
export function planFromJson(value: unknown): ParseResult {
  const violations: Violation[] = [];
  checkMessage(PlanSchema, value, "", 0, violations);
  if (violations.length > 0) return { ok: false, violations };
  try {
    return { ok: true, plan: fromJson(PlanSchema, value as JsonValue) };
  } catch (e) {
    return { ok: false, violations: [{ path: "", message: `not a valid plan: ${errorText(e)}` }] };
  }
}

/** Parses YAML or JSON plan text (JSON is YAML, so one parser serves both). */
export function parsePlanText(text: string, source = "plan"): ParseResult {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    return { ok: false, violations: [{ path: "", message: `${source}: cannot parse YAML/JSON: ${errorText(e)}` }] };
  }
  if (value === null || value === undefined) {
    return { ok: false, violations: [{ path: "", message: `${source}: the plan is empty` }] };
  }
  return planFromJson(value);
}
