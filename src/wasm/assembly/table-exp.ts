/**
 * wasm (AssemblyScript): src/kernels/table-exp.ts tableExp on two lanes, in the same operations and
 * order, so the doubles are the same: clamp, k = round(64x / ln 2), r = x − k·ln 2/64 in two parts,
 * the degree-5 polynomial, 2^(j/64) from the table, then the two halves of 2^(k >> 6) built from bits.
 */

/** table-exp.ts's constants, each in both lanes (see hash.ts on v128 constants). */
const TE = memory.data<f64>(
  [
    -746.0, -746.0, 710.0, 710.0, 92.33248261689366, 92.33248261689366, 6755399441055744.0, 6755399441055744.0,
    0.010830424696223417, 0.010830424696223417, 2.572804622327669e-14, 2.572804622327669e-14, 0.5, 0.5,
    1.0 / 6.0, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 120.0,
  ],
  16,
);

// @ts-ignore: decorator
@inline
function te(i: usize): v128 {
  return v128.load(TE + (i << 4));
}

/** 2^e for the i32 exponents in lanes 0 and 2: (e + 1023) << 20 in each double's high word. */
// @ts-ignore: decorator
@inline
function pow2(e: v128): v128 {
  const high = i32x4.shl(i32x4.add(e, i32x4.splat(1023)), 20);
  return i32x4.shuffle(i32x4.splat(0), high, 0, 4, 0, 6);
}

/** tableExp of two lanes; `table` holds table-exp.ts EXP_TABLE (64 doubles). */
// @ts-ignore: decorator
@inline
export function tableExpLanes(x: v128, table: usize): v128 {
  // pmax/pmin are the TypeScript's compare-and-pick, NaN passing through.
  const c = f64x2.pmin(f64x2.pmax(x, te(0)), te(1));
  const kd = f64x2.add(f64x2.mul(c, te(2)), te(3));
  const k = f64x2.sub(kd, te(3));
  const r = f64x2.sub(f64x2.sub(c, f64x2.mul(k, te(4))), f64x2.mul(k, te(5)));
  const r2 = f64x2.mul(r, r);
  const hi = f64x2.add(te(6), f64x2.mul(r, te(7)));
  const lo = f64x2.add(te(8), f64x2.mul(r, te(9)));
  const p = f64x2.add(r, f64x2.mul(r2, f64x2.add(hi, f64x2.mul(r2, lo))));
  // k's integer is the low word of kd (the 1.5 · 2^52 shift): lanes 0 and 2.
  const j = v128.and(kd, i32x4.splat(63));
  const t0 = load<f64>(table + (<usize>i32x4.extract_lane(j, 0) << 3));
  const t1 = load<f64>(table + (<usize>i32x4.extract_lane(j, 2) << 3));
  const t = f64x2.replace_lane(f64x2.splat(t0), 1, t1);
  const e = i32x4.shr_s(kd, 6);
  const e1 = i32x4.shr_s(e, 1);
  const y = f64x2.add(t, f64x2.mul(t, p));
  return f64x2.mul(f64x2.mul(y, pow2(e1)), pow2(i32x4.sub(e, e1)));
}
