/**
 * expr: how expression types meet column types.
 * LogicalType → ExprType for columns an expression reads; ExprType + target LogicalType → whether
 * the result can be written to that column. Pure functions of their arguments.
 */
import { isNumeric, type LogicalType, typeText } from "../plan/logical-type.js";
import type { ExprType } from "./ast.js";

/** The expression type of a column's values. */
export function exprTypeOf(t: LogicalType): ExprType {
  if (isNumeric(t)) return "number";
  switch (t.name) {
    case "bool":
      return "bool";
    case "date":
      return "date";
    case "timestamp":
      return "timestamp";
    default:
      return "string";
  }
}

/** A column type for an expression result when the plan leaves `type` empty. */
export function logicalTypeOf(t: ExprType): LogicalType {
  switch (t) {
    case "string":
    case "bool":
    case "date":
    case "timestamp":
      return { name: t };
    default:
      return { name: "float64" };
  }
}

/** Undefined if a result of type `t` can be written to a column of type `target`, else why not. */
export function incompatibility(t: ExprType, target: LogicalType): string | undefined {
  if (t === "null" || t === "any") return undefined;
  const want = exprTypeOf(target);
  if (t === want || (t === "date" && want === "timestamp")) return undefined;
  const hint =
    want === "string"
      ? " (wrap it in to_string(...))"
      : want === "number" && t === "string"
        ? " (wrap it in to_int(...) or to_float(...))"
        : want === "date" && t === "timestamp"
          ? " (wrap it in date(...))"
          : "";
  return `expression yields ${t} but the column type is ${typeText(target)}${hint}`;
}

/** The common type of branches (if, coalesce, ternary), or undefined when they disagree. */
export function unify(types: readonly ExprType[]): ExprType | undefined {
  let out: ExprType = "null";
  for (const t of types) {
    if (t === "null" || t === out) continue;
    if (t === "any" || out === "any") out = "any";
    else if (out === "null") out = t;
    else if ((out === "date" && t === "timestamp") || (out === "timestamp" && t === "date"))
      out = "timestamp";
    else return undefined;
  }
  return out;
}
