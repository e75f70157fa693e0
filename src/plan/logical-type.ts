/**
 * plan: the logical column types a plan may name, parsed from their text form.
 * "decimal(12,2)" → { name: "decimal", precision: 12, scale: 2 }. Plain data, so it posts to workers.
 */

/** A column's logical type. */
export type LogicalType =
  | {
      readonly name:
        | "int32"
        | "int64"
        | "float32"
        | "float64"
        | "string"
        | "bool"
        | "date"
        | "timestamp"
        | "uuid";
    }
  | { readonly name: "decimal"; readonly precision: number; readonly scale: number };

/** The names a plan may use for `type`. */
export const TYPE_NAMES = [
  "int32",
  "int64",
  "float32",
  "float64",
  "decimal",
  "string",
  "bool",
  "date",
  "timestamp",
  "uuid",
] as const;

const ALIASES: Record<string, string> = {
  int: "int64",
  integer: "int64",
  long: "int64",
  bigint: "int64",
  double: "float64",
  float: "float64",
  boolean: "bool",
  text: "string",
  varchar: "string",
};

/** Parses a type name; returns an error message instead of throwing. */
export function parseLogicalType(text: string): LogicalType | string {
  const t = text.trim().toLowerCase();
  const dec = /^decimal\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(t);
  if (dec !== null) {
    const precision = Number(dec[1]);
    const scale = Number(dec[2]);
    if (precision < 1 || precision > 38) return `decimal precision must be in [1, 38], got ${precision}`;
    if (scale > precision) return `decimal scale ${scale} exceeds precision ${precision}`;
    return { name: "decimal", precision, scale };
  }
  if (t === "decimal") return { name: "decimal", precision: 18, scale: 2 };
  const name = ALIASES[t] ?? t;
  if ((TYPE_NAMES as readonly string[]).includes(name) && name !== "decimal") {
    return { name } as LogicalType;
  }
  return `unknown type "${text}" (expected one of ${TYPE_NAMES.join(", ")}; decimal as decimal(P,S))`;
}

/** True for types whose values are numbers in JS. */
export function isNumeric(t: LogicalType): boolean {
  return (
    t.name === "int32" ||
    t.name === "int64" ||
    t.name === "float32" ||
    t.name === "float64" ||
    t.name === "decimal"
  );
}

/** The text form, as it appears in schemas and the data dictionary. */
export function typeText(t: LogicalType): string {
  return t.name === "decimal" ? `decimal(${t.precision},${t.scale})` : t.name;
}
