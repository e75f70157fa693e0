/**
 * defects: the defect kinds a bronze table can carry, and which column types each applies to.
 * Text kinds turn their column into plain strings in the bronze schema (a typo'd value is not in
 * any dictionary, and mixed date formats are not dates).
 */
import type { LogicalType } from "../plan/logical-type.js";
import { isNumeric } from "../plan/logical-type.js";

/** Every defect kind, as written in plans. */
export const DEFECT_KINDS = [
  "null",
  "empty",
  "typo",
  "case",
  "whitespace",
  "date_format",
  "invalid_email",
  "invalid_phone",
  "outlier",
  "orphan",
] as const;

/** One defect kind. */
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Kinds that rewrite a value as text. */
export const TEXT_DEFECTS: ReadonlySet<string> = new Set([
  "empty",
  "typo",
  "case",
  "whitespace",
  "date_format",
  "invalid_email",
  "invalid_phone",
]);

/** Why a kind cannot apply to a column of this type, or undefined when it can. */
export function defectMismatch(kind: string, type: LogicalType, generator: string): string | undefined {
  if (kind === "date_format" && type.name !== "date" && type.name !== "timestamp")
    return "date_format needs a date or timestamp column";
  if (
    (kind === "typo" ||
      kind === "case" ||
      kind === "whitespace" ||
      kind === "empty" ||
      kind === "invalid_email" ||
      kind === "invalid_phone") &&
    type.name !== "string"
  )
    return `${kind} needs a string column`;
  if (kind === "outlier" && !isNumeric(type)) return "outlier needs a numeric column";
  if (kind === "orphan" && generator !== "foreign_key" && generator !== "lookup")
    return "orphan needs a foreign_key column";
  return undefined;
}
