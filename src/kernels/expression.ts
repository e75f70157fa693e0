/**
 * kernels/expression: a derived value from a safe expression over the same row, e.g.
 * "quantity * unit_price". Compile parses and type-checks once and stores the typed tree (plain
 * data) in params; build evaluates it per batch. value(row) depends only on the row's other columns.
 */
import type { Data } from "apache-arrow";
import type { ExprType, TNode } from "../expr/ast.js";
import { inferType } from "../expr/check.js";
import { compileExpression } from "../expr/compile-expression.js";
import { evaluateExpression } from "../expr/evaluate.js";
import { guessType } from "../expr/natural-type.js";
import { parseExpression } from "../expr/parser.js";
import { exprTypeOf, logicalTypeOf } from "../expr/types.js";
import { writeColumn } from "../expr/write-column.js";
import type { LogicalType } from "../plan/logical-type.js";
import { childPath, type Violation } from "../plan/violation.js";
import type { Kernel, TypeEnv } from "./kernel.js";
import { str } from "./params.js";

/** Types of the dependencies `env` has already compiled; undefined if any is still unknown. */
function knownTypes(deps: readonly string[], env: TypeEnv): Map<string, ExprType> | undefined {
  const out = new Map<string, ExprType>();
  for (const d of deps) {
    const c = env.siblingColumn(d);
    if (c !== undefined) out.set(d, exprTypeOf(c.type));
    else if (d !== "row") return undefined;
  }
  return out;
}

export const expressionKernel: Kernel = {
  naturalType(gen, env) {
    const parsed = parseExpression(str(gen, "expr"));
    if (!parsed.ok) return { name: "float64" }; // validation reports the syntax error
    const types = env === undefined ? undefined : knownTypes(parsed.deps, env);
    const inferred = types === undefined ? undefined : inferType(parsed.ast, types);
    return logicalTypeOf(inferred?.ok === true ? inferred.type : guessType(parsed.ast));
  },
  accepts: () => true,
  compile({ gen, type, path, columnNames, env }) {
    const text = str(gen, "expr");
    const at = childPath(path, "expr");
    // Validation calls compile without env: it has already reported syntax and unknown names,
    // and column types are only known once siblings compile.
    if (env === undefined) return { params: gen, deps: [], violations: [] };
    const parsed = parseExpression(text);
    const columns = new Map<string, LogicalType>();
    const violations: Violation[] = [];
    for (const d of parsed.ok ? parsed.deps : []) {
      const c = env.siblingColumn(d);
      if (c !== undefined) columns.set(d, c.type);
      else if (columnNames.includes(d))
        violations.push({
          path: at,
          message: `cannot read column "${d}": it is not computed before this expression (a reference cycle?)`,
        });
    }
    if (violations.length > 0) return { params: gen, deps: [], violations };
    const r = compileExpression(text, columns, at, type);
    if (!r.ok) return { params: gen, deps: [], violations: r.violations };
    return { params: { ...gen, ast: r.expr.ast, result: r.expr.type }, deps: r.expr.deps, violations: [] };
  },
  build(col, rows, ctx): Data {
    let ast = col.params.ast as TNode | undefined;
    let result = col.params.result as ExprType | undefined;
    if (ast === undefined || result === undefined) {
      // Compiled without sibling types (not through compilePlan): check against the table now.
      const r = compileExpression(str(col.params, "expr"), ctx.table.columns, col.name, col.type);
      if (!r.ok) throw new Error(`expression for column "${col.name}": ${r.violations[0]!.message}`);
      ast = r.expr.ast;
      result = r.expr.type;
    }
    return writeColumn(evaluateExpression(ast, ctx, rows), result, col.type);
  },
};
