/**
 * expr: the shape of one entry in the evaluator's fixed function table, and signature helpers.
 * A spec types its arguments at compile time and runs over whole batches at evaluation time.
 */
import type { ExprType } from "./ast.js";
import type { Vec } from "./vector.js";

/** One function or lowered operator. */
export interface FnSpec {
  /** Fewest and most arguments (Infinity for variadic). */
  readonly arity: readonly [number, number];
  /** The result type for these argument types, or a message saying what is wrong. */
  readonly type: (args: readonly ExprType[]) => ExprType | string;
  /** Mixed date/timestamp arguments are compared as timestamps (dates at midnight). */
  readonly promote?: boolean;
  /** Evaluates one batch; `types` are the argument types after promotion. */
  readonly run: (args: readonly Vec[], types: readonly ExprType[], n: number) => Vec;
}

/** True when `t` is one of `allowed`; the bare null literal fits anywhere. */
export function fits(t: ExprType | undefined, ...allowed: ExprType[]): boolean {
  return t === "null" || (t !== undefined && allowed.includes(t));
}

/** Checks every argument against `allowed`; returns `result` or the first mismatch. */
export function sig(
  args: readonly ExprType[],
  allowed: readonly (readonly ExprType[])[],
  result: ExprType,
): ExprType | string {
  for (let i = 0; i < args.length; i++) {
    const want = allowed[Math.min(i, allowed.length - 1)]!;
    if (!fits(args[i], ...want)) return `argument ${i + 1} must be ${want.join(" or ")}, got ${args[i]}`;
  }
  return result;
}

/** A spec whose arguments are all numbers and whose result is a number. */
export function numeric(arity: readonly [number, number], run: FnSpec["run"]): FnSpec {
  return { arity, type: (a) => sig(a, [["number"]], "number"), run };
}
