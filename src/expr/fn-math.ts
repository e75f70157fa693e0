/**
 * expr: numeric functions — abs, round, floor, ceil, min, max, pow, sqrt, log, exp.
 * Batches of numbers → a batch of numbers; null in → null out, non-finite results become null.
 */
import { type FnSpec, numeric, sig } from "./fn-spec.js";
import { allValid, anyStr, mapNum, type NumVec, num, str, zipNum } from "./vector.js";

/** Round half away from zero to `places` decimals (negative places round to tens, hundreds...). */
function roundTo(x: number, places: number): number {
  const p = 10 ** Math.trunc(places);
  const r = Math.round(Math.abs(x) * p) / p;
  return x < 0 ? -r : r;
}

function extreme(pick: (a: number, b: number) => boolean): FnSpec {
  return {
    arity: [1, Number.POSITIVE_INFINITY],
    promote: true,
    type: (a) => {
      const first = a.find((t) => t !== "null") ?? "number";
      const ok = ["number", "string", "date", "timestamp"].includes(first);
      return ok
        ? sig(a, [[first]], first)
        : `arguments must be numbers, strings, dates or timestamps, got ${first}`;
    },
    run: (args, _t, n) => {
      const valid = allValid(
        args.map((a) => a.valid),
        n,
      );
      if (!anyStr(args)) {
        const out = new Float64Array(num(args[0]!).v);
        for (const a of args.slice(1)) {
          const v = num(a).v;
          for (let i = 0; i < n; i++) if (pick(v[i]!, out[i]!)) out[i] = v[i]!;
        }
        return { kind: "num", v: out, valid };
      }
      const out = str(args[0]!).v.slice();
      for (const a of args.slice(1)) {
        const v = str(a).v;
        for (let i = 0; i < n; i++)
          if (pick(v[i]! < out[i]! ? -1 : v[i]! > out[i]! ? 1 : 0, 0)) out[i] = v[i]!;
      }
      return { kind: "str", v: out, valid };
    },
  };
}

function pow(a: NumVec, b: NumVec): NumVec {
  return zipNum(a, b, (x, y) => x ** y);
}

/** The numeric functions, by name. */
export const MATH_FUNCTIONS: ReadonlyArray<readonly [string, FnSpec]> = [
  ["abs", numeric([1, 1], ([a]) => mapNum(num(a!), Math.abs))],
  ["floor", numeric([1, 1], ([a]) => mapNum(num(a!), Math.floor))],
  ["ceil", numeric([1, 1], ([a]) => mapNum(num(a!), Math.ceil))],
  ["sqrt", numeric([1, 1], ([a]) => mapNum(num(a!), Math.sqrt))],
  ["exp", numeric([1, 1], ([a]) => mapNum(num(a!), Math.exp))],
  [
    "log",
    numeric([1, 2], ([a, b]) =>
      b === undefined
        ? mapNum(num(a!), Math.log)
        : zipNum(num(a!), num(b), (x, base) => Math.log(x) / Math.log(base)),
    ),
  ],
  ["pow", numeric([2, 2], ([a, b]) => pow(num(a!), num(b!)))],
  [
    "round",
    numeric([1, 2], ([a, b]) =>
      b === undefined ? mapNum(num(a!), (x) => roundTo(x, 0)) : zipNum(num(a!), num(b), roundTo),
    ),
  ],
  ["min", extreme((x, best) => x < best)],
  ["max", extreme((x, best) => x > best)],
];
