/**
 * plan: checks a parsed JSON/YAML value against a proto message's JSON form, before `fromJson`.
 * unknown value + message descriptor → every violation (unknown fields, wrong JSON types, two
 * members of one oneof), each with its field path. Never throws; `fromJson` then sees clean input.
 */
import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { quote, unknownName } from "./did-you-mean.js";
import { childPath, type Violation } from "./violation.js";

const MAX_DEPTH = 32;

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** A short, bounded rendering of a primitive for messages; containers are named, not printed. */
function show(v: unknown): string {
  if (typeof v === "string") return quote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

const INT_RANGES: Partial<Record<ScalarType, readonly [bigint, bigint]>> = {
  [ScalarType.INT32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.SINT32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.SFIXED32]: [-(2n ** 31n), 2n ** 31n - 1n],
  [ScalarType.UINT32]: [0n, 2n ** 32n - 1n],
  [ScalarType.FIXED32]: [0n, 2n ** 32n - 1n],
  [ScalarType.INT64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.SINT64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.SFIXED64]: [-(2n ** 63n), 2n ** 63n - 1n],
  [ScalarType.UINT64]: [0n, 2n ** 64n - 1n],
  [ScalarType.FIXED64]: [0n, 2n ** 64n - 1n],
};

// Lone surrogates cannot be encoded as UTF-8; `fromJson` would reject the whole plan without a path.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function checkInteger(t: ScalarType, v: unknown, path: string, out: Violation[]): void {
  // JSON allows a number or a decimal string (int64 values often come as strings).
  const ok =
    (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^\s*-?\d{1,40}\s*$/.test(v));
  if (!ok) {
    out.push({ path, message: `expected an integer, got ${kindOf(v)} ${show(v)}`.trim() });
    return;
  }
  const range = INT_RANGES[t];
  const n = BigInt(typeof v === "string" ? v.trim() : (v as number));
  if (range === undefined || (n >= range[0] && n <= range[1])) return;
  out.push({
    path,
    message:
      range[0] === 0n && n < 0n ? "must not be negative" : `${n} is out of range [${range[0]}, ${range[1]}]`,
  });
}

function checkScalar(t: ScalarType, v: unknown, path: string, out: Violation[]): void {
  switch (t) {
    case ScalarType.STRING:
      if (typeof v !== "string") out.push({ path, message: `expected a string, got ${kindOf(v)}` });
      else if (LONE_SURROGATE.test(v))
        out.push({ path, message: "text is not valid Unicode (lone surrogate)" });
      return;
    case ScalarType.BOOL:
      if (typeof v !== "boolean")
        out.push({ path, message: `expected true or false, got ${kindOf(v)} ${show(v)}`.trim() });
      return;
    case ScalarType.BYTES:
      if (typeof v !== "string") out.push({ path, message: `expected base64 bytes, got ${kindOf(v)}` });
      return;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      // Non-finite numbers (YAML .nan / .inf) are accepted here and rewritten to proto JSON strings.
      if (typeof v === "number") return;
      if (typeof v === "string" && (v === "NaN" || v === "Infinity" || v === "-Infinity" || isDecimal(v)))
        return;
      out.push({ path, message: `expected a number, got ${kindOf(v)} ${show(v)}`.trim() });
      return;
    default:
      checkInteger(t, v, path, out);
  }
}

function isDecimal(v: string): boolean {
  return v.trim() !== "" && Number.isFinite(Number(v));
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
export function checkMessage(
  desc: DescMessage,
  value: unknown,
  path: string,
  depth: number,
  out: Violation[],
): void {
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
      const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
      out.push({
        path: childPath(path, shown),
        message: unknownName(
          "field",
          key,
          desc.fields.map((f) => f.name),
        ),
      });
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
