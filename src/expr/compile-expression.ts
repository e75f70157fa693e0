/**
 * expr: the entry point other stages use — expression text + the columns it may read → a checked,
 * plain-data CompiledExpression, or violations at the given field path with `line:col` positions.
 * Serves the `expression` kernel, foreign-key `where` filters and `aggregate` expressions.
 */
import type { LogicalType } from "../plan/logical-type.js";
import type { Violation } from "../plan/violation.js";
import { type ExprError, type ExprType, lineCol, type TNode } from "./ast.js";
import { inferType } from "./check.js";
import { parseExpression } from "./parser.js";
import { exprTypeOf, incompatibility } from "./types.js";

/** A checked expression: the typed tree to evaluate, its result type and the columns it reads. */
export interface CompiledExpression {
  readonly text: string;
  readonly ast: TNode;
  readonly type: ExprType;
  readonly deps: readonly string[];
}

/** A compiled expression, or every reason it could not compile. */
export type CompileExpressionResult =
  | { readonly ok: true; readonly expr: CompiledExpression }
  | { readonly ok: false; readonly violations: readonly Violation[] };

/** `message at line:col (hint)`, the form every expression violation takes. */
export function formatExprError(text: string, e: ExprError): string {
  return `${e.message} at ${lineCol(text, e.position)}${e.hint === undefined ? "" : ` ${e.hint}`}`;
}

/** The columns a table offers an expression: name → logical type. */
export type ColumnSchema =
  | ReadonlyMap<string, LogicalType>
  | Iterable<{ readonly name: string; readonly type: LogicalType }>;

function exprColumns(columns: ColumnSchema): Map<string, ExprType> {
  const out = new Map<string, ExprType>();
  if (columns instanceof Map) for (const [name, t] of columns) out.set(name, exprTypeOf(t));
  else
    for (const c of columns as Iterable<{ name: string; type: LogicalType }>)
      out.set(c.name, exprTypeOf(c.type));
  return out;
}

/**
 * Parses and type-checks `text` against `columns`. With `target`, the result must fit a column of
 * that type; with `"bool"`, it must be a condition (foreign-key `where`).
 */
export function compileExpression(
  text: string,
  columns: ColumnSchema,
  path: string,
  target?: LogicalType,
): CompileExpressionResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return { ok: false, violations: [{ path, message: formatExprError(text, parsed) }] };
  const inferred = inferType(parsed.ast, exprColumns(columns));
  if (!inferred.ok)
    return {
      ok: false,
      violations: inferred.errors.map((e) => ({ path, message: formatExprError(text, e) })),
    };
  if (target !== undefined) {
    const why = incompatibility(inferred.type, target);
    if (why !== undefined) return { ok: false, violations: [{ path, message: why }] };
  }
  return { ok: true, expr: { text, ast: inferred.typed, type: inferred.type, deps: inferred.deps } };
}

/** Compiles a row filter such as a foreign key's `where`: the expression must be bool. */
export function compilePredicate(text: string, columns: ColumnSchema, path: string): CompileExpressionResult {
  const r = compileExpression(text, columns, path);
  if (r.ok && r.expr.type !== "bool" && r.expr.type !== "null")
    return {
      ok: false,
      violations: [
        { path, message: `a filter must be a bool condition, but this expression yields ${r.expr.type}` },
      ],
    };
  return r;
}
