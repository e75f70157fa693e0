/**
 * expr: the vectorized evaluator — typed tree + dependency columns + rows → one vector per batch.
 * Walks the tree once per batch, each node computing all rows; only the fixed runner table is
 * consulted, so evaluation can do nothing but the operators and functions it knows.
 */
import type { Data } from "apache-arrow";
import { type Rows, rowAt } from "../kernels/kernel.js";
import type { TNode } from "./ast.js";
import { RUNNERS } from "./functions.js";
import { readColumn } from "./read-column.js";
import { isValid, nullVec, type Vec } from "./vector.js";

/** Where an evaluation reads its columns: a BatchContext, or any table view at the same rows. */
export interface ColumnSource {
  column(name: string): Data;
}

function literal(node: Extract<TNode, { k: "lit" }>, n: number): Vec {
  if (node.v === null) return nullVec(n);
  if (typeof node.v === "string")
    return { kind: "str", v: new Array<string>(n).fill(node.v), valid: undefined };
  return { kind: "num", v: new Float64Array(n).fill(node.v), valid: undefined };
}

function rowNumbers(rows: Rows): Vec {
  const v = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) v[i] = rowAt(rows, i);
  return { kind: "num", v, valid: undefined };
}

/** Evaluates a checked expression over `rows`; columns come from `ctx` at the same rows. */
export function evaluateExpression(ast: TNode, ctx: ColumnSource, rows: Rows): Vec {
  const n = rows.count;
  const columns = new Map<string, Vec>();
  const walk = (node: TNode): Vec => {
    switch (node.k) {
      case "lit":
        return literal(node, n);
      case "row":
        return rowNumbers(rows);
      case "col": {
        let v = columns.get(node.name);
        if (v === undefined) {
          const data = ctx.column(node.name);
          if (data.length !== n)
            throw new Error(`expression: column "${node.name}" has ${data.length} rows, expected ${n}`);
          v = readColumn(data);
          columns.set(node.name, v);
        }
        return v;
      }
      case "op": {
        const run = RUNNERS.get(node.op);
        if (run === undefined) throw new Error(`expression: unknown operation "${node.op}"`);
        return run(
          node.args.map(walk),
          node.args.map((a) => a.t),
          n,
        );
      }
    }
  };
  return walk(ast);
}

/** Evaluates a bool expression as a row filter: 1 where it is true, 0 where false or null. */
export function evaluatePredicate(ast: TNode, ctx: ColumnSource, rows: Rows): Uint8Array {
  if (ast.t !== "bool" && ast.t !== "null")
    throw new Error(`expression: a filter must be bool, got ${ast.t}`);
  const v = evaluateExpression(ast, ctx, rows);
  const out = new Uint8Array(rows.count);
  for (let i = 0; i < out.length; i++) out[i] = isValid(v.valid, i) && v.v[i] !== 0 ? 1 : 0;
  return out;
}
