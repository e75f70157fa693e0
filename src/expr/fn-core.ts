/**
 * expr: control and conversion functions — if, coalesce, is_null, to_int, to_float.
 * `if` and `coalesce` are the only functions whose result can be valid where an input is null.
 */
import type { ExprType } from "./ast.js";
import { type FnSpec, sig } from "./fn-spec.js";
import { unify } from "./types.js";
import { anyStr, isValid, type NumVec, num, str, type Validity, type Vec } from "./vector.js";

/** Picks, per row, the first argument index whose value `use` accepts; null when none does. */
function select(args: readonly Vec[], n: number, choose: (i: number) => number): Vec {
  const valid = new Uint8Array(n);
  const pickFrom = (i: number, j: number): boolean => j >= 0 && isValid(args[j]!.valid, i);
  if (anyStr(args)) {
    const vs = args.map(str);
    const v = new Array<string>(n).fill("");
    for (let i = 0; i < n; i++) {
      const j = choose(i);
      if (pickFrom(i, j)) {
        v[i] = vs[j]!.v[i]!;
        valid[i] = 1;
      }
    }
    return { kind: "str", v, valid };
  }
  const vs = args.map(num);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = choose(i);
    if (pickFrom(i, j)) {
      v[i] = vs[j]!.v[i]!;
      valid[i] = 1;
    }
  }
  return { kind: "num", v, valid };
}

function branches(a: readonly ExprType[]): ExprType | string {
  const t = unify(a);
  return t ?? `branches have different types: ${a.filter((x) => x !== "null").join(", ")}`;
}

/** if(c, a, b): a where c is true; b where c is false or null (as SQL CASE). */
const ifFn: FnSpec = {
  arity: [3, 3],
  promote: true,
  type: (a) =>
    a[0] !== "bool" && a[0] !== "null" ? `condition must be bool, got ${a[0]}` : branches(a.slice(1)),
  run: ([c, a, b], _t, n) => {
    const cond = num(c!);
    return select([a!, b!], n, (i) => (isValid(cond.valid, i) && cond.v[i] !== 0 ? 0 : 1));
  },
};

/** coalesce(a, b, ...): the first non-null argument. */
const coalesce: FnSpec = {
  arity: [1, Number.POSITIVE_INFINITY],
  promote: true,
  type: branches,
  run: (args, _t, n) => select(args, n, (i) => args.findIndex((a) => isValid(a.valid, i))),
};

function toNumber(parse: (s: string) => number): FnSpec["run"] {
  return ([a], [t], n) => {
    if (t === "string") {
      const s = str(a!);
      const v = new Float64Array(n);
      const valid = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const x = isValid(s.valid, i) && s.v[i]!.trim() !== "" ? parse(s.v[i]!.trim()) : Number.NaN;
        if (Number.isFinite(x)) {
          v[i] = x;
          valid[i] = 1;
        }
      }
      return { kind: "num", v, valid };
    }
    return num(a!);
  };
}

function nullTest(want: number): FnSpec["run"] {
  return ([a], _t, n) => {
    const valid: Validity = a!.valid;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = (isValid(valid, i) ? 0 : 1) === want ? 1 : 0;
    return { kind: "num", v, valid: undefined } satisfies NumVec;
  };
}

/** Control and conversion functions, by name. */
export const CORE_FUNCTIONS: ReadonlyArray<readonly [string, FnSpec]> = [
  ["if", ifFn],
  ["coalesce", coalesce],
  ["is_null", { arity: [1, 1], type: () => "bool", run: nullTest(1) }],
  ["is_not_null", { arity: [1, 1], type: () => "bool", run: nullTest(0) }],
  [
    "to_int",
    {
      arity: [1, 1],
      type: (a) => sig(a, [["number", "string", "bool"]], "number"),
      run: (args, types, n) => {
        const r = toNumber(Number)(args, types, n) as NumVec;
        return { kind: "num", v: r.v.map(Math.trunc), valid: r.valid };
      },
    },
  ],
  [
    "to_float",
    { arity: [1, 1], type: (a) => sig(a, [["number", "string", "bool"]], "number"), run: toNumber(Number) },
  ],
];
