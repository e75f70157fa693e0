/**
 * expr: the type checker — Node tree + column types → a typed, lowered TNode tree, or every error
 * with its position. Resolves `+` and `||` by operand type, promotes dates where they meet
 * timestamps, and folds date('…')/timestamp('…') literals so bad dates fail at compile time.
 */

import { closest } from "../plan/did-you-mean.js";
import { EXPR_TYPES, type ExprError, type ExprType, type Node, type TNode } from "./ast.js";
import { parseDate, parseTimestamp } from "./dates.js";
import { FUNCTIONS } from "./functions.js";

/** Column name → expression type, for the table an expression reads. */
export type ColumnTypes = ReadonlyMap<string, ExprType>;

/** The typed tree and its result type, or every error found. */
export type InferResult =
  | { readonly ok: true; readonly type: ExprType; readonly typed: TNode; readonly deps: readonly string[] }
  | { readonly ok: false; readonly errors: readonly ExprError[] };

const op = (t: ExprType, name: string, ...args: TNode[]): TNode => ({ k: "op", t, op: name, args });
const isNull = (n: TNode): boolean => n.k === "lit" && n.t === "null";
const ARITH = new Map([
  ["*", "op:mul"],
  ["/", "op:div"],
  ["%", "op:mod"],
]);
const COMPARE = new Map([
  ["==", "op:eq"],
  ["!=", "op:ne"],
  ["<", "op:lt"],
  ["<=", "op:le"],
  [">", "op:gt"],
  [">=", "op:ge"],
]);

function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const g = closest(name, candidates);
  return g === undefined ? undefined : `(did you mean "${g}"?)`;
}

class Checker {
  readonly errors: ExprError[] = [];
  readonly deps: string[] = [];
  constructor(private readonly columns: ColumnTypes) {}

  private fail(message: string, position: number, hint?: string): undefined {
    this.errors.push(hint === undefined ? { message, position } : { message, position, hint });
    return undefined;
  }

  /** Dates meeting timestamps become timestamps at midnight. */
  private promote(args: TNode[]): TNode[] {
    if (!args.some((a) => a.t === "timestamp")) return args;
    return args.map((a) => (a.t === "date" ? op("timestamp", "op:ts_of_date", a) : a));
  }

  check(n: Node): TNode | undefined {
    switch (n.k) {
      case "num":
        return { k: "lit", t: "number", v: n.v };
      case "str":
        return { k: "lit", t: "string", v: n.v };
      case "bool":
        return { k: "lit", t: "bool", v: n.v ? 1 : 0 };
      case "null":
        return { k: "lit", t: "null", v: null };
      case "ident":
        return this.ident(n.name, n.pos);
      case "unary":
        return this.unary(n);
      case "binary":
        return this.binary(n);
      case "cond":
        return this.call("if", [n.test, n.then, n.else], n.pos, "the conditional (?:)");
      case "call":
        return this.call(n.fn, n.args, n.pos, n.fn);
    }
  }

  private ident(name: string, pos: number): TNode | undefined {
    const t = this.columns.get(name);
    if (t !== undefined) {
      if (!this.deps.includes(name)) this.deps.push(name);
      return { k: "col", t, name };
    }
    if (name === "row") return { k: "row", t: "number" };
    return this.fail(`unknown column "${name}"`, pos, suggest(name, [...this.columns.keys(), "row"]));
  }

  private unary(n: Extract<Node, { k: "unary" }>): TNode | undefined {
    const a = this.check(n.arg);
    if (a === undefined) return undefined;
    const want: ExprType = n.op === "-" ? "number" : "bool";
    if (a.t !== want && a.t !== "null") return this.fail(`'${n.op}' needs a ${want}, got ${a.t}`, n.pos);
    return op(want, n.op === "-" ? "op:neg" : "op:not", a);
  }

