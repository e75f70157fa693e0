/**
 * expr: string functions — lower, upper, trim, length, substr, concat, contains, starts_with,
 * to_string. Batches → a batch; lengths and positions count code points, not UTF-16 units.
 */
import type { ExprType } from "./ast.js";
import { formatDate, formatTimestamp } from "./dates.js";
import { type FnSpec, sig } from "./fn-spec.js";
import { allValid, isValid, mapStr, type NumVec, num, type StrVec, str, type Vec } from "./vector.js";

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code points of s (cheap for the common case without surrogate pairs). */
function chars(s: string): readonly string[] | string {
  return SURROGATE.test(s) ? Array.from(s) : s;
}

/** SQL substr: 1-based start; a start below 1 eats into the length, as in PostgreSQL. */
function substr(s: string, start: number, len: number | undefined): string {
  const cs = chars(s);
  const from = Math.trunc(start) - 1;
  const to = len === undefined ? cs.length : from + Math.max(0, Math.trunc(len));
  const a = Math.max(0, from);
  const b = Math.min(cs.length, to);
  if (b <= a) return "";
  return typeof cs === "string" ? cs.slice(a, b) : cs.slice(a, b).join("");
}

/** One value as text, by its expression type. */
export function formatValue(v: number | string, t: ExprType): string {
  if (typeof v === "string") return v;
  if (t === "bool") return v !== 0 ? "true" : "false";
  if (t === "date") return formatDate(v);
  if (t === "timestamp") return formatTimestamp(v);
  return String(v);
}

/** Any vector as strings (to_string, concat). */
export function textOf(a: Vec, t: ExprType): StrVec {
  if (a.kind === "str" || t === "string") return str(a);
  const v = new Array<string>(a.v.length);
  for (let i = 0; i < v.length; i++) v[i] = isValid(a.valid, i) ? formatValue(a.v[i]!, t) : "";
  return { kind: "str", v, valid: a.valid };
}

function numOfStr(a: StrVec, f: (s: string) => number): NumVec {
  const v = new Float64Array(a.v.length);
  for (let i = 0; i < v.length; i++) v[i] = isValid(a.valid, i) ? f(a.v[i]!) : 0;
  return { kind: "num", v, valid: a.valid };
}

function strPair(args: readonly Vec[], n: number, f: (s: string, t: string) => boolean): NumVec {
  const a = str(args[0]!);
  const b = str(args[1]!);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = f(a.v[i]!, b.v[i]!) ? 1 : 0;
  return { kind: "num", v, valid: allValid([a.valid, b.valid], n) };
}

const STRING: readonly (readonly ExprType[])[] = [["string"]];

/** concat(...): any values as text, nulls skipped (as in PostgreSQL). */
const concat: FnSpec = {
  arity: [1, Number.POSITIVE_INFINITY],
  type: () => "string",
  run: (args, types, n) => {
    const parts = args.map((a, j) => textOf(a, types[j]!));
    const v = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      let s = "";
      for (const p of parts) if (isValid(p.valid, i)) s += p.v[i]!;
      v[i] = s;
    }
    return { kind: "str", v, valid: undefined };
  },
};

/** The string functions, by name. */
export const TEXT_FUNCTIONS: ReadonlyArray<readonly [string, FnSpec]> = [
  [
    "lower",
    {
      arity: [1, 1],
      type: (a) => sig(a, STRING, "string"),
      run: ([a]) => mapStr(str(a!), (s) => s.toLowerCase()),
    },
  ],
  [
    "upper",
    {
      arity: [1, 1],
      type: (a) => sig(a, STRING, "string"),
      run: ([a]) => mapStr(str(a!), (s) => s.toUpperCase()),
    },
  ],
  [
    "trim",
    { arity: [1, 1], type: (a) => sig(a, STRING, "string"), run: ([a]) => mapStr(str(a!), (s) => s.trim()) },
  ],
  [
    "length",
    {
      arity: [1, 1],
      type: (a) => sig(a, STRING, "number"),
      run: ([a]) => numOfStr(str(a!), (s) => chars(s).length),
    },
  ],
  [
    "substr",
    {
      arity: [2, 3],
      type: (a) => sig(a, [["string"], ["number"]], "string"),
      run: ([a, b, c], _t, n) => {
        const s = str(a!);
        const start = num(b!);
        const len = c === undefined ? undefined : num(c);
        const v = new Array<string>(n);
        for (let i = 0; i < n; i++) v[i] = substr(s.v[i]!, start.v[i]!, len?.v[i]);
        return { kind: "str", v, valid: allValid([s.valid, start.valid, len?.valid], n) };
      },
    },
  ],
  [
    "contains",
    {
      arity: [2, 2],
      type: (a) => sig(a, STRING, "bool"),
      run: (a, _t, n) => strPair(a, n, (s, t) => s.includes(t)),
    },
  ],
  [
    "starts_with",
    {
      arity: [2, 2],
      type: (a) => sig(a, STRING, "bool"),
      run: (a, _t, n) => strPair(a, n, (s, t) => s.startsWith(t)),
    },
  ],
  ["concat", concat],
  ["to_string", { arity: [1, 1], type: () => "string", run: ([a], [t]) => textOf(a!, t!) }],
];
