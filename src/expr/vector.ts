/**
 * expr: the evaluator's column values — one batch of numbers or strings with a validity mask.
 * Numbers hold numbers, bools (0/1), dates (days) and timestamps (epoch µs). A numeric result is
 * finite or null: NaN and ±Infinity (x/0, sqrt(-1)) become null, so they never reach int columns.
 */

/** One byte per row: 1 valid, 0 null; `undefined` means every row is valid. */
export type Validity = Uint8Array | undefined;

/** A batch of numeric-like values. */
export interface NumVec {
  readonly kind: "num";
  readonly v: Float64Array;
  readonly valid: Validity;
}

/** A batch of strings. */
export interface StrVec {
  readonly kind: "str";
  readonly v: string[];
  readonly valid: Validity;
}

/** A batch of values of one expression type. */
export type Vec = NumVec | StrVec;

/** Rows valid in both masks. */
export function bothValid(a: Validity, b: Validity, n: number): Validity {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** Rows valid in every mask. */
export function allValid(masks: readonly Validity[], n: number): Validity {
  let out: Validity;
  for (const m of masks) out = bothValid(out, m, n);
  return out;
}

/** True if row i is valid. */
export function isValid(m: Validity, i: number): boolean {
  return m === undefined || m[i] === 1;
}

/** A numeric vector whose non-finite values are turned into nulls. */
export function finiteVec(v: Float64Array, valid: Validity): NumVec {
  let out = valid;
  for (let i = 0; i < v.length; i++) {
    if (Number.isFinite(v[i]!)) continue;
    if (out === undefined) out = new Uint8Array(v.length).fill(1);
    else if (out === valid) out = valid.slice();
    out[i] = 0;
    v[i] = 0;
  }
  return { kind: "num", v, valid: out };
}

/** Applies a unary numeric function row by row. */
export function mapNum(a: NumVec, f: (x: number) => number): NumVec {
  const n = a.v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a.v[i]!);
  return finiteVec(out, a.valid);
}

/** Applies a binary numeric function row by row; null if either input is null. */
export function zipNum(a: NumVec, b: NumVec, f: (x: number, y: number) => number): NumVec {
  const n = a.v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a.v[i]!, b.v[i]!);
  return finiteVec(out, bothValid(a.valid, b.valid, n));
}

/** Applies a string → string function to valid rows. */
export function mapStr(a: StrVec, f: (s: string) => string): StrVec {
  const v = new Array<string>(a.v.length);
  for (let i = 0; i < v.length; i++) v[i] = isValid(a.valid, i) ? f(a.v[i]!) : "";
  return { kind: "str", v, valid: a.valid };
}

function allNull(v: Vec): boolean {
  return v.valid?.every((b) => b === 0) === true;
}

/** The numeric view of a vector the checker typed as numeric-like (or the bare null literal). */
export function num(v: Vec): NumVec {
  if (v.kind === "num") return v;
  if (allNull(v)) return { kind: "num", v: new Float64Array(v.v.length), valid: v.valid };
  throw new Error("expression evaluator: expected a numeric vector");
}

/** The string view of a vector the checker typed as string (or the bare null literal). */
export function str(v: Vec): StrVec {
  if (v.kind === "str") return v;
  if (allNull(v)) return { kind: "str", v: new Array<string>(v.v.length).fill(""), valid: v.valid };
  throw new Error("expression evaluator: expected a string vector");
}

/** True if any argument holds strings (so a mixed call with null literals runs as strings). */
export function anyStr(args: readonly Vec[]): boolean {
  return args.some((a) => a.kind === "str");
}

/** A batch of nulls. */
export function nullVec(n: number): NumVec {
  return { kind: "num", v: new Float64Array(n), valid: new Uint8Array(n) };
}
