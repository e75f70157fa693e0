/**
 * expr: the parser — expression text → Node tree plus the column names it reads.
 * Precedence, low → high: `?:` · `or ||` · `and &&` · `not` · comparisons (non-chaining) ·
 * `+ -` · `* / %` · unary `- !` · literals, names, calls, parentheses. Never throws: bounded
 * length and nesting keep hostile input from exhausting the stack.
 */
import { type BinaryOp, MAX_EXPRESSION_LENGTH, MAX_NESTING, MAX_TREE_DEPTH, type Node } from "./ast.js";
import { type Token, tokenize } from "./lexer.js";

/** A parsed expression and the identifiers it reads (candidate column names), in first-use order. */
export type ParseResult =
  | { readonly ok: true; readonly ast: Node; readonly deps: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly position: number };

/**
 * Thrown inside the parser only; parseExpression turns it into a result. Not an Error: nothing
 * needs its stack, and capturing one per rejected input makes hostile input costlier.
 */
class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

const KEYWORDS = new Set(["true", "false", "null", "and", "or", "not"]);
const COMPARE = new Set(["==", "!=", "<", "<=", ">", ">="]);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isPunct(v: string): boolean {
    const t = this.peek();
    return t.k === "punct" && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.k === "ident" && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isPunct(v))
      throw new SyntaxFailure(`expected '${v}' but found ${this.show(this.peek())}`, this.peek().pos);
    this.i++;
  }
  private show(t: Token): string {
    if (t.k === "eof") return "end of expression";
    if (t.k === "str") return "a string";
    return `'${t.v}'`;
  }
  private nest<T>(pos: number, f: () => T): T {
    if (++this.depth > MAX_NESTING)
      throw new SyntaxFailure(`expression nests deeper than ${MAX_NESTING} levels`, pos);
    const r = f();
    this.depth--;
    return r;
  }

  parseAll(): Node {
    const e = this.ternary();
    const t = this.peek();
    if (t.k !== "eof") throw new SyntaxFailure(`unexpected ${this.show(t)}`, t.pos);
    return e;
  }

  private ternary(): Node {
    const test = this.or();
    if (!this.isPunct("?")) return test;
    const pos = this.next().pos;
    return this.nest(pos, () => {
      const then = this.ternary();
      this.expect(":");
      return { k: "cond", test, then, else: this.ternary(), pos: test.pos };
    });
  }

  private or(): Node {
    let left = this.and();
    for (;;) {
      const op: BinaryOp | undefined = this.isWord("or") ? "or" : this.isPunct("||") ? "||" : undefined;
      if (op === undefined) return left;
      const pos = this.next().pos;
      left = { k: "binary", op, left, right: this.and(), pos };
    }
  }

  private and(): Node {
    let left = this.not();
    while (this.isWord("and") || this.isPunct("&&")) {
      const pos = this.next().pos;
      left = { k: "binary", op: "and", left, right: this.not(), pos };
    }
    return left;
  }

  private not(): Node {
    if (!this.isWord("not")) return this.comparison();
    const pos = this.next().pos;
    return this.nest(pos, () => ({ k: "unary", op: "not", arg: this.not(), pos }));
  }

  private comparison(): Node {
    const left = this.additive();
    const t = this.peek();
    if (t.k !== "punct" || !COMPARE.has(t.v)) return left;
    this.i++;
    const node: Node = { k: "binary", op: t.v as BinaryOp, left, right: this.additive(), pos: t.pos };
    const u = this.peek();
    if (u.k === "punct" && COMPARE.has(u.v))
      throw new SyntaxFailure(`comparisons do not chain: use 'and' (a < b and b < c)`, u.pos);
    return node;
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isPunct("+") || this.isPunct("-")) {
      const t = this.next() as { v: BinaryOp; pos: number };
      left = { k: "binary", op: t.v, left, right: this.multiplicative(), pos: t.pos };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    while (this.isPunct("*") || this.isPunct("/") || this.isPunct("%")) {
      const t = this.next() as { v: BinaryOp; pos: number };
      left = { k: "binary", op: t.v, left, right: this.unary(), pos: t.pos };
    }
    return left;
  }

  private unary(): Node {
    if (this.isPunct("-") || this.isPunct("!")) {
      const t = this.next();
      return this.nest(t.pos, () => ({
        k: "unary",
        op: this.isMinus(t) ? "-" : "not",
        arg: this.unary(),
        pos: t.pos,
      }));
    }
    if (this.isPunct("+")) throw new SyntaxFailure("unary '+' is not supported", this.peek().pos);
    return this.primary();
  }
  private isMinus(t: Token): boolean {
    return t.k === "punct" && t.v === "-";
  }

  private primary(): Node {
    const t = this.next();
    switch (t.k) {
      case "num":
        return { k: "num", v: t.v, pos: t.pos };
      case "str":
        return { k: "str", v: t.v, pos: t.pos };
      case "ident":
        return this.word(t.v, t.pos);
      case "punct":
        if (t.v === "(")
          return this.nest(t.pos, () => {
            const e = this.ternary();
            this.expect(")");
            return e;
          });
        throw new SyntaxFailure(`unexpected '${t.v}'`, t.pos);
      case "eof":
        throw new SyntaxFailure("unexpected end of expression", t.pos);
    }
  }

  private word(name: string, pos: number): Node {
    if (name === "true" || name === "false") return { k: "bool", v: name === "true", pos };
    if (name === "null") return { k: "null", pos };
    if (KEYWORDS.has(name)) throw new SyntaxFailure(`unexpected '${name}'`, pos);
    if (!this.isPunct("(")) return { k: "ident", name, pos };
    this.i++;
    return this.nest(pos, () => {
      const args: Node[] = [];
      if (!this.isPunct(")")) {
        args.push(this.ternary());
        while (this.isPunct(",")) {
          this.i++;
          args.push(this.ternary());
        }
      }
      this.expect(")");
      return { k: "call", fn: name, args, pos };
    });
  }
}

function children(n: Node): readonly Node[] {
  switch (n.k) {
    case "unary":
      return [n.arg];
    case "binary":
      return [n.left, n.right];
    case "cond":
      return [n.test, n.then, n.else];
    case "call":
      return n.args;
    default:
      return [];
  }
}

/** Tree depth, stopping early once past the limit. */
function treeDepth(n: Node, limit: number): number {
  if (limit <= 0) return 1;
  let d = 0;
  for (const c of children(n)) d = Math.max(d, treeDepth(c, limit - 1));
  return d + 1;
}

function collectDeps(n: Node, out: string[]): void {
  if (n.k === "ident" && !out.includes(n.name)) out.push(n.name);
  for (const c of children(n)) collectDeps(c, out);
}

/** Parses expression text. Never throws. */
export function parseExpression(text: string): ParseResult {
  if (text.length > MAX_EXPRESSION_LENGTH)
    return {
      ok: false,
      message: `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`,
      position: MAX_EXPRESSION_LENGTH,
    };
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  if (tokens.length === 1) return { ok: false, message: "expression is empty", position: 0 };
  let ast: Node;
  try {
    ast = new Parser(tokens).parseAll();
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, message: e.message, position: e.position };
    throw e;
  }
  if (treeDepth(ast, MAX_TREE_DEPTH + 1) > MAX_TREE_DEPTH)
    return { ok: false, message: `expression tree is deeper than ${MAX_TREE_DEPTH} levels`, position: 0 };
  const deps: string[] = [];
  collectDeps(ast, deps);
  return { ok: true, ast, deps };
}
