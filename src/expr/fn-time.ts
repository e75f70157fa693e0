/**
 * expr: date and timestamp functions — date, timestamp, date_add, date_diff,
 * timestamp_add_seconds, year, month, day, hour, minute, second, weekday.
 * Dates are days since 1970-01-01, timestamps epoch µs (UTC); invalid text parses to null.
 */
import type { ExprType } from "./ast.js";
import { civilFromDays, isoWeekday, MICROS_PER_DAY, parseDate, parseTimestamp, validDays } from "./dates.js";
import { type FnSpec, sig } from "./fn-spec.js";
import { allValid, isValid, mapNum, type NumVec, num, str, type Vec, zipNum } from "./vector.js";

const DATEISH: ExprType[] = ["date", "timestamp"];

/** Parses valid rows of a string vector; unparseable text becomes null. */
function parseEach(a: Vec, parse: (s: string) => number | undefined): NumVec {
  const s = str(a);
  const v = new Float64Array(s.v.length);
  const valid = new Uint8Array(s.v.length);
  for (let i = 0; i < v.length; i++) {
    const r = isValid(s.valid, i) ? parse(s.v[i]!) : undefined;
    if (r !== undefined) {
      v[i] = r;
      valid[i] = 1;
    }
  }
  return { kind: "num", v, valid };
}

const dayOf = (t: ExprType) => (x: number) => (t === "timestamp" ? Math.floor(x / MICROS_PER_DAY) : x);

/** A calendar field of a date or timestamp. */
function field(f: (x: number, t: ExprType) => number): FnSpec {
  return {
    arity: [1, 1],
    type: (a) => sig(a, [DATEISH], "number"),
    run: ([a], [t]) => mapNum(num(a!), (x) => f(x, t!)),
  };
}

function timeOfDay(x: number, t: ExprType): number {
  return t === "timestamp" ? Math.floor((x - Math.floor(x / MICROS_PER_DAY) * MICROS_PER_DAY) / 1e6) : 0;
}

const date: FnSpec = {
  arity: [1, 3],
  type: (a) => {
    if (a.length === 3) return sig(a, [["number"]], "date");
    if (a.length === 2)
      return "date takes one argument (text, date or timestamp) or three (year, month, day)";
    return sig(a, [["string", "date", "timestamp"]], "date");
  },
  run: (args, types, n) => {
    if (args.length === 3) {
      const [y, m, d] = args.map(num) as [NumVec, NumVec, NumVec];
      const v = new Float64Array(n);
      const valid = allValid([y.valid, m.valid, d.valid], n)?.slice() ?? new Uint8Array(n).fill(1);
      for (let i = 0; i < n; i++) {
        const r = validDays(y.v[i]!, m.v[i]!, d.v[i]!);
        if (r === undefined) valid[i] = 0;
        else v[i] = r;
      }
      return { kind: "num", v, valid };
    }
    const t = types[0]!;
    if (t === "string") return parseEach(args[0]!, parseDate);
    return mapNum(num(args[0]!), dayOf(t));
  },
};

const timestamp: FnSpec = {
  arity: [1, 1],
  type: (a) => sig(a, [["string", "date", "timestamp"]], "timestamp"),
  run: ([a], [t]) => {
    if (t === "string") return parseEach(a!, parseTimestamp);
    return t === "date" ? mapNum(num(a!), (d) => d * MICROS_PER_DAY) : num(a!);
  },
};

/** The date/time functions, by name. */
export const TIME_FUNCTIONS: ReadonlyArray<readonly [string, FnSpec]> = [
  ["date", date],
  ["timestamp", timestamp],
  [
    "date_add",
    {
      arity: [2, 2],
      type: (a) => sig(a, [DATEISH, ["number"]], a[0] === "timestamp" ? "timestamp" : "date"),
      run: ([a, b], [t]) =>
        zipNum(num(a!), num(b!), (x, d) =>
          t === "timestamp" ? x + Math.round(d * MICROS_PER_DAY) : x + Math.trunc(d),
        ),
    },
  ],
  [
    "timestamp_add_seconds",
    {
      arity: [2, 2],
      type: (a) => sig(a, [["timestamp"], ["number"]], "timestamp"),
      run: ([a, b]) => zipNum(num(a!), num(b!), (x, s) => x + Math.round(s * 1e6)),
    },
  ],
  [
    "date_diff",
    {
      arity: [2, 2],
      promote: true,
      type: (a) =>
        a[0] !== a[1] && !a.includes("null")
          ? "arguments must both be dates or both timestamps"
          : sig(a, [DATEISH], "number"),
      run: ([a, b], [t]) =>
        zipNum(num(a!), num(b!), (x, y) =>
          t === "timestamp" ? Math.trunc((x - y) / MICROS_PER_DAY) : x - y,
        ),
    },
  ],
  ["year", field((x, t) => civilFromDays(dayOf(t)(x))[0])],
  ["month", field((x, t) => civilFromDays(dayOf(t)(x))[1])],
  ["day", field((x, t) => civilFromDays(dayOf(t)(x))[2])],
  ["weekday", field((x, t) => isoWeekday(dayOf(t)(x)))],
  ["hour", field((x, t) => Math.floor(timeOfDay(x, t) / 3600))],
  ["minute", field((x, t) => Math.floor(timeOfDay(x, t) / 60) % 60)],
  ["second", field((x, t) => timeOfDay(x, t) % 60)],
];
