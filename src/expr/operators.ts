/**
 * expr: the operators, lowered by the checker to `op:` entries of the evaluator's table.
 * Arithmetic and comparisons propagate nulls; and/or/not use three-valued (Kleene) logic, so
 * `false and null` is false and `true or null` is true.
 */

import { MICROS_PER_DAY } from "./dates.js";
import type { FnSpec } from "./fn-spec.js";
import { anyStr, bothValid, isValid, mapNum, num, type StrVec, str, type Vec, zipNum } from "./vector.js";

type Run = FnSpec["run"];

function compare(test: (c: number) => boolean): Run {
  return (args, _t, n) => {
    const v = new Float64Array(n);
    if (anyStr(args)) {
      const a = str(args[0]!);
      const b = str(args[1]!);
      for (let i = 0; i < n; i++) v[i] = test(a.v[i]! < b.v[i]! ? -1 : a.v[i]! > b.v[i]! ? 1 : 0) ? 1 : 0;
      return { kind: "num", v, valid: bothValid(a.valid, b.valid, n) };
    }
    const a = num(args[0]!);
    const b = num(args[1]!);
    for (let i = 0; i < n; i++) v[i] = test(a.v[i]! - b.v[i]!) ? 1 : 0;
    return { kind: "num", v, valid: bothValid(a.valid, b.valid, n) };
  };
}

/** Three-valued and/or: `dominant` (0 for and, 1 for or) wins even against null. */
function logic(dominant: number): Run {
  return ([x, y], _t, n) => {
    const a = num(x!);
    const b = num(y!);
    const v = new Float64Array(n);
    const valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const va = isValid(a.valid, i);
      const vb = isValid(b.valid, i);
      if ((va && a.v[i] === dominant) || (vb && b.v[i] === dominant)) {
        v[i] = dominant;
        valid[i] = 1;
      } else if (va && vb) {
        v[i] = 1 - dominant;
        valid[i] = 1;
      }
    }
    return { kind: "num", v, valid };
  };
}

function concat2([x, y]: readonly Vec[], _t: unknown, n: number): StrVec {
  const a = str(x!);
  const b = str(y!);
  const v = new Array<string>(n);
  for (let i = 0; i < n; i++) v[i] = a.v[i]! + b.v[i]!;
  return { kind: "str", v, valid: bothValid(a.valid, b.valid, n) };
}

const arith =
  (f: (x: number, y: number) => number): Run =>
  ([a, b]) =>
    zipNum(num(a!), num(b!), f);

/** Operator implementations by lowered name. Types were checked when lowering. */
export const OPERATORS: ReadonlyArray<readonly [string, Run]> = [
  ["op:neg", ([a]) => mapNum(num(a!), (x) => -x)],
  ["op:not", ([a]) => mapNum(num(a!), (x) => (x === 0 ? 1 : 0))],
  ["op:add", arith((x, y) => x + y)],
  ["op:sub", arith((x, y) => x - y)],
  ["op:mul", arith((x, y) => x * y)],
  ["op:div", arith((x, y) => x / y)],
  ["op:mod", arith((x, y) => x % y)],
  ["op:date_add", arith((d, k) => d + Math.trunc(k))],
  ["op:date_sub", arith((d, k) => d - Math.trunc(k))],
  ["op:ts_of_date", ([a]) => mapNum(num(a!), (d) => d * MICROS_PER_DAY)],
  ["op:concat", concat2],
  ["op:eq", compare((c) => c === 0)],
  ["op:ne", compare((c) => c !== 0)],
  ["op:lt", compare((c) => c < 0)],
  ["op:le", compare((c) => c <= 0)],
  ["op:gt", compare((c) => c > 0)],
  ["op:ge", compare((c) => c >= 0)],
  ["op:and", logic(0)],
  ["op:or", logic(1)],
];
