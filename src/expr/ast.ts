/**
 * expr: the plain-data shapes of the expression language — parsed nodes and typed nodes.
 * Text → Node (parser) → TNode (check). Both are JSON-safe data with no functions or classes, so a
 * compiled expression posts to workers as part of the CompiledPlan.
 */

/** The value types an expression can have. `null` is the bare null literal; `any` only appears
 * when column types are unknown (guessing a natural type), never in an evaluated tree. */
export type ExprType = "number" | "string" | "bool" | "date" | "timestamp" | "null" | "any";

/** Longest expression text accepted, so hostile input stays cheap to reject. */
export const MAX_EXPRESSION_LENGTH = 4096;
/** Deepest syntactic nesting (parentheses, calls, unary and ternary operators). */
export const MAX_NESTING = 64;
/** Deepest tree (long operator chains also deepen the tree), bounding evaluator recursion. */
export const MAX_TREE_DEPTH = 256;

/** A parsed expression node; `pos` is the 0-based character offset where it starts. */
export type Node =
  | { readonly k: "num"; readonly v: number; readonly pos: number }
  | { readonly k: "str"; readonly v: string; readonly pos: number }
  | { readonly k: "bool"; readonly v: boolean; readonly pos: number }
  | { readonly k: "null"; readonly pos: number }
  | { readonly k: "ident"; readonly name: string; readonly pos: number }
  | { readonly k: "unary"; readonly op: UnaryOp; readonly arg: Node; readonly pos: number }
  | {
      readonly k: "binary";
      readonly op: BinaryOp;
      readonly left: Node;
      readonly right: Node;
      readonly pos: number;
    }
  | {
      readonly k: "cond";
      readonly test: Node;
      readonly then: Node;
      readonly else: Node;
      readonly pos: number;
    }
  | { readonly k: "call"; readonly fn: string; readonly args: readonly Node[]; readonly pos: number };

/** Unary operators (`!` is parsed as `not`). */
export type UnaryOp = "-" | "not";

/** Binary operators (`&&` is parsed as `and`; `||` stays itself: it means `or` or concatenation). */
export type BinaryOp =
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "and"
  | "or"
  | "||";

/**
 * A typed node, ready to evaluate. Operators and functions are lowered to one `op` name of the
 * evaluator's fixed table; literals hold their evaluated form (bool 0/1, date days, timestamp µs).
 */
export type TNode =
  | { readonly k: "lit"; readonly t: ExprType; readonly v: number | string | null }
  | { readonly k: "col"; readonly t: ExprType; readonly name: string }
  | { readonly k: "row"; readonly t: "number" }
  | { readonly k: "op"; readonly t: ExprType; readonly op: string; readonly args: readonly TNode[] };

/** A problem in an expression, at a 0-based character offset. */
export interface ExprError {
  readonly message: string;
  readonly position: number;
  /** Printed after the position, e.g. `(did you mean "quantity"?)`. */
  readonly hint?: string;
}

/** Every ExprType, for telling a type from an error message. */
export const EXPR_TYPES: ReadonlySet<string> = new Set([
  "number",
  "string",
  "bool",
  "date",
  "timestamp",
  "null",
  "any",
]);

/** `line:column` (1-based) of a character offset, as messages print it. */
export function lineCol(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}
