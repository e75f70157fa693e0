/**
 * expr: the lexer — expression text → tokens with character offsets.
 * Knows only numbers, quoted strings, identifiers and a fixed punctuation set; anything else
 * (backticks, `.`, `[`, `=`, `;`) is a positioned error, never passed through.
 */
import type { ExprError } from "./ast.js";

/** One token; `pos` is its 0-based start offset. */
export type Token =
  | { readonly k: "num"; readonly v: number; readonly pos: number }
  | { readonly k: "str"; readonly v: string; readonly pos: number }
  | { readonly k: "ident"; readonly v: string; readonly pos: number }
  | { readonly k: "punct"; readonly v: string; readonly pos: number }
  | { readonly k: "eof"; readonly pos: number };

const PUNCT2 = new Set(["==", "!=", "<=", ">=", "&&", "||"]);
const PUNCT1 = new Set(["+", "-", "*", "/", "%", "(", ")", ",", "?", ":", "<", ">", "!"]);
const ESCAPES = new Map([
  ["n", "\n"],
  ["t", "\t"],
  ["r", "\r"],
  ["0", "\0"],
  ["\\", "\\"],
  ["'", "'"],
  ['"', '"'],
]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_");
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);

function describe(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 32 || code === 127 ? `U+${code.toString(16).padStart(4, "0")}` : `'${c}'`;
}

function lexString(text: string, start: number): { token: Token; end: number } | ExprError {
  const quote = text[start]!;
  let out = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return { token: { k: "str", v: out, pos: start }, end: i + 1 };
    if (c === "\\") {
      const e = text[i + 1];
      if (e === "u") {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          return { message: "bad \\u escape (expected 4 hex digits)", position: i };
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
        continue;
      }
      const mapped = e === undefined ? undefined : ESCAPES.get(e);
      if (mapped === undefined) return { message: `unknown escape \\${e ?? ""} in string`, position: i };
      out += mapped;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return { message: "unterminated string", position: start };
}

function lexNumber(text: string, start: number): { token: Token; end: number } | ExprError {
  const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(start, start + 400))!;
  const end = start + m[0].length;
  if (isIdentStart(text[end])) return { message: `unexpected '${text[end]}' after number`, position: end };
  const v = Number(m[0]);
  if (!Number.isFinite(v)) return { message: `number ${m[0]} is out of range`, position: start };
  return { token: { k: "num", v, pos: start }, end };
}

/** Splits text into tokens, ending with `eof`; or the first lexical error. */
export function tokenize(text: string): Token[] | ExprError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    let r: { token: Token; end: number } | ExprError;
    if (isDigit(c) || (c === "." && isDigit(text[i + 1]))) r = lexNumber(text, i);
    else if (c === "'" || c === '"') r = lexString(text, i);
    else if (isIdentStart(c)) {
      let j = i + 1;
      while (isIdentPart(text[j])) j++;
      r = { token: { k: "ident", v: text.slice(i, j), pos: i }, end: j };
    } else if (PUNCT2.has(text.slice(i, i + 2)))
      r = { token: { k: "punct", v: text.slice(i, i + 2), pos: i }, end: i + 2 };
    else if (PUNCT1.has(c)) r = { token: { k: "punct", v: c, pos: i }, end: i + 1 };
    else if (c === "=") r = { message: "unexpected '=' (use == to compare)", position: i };
    else
      r = {
        message: `unexpected character ${describe(String.fromCodePoint(text.codePointAt(i)!))}`,
        position: i,
      };
    if ("message" in r) return r;
    tokens.push(r.token);
    i = r.end;
  }
  tokens.push({ k: "eof", pos: text.length });
  return tokens;
}
