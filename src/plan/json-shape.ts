/**
 * plan: checks a parsed JSON/YAML value against a proto message's JSON form, before `fromJson`.
 * unknown value + message descriptor → every violation (unknown fields, wrong JSON types, two
 * members of one oneof), each with its field path. Never throws; `fromJson` then sees clean input.
 */
import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { unknownName } from "./did-you-mean.js";
import { childPath, type Violation } from "./violation.js";

const MAX_DEPTH = 32;

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function checkScalar(t: ScalarType, v: unknown, path: string, out: Violation[]): void {
  switch (t) {
    case ScalarType.STRING:
      if (typeof v !== "string") out.push({ path, message: `expected a string, got ${kindOf(v)}` });
      return;
    case ScalarType.BOOL:
      if (typeof v !== "boolean") out.push({ path, message: `expected true or false, got ${kindOf(v)}` });
      return;
    case ScalarType.BYTES:
      if (typeof v !== "string") out.push({ path, message: `expected base64 bytes, got ${kindOf(v)}` });
      return;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      if (typeof v === "number") return;
      if (typeof v === "string" && (v === "NaN" || v === "Infinity" || v === "-Infinity" || Number.isFinite(Number(v))))
        return;
      out.push({ path, message: `expected a number, got ${kindOf(v)}` });
      return;
    default: {
      // Integer scalars: JSON allows a number or a decimal string (int64 values often come as strings).
      const ok =
        (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^-?\d+$/.test(v.trim()));
      if (!ok) out.push({ path, message: `expected an integer, got ${kindOf(v)} ${JSON.stringify(v) ?? ""}`.trim() });
      const unsigned = t === ScalarType.UINT32 || t === ScalarType.UINT64 || t === ScalarType.FIXED32 || t === ScalarType.FIXED64;
      if (ok && unsigned && Number(v) < 0) out.push({ path, message: "must not be negative" });
    }
  }
}

function checkField(field: DescField, v: unknown, path: string, depth: number, out: Violation[]): void {
  if (v === null) return; // JSON null means "default" in the proto JSON mapping.
  switch (field.fieldKind) {
    case "scalar":
      checkScalar(field.scalar, v, path, out);
      return;
    case "enum":
      if (typeof v !== "string" && typeof v !== "number")
        out.push({ path, message: `expected an enum name, got ${kindOf(v)}` });
      return;
    case "message":
      checkMessage(field.message, v, path, depth + 1, out);
      return;
    case "list":
      if (!Array.isArray(v)) {
        out.push({ path, message: `expected a list, got ${kindOf(v)}` });
        return;
      }
      v.forEach((item, i) => {
        const p = childPath(path, i);
        if (field.listKind === "scalar") checkScalar(field.scalar, item, p, out);
        else if (field.listKind === "message") checkMessage(field.message, item, p, depth + 1, out);
      });
      return;
    case "map":
      if (kindOf(v) !== "object") out.push({ path, message: `expected an object, got ${kindOf(v)}` });
      return;
  }
}

/** Checks `value` against `desc`'s JSON form; appends violations to `out`. */
export function checkMessage(desc: DescMessage, value: unknown, path: string, depth: number, out: Violation[]): void {
  if (depth > MAX_DEPTH) {
    out.push({ path, message: `nested deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (kindOf(value) !== "object") {
    out.push({ path, message: `expected an object (${desc.name}), got ${kindOf(value)}` });
    return;
  }
  const byName = new Map<string, DescField>();
  for (const f of desc.fields) {
    byName.set(f.name, f);
    byName.set(f.jsonName, f);
  }
  const oneofSeen = new Map<string, string>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = byName.get(key);
    if (field === undefined) {
      out.push({ path: childPath(path, key), message: unknownName("field", key, desc.fields.map((f) => f.name)) });
      continue;
    }
    const p = childPath(path, field.name);
    if (field.oneof !== undefined && v !== null) {
      const other = oneofSeen.get(field.oneof.name);
      if (other !== undefined) {
        out.push({ path: p, message: `only one ${field.oneof.name} may be set, but "${other}" is set too` });
      }
      oneofSeen.set(field.oneof.name, field.name);
    }
    checkField(field, v, p, depth, out);
  }
}