  private binary(n: Extract<Node, { k: "binary" }>): TNode | undefined {
    const l = this.check(n.left);
    const r = this.check(n.right);
    if (l === undefined || r === undefined) return undefined;
    const [a, b] = this.promote([l, r]) as [TNode, TNode];
    const lt = a.t === "null" ? b.t : a.t;
    const rt = b.t === "null" ? a.t : b.t;
    const both = (t: ExprType): boolean => lt === t && rt === t;
    const bad = (hint?: string) => this.fail(`cannot apply '${n.op}' to ${a.t} and ${b.t}`, n.pos, hint);
    switch (n.op) {
      case "+":
        if (both("string")) return op("string", "op:concat", a, b);
        if (lt === "date" && rt === "number") return op("date", "op:date_add", a, b);
        if (lt === "number" && rt === "date") return op("date", "op:date_add", b, a);
        if (both("number") || both("null")) return op("number", "op:add", a, b);
        return bad(lt === "string" || rt === "string" ? "(use || or concat(...) to join text)" : undefined);
      case "-":
        if (lt === "date" && rt === "number") return op("date", "op:date_sub", a, b);
        if (both("date")) return op("number", "op:sub", a, b);
        if (both("number") || both("null")) return op("number", "op:sub", a, b);
        return bad(lt === "timestamp" ? "(use date_diff(...) or timestamp_add_seconds(...))" : undefined);
      case "and":
      case "or":
        if ((lt === "bool" || lt === "null") && (rt === "bool" || rt === "null"))
          return op("bool", `op:${n.op}`, a, b);
        return bad();
      case "||":
        if (lt === "string" || rt === "string") return op("string", "op:concat", this.text(a), this.text(b));
        if ((lt === "bool" || lt === "null") && (rt === "bool" || rt === "null"))
          return op("bool", "op:or", a, b);
        return bad("(|| is 'or' for bools and concatenation for text)");
      case "==":
      case "!=":
        if (isNull(l) || isNull(r))
          return op("bool", n.op === "==" ? "is_null" : "is_not_null", isNull(l) ? r : l);
        break;
    }
    const cmp = COMPARE.get(n.op);
    if (cmp !== undefined) return lt === rt ? op("bool", cmp, a, b) : bad();
    if (both("number") || both("null")) return op("number", ARITH.get(n.op)!, a, b);
    return bad();
  }

  /** Any non-string value as text, for `||`. */
  private text(n: TNode): TNode {
    return n.t === "string" || n.t === "null" ? n : op("string", "to_string", n);
  }

  private call(fn: string, argNodes: readonly Node[], pos: number, shown: string): TNode | undefined {
    const spec = FUNCTIONS.get(fn);
    if (spec === undefined) return this.fail(`unknown function "${fn}"`, pos, suggest(fn, FUNCTIONS.keys()));
    const [min, max] = spec.arity;
    if (argNodes.length < min || argNodes.length > max) {
      const want =
        min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
      return this.fail(
        `${shown}() takes ${want} argument${want === "1" ? "" : "s"}, got ${argNodes.length}`,
        pos,
      );
    }
    const folded = this.fold(fn, argNodes);
    if (folded !== null) return folded;
    const checked = argNodes.map((a) => this.check(a));
    if (checked.some((a) => a === undefined)) return undefined;
    const args = spec.promote === true ? this.promote(checked as TNode[]) : (checked as TNode[]);
    const t = spec.type(args.map((a) => a.t));
    if (!EXPR_TYPES.has(t)) return this.fail(`${shown.includes(" ") ? shown : `${shown}()`}: ${t}`, pos);
    return op(t as ExprType, fn, ...args);
  }

  /** date('…') and timestamp('…') with a literal become constants, checked now. */
  private fold(fn: string, args: readonly Node[]): TNode | undefined | null {
    const a = args[0];
    if ((fn !== "date" && fn !== "timestamp") || args.length !== 1 || a?.k !== "str") return null;
    const v = fn === "date" ? parseDate(a.v) : parseTimestamp(a.v);
    if (v === undefined)
      return this.fail(
        `invalid ${fn} '${a.v}' (expected ${fn === "date" ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]"})`,
        a.pos,
      );
    return { k: "lit", t: fn, v };
  }
}

/**
 * Types an expression against the columns it may read; unknown names, unknown functions and type
 * mismatches come back as positioned errors. `deps` lists the columns actually read.
 */
export function inferType(ast: Node, columns: ColumnTypes): InferResult {
  const c = new Checker(columns);
  const typed = c.check(ast);
  if (typed === undefined || c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, type: typed.t, typed, deps: c.deps };
}
