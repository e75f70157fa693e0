/**
 * expr: a best guess at an expression's result type without knowing its columns' types.
 * Node → ExprType ("any" when nothing tells). Used only to pick a column type when the plan
 * leaves `type` empty; the real check (inferType) runs at compile time with column types.
 */
import type { ExprType, Node } from "./ast.js";

const RESULT = new Map<string, ExprType>([
  ...["abs", "round", "floor", "ceil", "pow", "sqrt", "log", "exp", "length", "to_int", "to_float"].map(
    (f) => [f, "number"] as const,
  ),
  ...["year", "month", "day", "hour", "minute", "second", "weekday", "date_diff"].map(
    (f) => [f, "number"] as const,
  ),
  ...["lower", "upper", "trim", "substr", "concat", "to_string"].map((f) => [f, "string"] as const),
  ...["contains", "starts_with", "is_null", "is_not_null"].map((f) => [f, "bool"] as const),
  ["date", "date"],
  ["timestamp", "timestamp"],
  ["timestamp_add_seconds", "timestamp"],
]);

const first = (ts: readonly ExprType[]): ExprType => ts.find((t) => t !== "any" && t !== "null") ?? "any";

/** The likely result type of an expression. */
export function guessType(n: Node): ExprType {
  switch (n.k) {
    case "num":
      return "number";
    case "str":
      return "string";
    case "bool":
      return "bool";
    case "null":
      return "null";
    case "ident":
      return n.name === "row" ? "number" : "any";
    case "unary":
      return n.op === "-" ? "number" : "bool";
    case "cond":
      return first([guessType(n.then), guessType(n.else)]);
    case "binary": {
      if (n.op === "and" || n.op === "or" || !["+", "-", "*", "/", "%", "||"].includes(n.op)) return "bool";
      const l = guessType(n.left);
      const r = guessType(n.right);
      if (n.op === "||")
        return l === "string" || r === "string" ? "string" : l === "bool" || r === "bool" ? "bool" : "any";
      if (n.op === "+" && (l === "string" || r === "string")) return "string";
      if ((n.op === "+" || n.op === "-") && (l === "date" || r === "date"))
        return n.op === "-" && r === "date" ? "number" : "date";
      return "number";
    }
    case "call": {
      if (n.fn === "if") return first(n.args.slice(1).map(guessType));
      if (n.fn === "coalesce" || n.fn === "min" || n.fn === "max") return first(n.args.map(guessType));
      if (n.fn === "date_add")
        return n.args[0] !== undefined && guessType(n.args[0]) === "timestamp" ? "timestamp" : "date";
      return RESULT.get(n.fn) ?? "any";
    }
  }
}
