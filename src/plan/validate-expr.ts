/**
 * validate: the bridge from plan validation to the expression language (src/expr).
 * (expression text, path, column names in scope) → syntax errors (with line:column), unknown
 * names (with did-you-mean) and the column names it reads. Never throws.
 */
import { lineCol } from "../expr/ast.js";
import { parseExpression } from "../expr/parser.js";
import { unknownName } from "./did-you-mean.js";
import type { Violation } from "./violation.js";

/** Names every expression may use besides the columns in scope. */
const BUILTINS = ["row"];

/** What validation learns from one expression. */
export interface ExpressionCheck {
  readonly violations: readonly Violation[];
  /** Column names the expression reads (known ones only). */
  readonly refs: readonly string[];
}

/** Syntax errors and unknown identifiers of `text`, reported at `path`. */
export function expressionViolations(text: string, path: string, scope: readonly string[]): ExpressionCheck {
  let parsed: ReturnType<typeof parseExpression>;
  try {
    parsed = parseExpression(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      violations: [{ path, message: `expression could not be checked: ${why.slice(0, 200)}` }],
      refs: [],
    };
  }
  if (!parsed.ok) {
    return {
      violations: [{ path, message: `syntax error at ${lineCol(text, parsed.position)}: ${parsed.message}` }],
      refs: [],
    };
  }
  const violations: Violation[] = [];
  const refs: string[] = [];
  for (const name of parsed.deps) {
    if (scope.includes(name)) refs.push(name);
    else if (!BUILTINS.includes(name)) violations.push({ path, message: unknownName("column", name, scope) });
  }
  return { violations, refs };
}
