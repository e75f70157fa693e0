import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineCol, MAX_EXPRESSION_LENGTH, MAX_NESTING, type Node } from "../../src/expr/ast.js";
import { parseExpression } from "../../src/expr/parser.js";

/** A compact, fully parenthesized rendering of a tree, to assert precedence and associativity. */
function show(n: Node): string {
  switch (n.k) {
    case "num":
      return String(n.v);
    case "str":
      return JSON.stringify(n.v);
    case "bool":
      return String(n.v);
    case "null":
      return "null";
    case "ident":
      return n.name;
    case "unary":
      return `(${n.op} ${show(n.arg)})`;
    case "binary":
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case "cond":
      return `(${show(n.test)} ? ${show(n.then)} : ${show(n.else)})`;
    case "call":
      return `${n.fn}(${n.args.map(show).join(", ")})`;
  }
}

function tree(text: string): string {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`${r.message} at ${r.position}`);
  return show(r.ast);
}

function failure(text: string): { message: string; position: number } {
  const r = parseExpression(text);
  if (r.ok) throw new Error(`expected "${text}" to fail`);
  return { message: r.message, position: r.position };
}

describe("parseExpression: precedence and associativity", () => {
  it.each([
    ["1 + 2 * 3", "(1 + (2 * 3))"],
    ["(1 + 2) * 3", "((1 + 2) * 3)"],
    ["a - b - c", "((a - b) - c)"],
    ["a / b * c % d", "(((a / b) * c) % d)"],
    ["-a * b", "((- a) * b)"],
    ["- -a", "(- (- a))"],
    ["a + b < c * d", "((a + b) < (c * d))"],
    ["a < b and c or d", "(((a < b) and c) or d)"],
    ["a or b and c", "(a or (b and c))"],
    ["a && b || c", "((a and b) || c)"],
    ["not a == b", "(not (a == b))"],
    ["!a == b", "((not a) == b)"],
    ["c ? a : b ? x : y", "(c ? a : (b ? x : y))"],
    ["c ? d ? 1 : 2 : 3", "(c ? (d ? 1 : 2) : 3)"],
    ["x > 0 ? 'pos' : 'neg'", '((x > 0) ? "pos" : "neg")'],
    ["if(a, f(b, c), g())", "if(a, f(b, c), g())"],
    ["1.5e3 + .5", "(1500 + 0.5)"],
    ["true and false or null", "((true and false) or null)"],
  ])("%s → %s", (text, want) => {
    expect(tree(text)).toBe(want);
  });

  it("decodes string escapes in both quote styles", () => {
    const r = parseExpression(String.raw`'it\'s' + "a \"q\"\n\t\\\u00e9"`);
    expect(r.ok && r.ast.k === "binary" && [r.ast.left, r.ast.right]).toEqual([
      { k: "str", v: "it's", pos: 0 },
      { k: "str", v: 'a "q"\n\t\\é', pos: 10 },
    ]);
  });

  it("lists identifiers as dependencies, once each, in first-use order (calls are not deps)", () => {
    const r = parseExpression("quantity * unit_price + quantity - lower(name) + row");
    expect(r.ok && r.deps).toEqual(["quantity", "unit_price", "name", "row"]);
  });
});

describe("parseExpression: errors with positions", () => {
  it.each([
    ["1 +", "unexpected end of expression", 3],
    ["(1 + 2", "expected ')' but found end of expression", 6],
    ["a = 1", "unexpected '=' (use == to compare)", 2],
    ["1 < 2 < 3", "comparisons do not chain: use 'and' (a < b and b < c)", 6],
    ["'abc", "unterminated string", 0],
    [String.raw`'a\qb'`, "unknown escape \\q in string", 2],
    ["12abc", "unexpected 'a' after number", 2],
    ["a b", "unexpected 'b'", 2],
    ["f(1,)", "unexpected ')'", 4],
    ["", "expression is empty", 0],
    ["   ", "expression is empty", 0],
    ["1e999", "number 1e999 is out of range", 0],
    ["+1", "unary '+' is not supported", 0],
    ["a and", "unexpected end of expression", 5],
  ])("%j → %s at %i", (text, message, position) => {
    expect(failure(text)).toEqual({ message, position });
  });

  it("reports line:column for multi-line text", () => {
    const text = "quantity *\n  @price";
    const f = failure(text);
    expect(f.message).toBe("unexpected character '@'");
    expect(lineCol(text, f.position)).toBe("2:3");
  });

  it("rejects JS syntax that has no meaning here, cleanly", () => {
    expect(failure("constructor.constructor('return process')()")).toEqual({
      message: "unexpected character '.'",
      position: 11,
    });
    expect(failure("`rm -rf`").message).toBe("unexpected character '`'");
    expect(failure("a[0]").message).toBe("unexpected character '['");
    expect(failure("x; y").message).toBe("unexpected character ';'");
    expect(failure("(f)(1)").message).toBe("unexpected '('");
    expect(failure("f(1)(2)").message).toBe("unexpected '('");
    expect(failure("a => a").message).toBe("unexpected '=' (use == to compare)");
    expect(failure("\u0000").message).toBe("unexpected character U+0000");
  });

  it("bounds length and nesting so hostile input cannot exhaust the stack", () => {
    expect(failure("1".repeat(MAX_EXPRESSION_LENGTH + 1)).message).toMatch(/longer than 4096/);
    expect(tree(`${"(".repeat(MAX_NESTING - 1)}1${")".repeat(MAX_NESTING - 1)}`)).toBe("1");
    expect(failure(`${"(".repeat(MAX_NESTING + 1)}1${")".repeat(MAX_NESTING + 1)}`).message).toMatch(
      /nests deeper than 64/,
    );
    expect(failure(`${"-".repeat(2000)}1`).message).toMatch(/nests deeper than 64/);
    expect(failure(`${"f(".repeat(2000)}`).message).toMatch(/nests deeper than 64/);
    // A long flat chain is shallow to parse but deep as a tree: the tree limit catches it.
    expect(failure(Array.from({ length: 1000 }, () => "a").join("+")).message).toMatch(
      /tree is deeper than 256/,
    );
    expect(parseExpression(Array.from({ length: 200 }, () => "a").join("+")).ok).toBe(true);
  });
});

describe("parseExpression: fuzz", () => {
  const alphabet = [..."abcxyz019_.'\"\\()[]{},?:+-*/%<>=!&|` \n\t"].map((c) => fc.constant(c));
  const token = fc.constantFrom(
    "if(",
    "date(",
    "and",
    "or",
    "not",
    "null",
    "true",
    "'s'",
    "1.5",
    "__proto__",
    "constructor",
    "(",
    ")",
    ",",
    "?",
    ":",
    "==",
    "||",
    "&&",
    "-",
    "!",
  );

  it("never throws on random text (4,000 cases of unicode, punctuation and token soups)", () => {
    let cases = 0;
    const check = (text: string): boolean => {
      cases++;
      const r = parseExpression(text);
      return (
        r.ok ||
        (typeof r.message === "string" &&
          r.position >= 0 &&
          r.position <= Math.max(text.length, MAX_EXPRESSION_LENGTH))
      );
    };
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: "binary" }), check), { numRuns: 1500, seed: 1 });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(...alphabet), { maxLength: 120 }).map((a) => a.join("")),
        check,
      ),
      { numRuns: 1500, seed: 2 },
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 300 }).map((a) => a.join(" ")),
        check,
      ),
      { numRuns: 1000, seed: 3 },
    );
    expect(cases).toBe(4000);
  });
});
