/**
 * wasm (AssemblyScript): the integer column draws of rng/hash.ts, four rows per instruction:
 * belowColumn (one word per row, e.g. a first name's index), stemColumn (the row stems of the
 * multi-draw composite strings) and stemBelowColumn (their draws):
 * out[i] = floor(h / 2^32 · size). The quotient by 2^32 is exact and the product rounds once, as in
 * the TypeScript, so the integers are identical.
 */
import { DRAW_MUL, draw0, mix, V_IOTA, V_ROW_MUL, V_TWO_NEG_32 } from "./hash";

/** u32 lanes 0-1 (or 2-3 when `high`) of h as doubles, times 2^-32. */
// @ts-ignore: decorator
@inline
function unitPair(h: v128, high: bool): v128 {
  const lanes = high ? i32x4.shuffle(h, h, 2, 3, 2, 3) : h;
  return f64x2.mul(f64x2.convert_low_i32x4_u(lanes), v128.load(V_TWO_NEG_32));
}

/** floor(u · size) of two lanes, as int32 in lanes 0-1. */
// @ts-ignore: decorator
@inline
function pick(u: v128, size: v128): v128 {
  return i32x4.trunc_sat_f64x2_s_zero(f64x2.floor(f64x2.mul(u, size)));
}

/**
 * below(k0, k1, lo + i, draw, size) of n rows (a multiple of 4): draw 0's round, then for draw > 0
 * one more over it (rng/hash.ts redraw).
 */
export function belows(k0x: i32, k1: i32, lo: i32, draw: i32, size: f64, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const dm = i32x4.splat(draw * DRAW_MUL);
  const vs = f64x2.splat(size);
  for (let i = 0; i < n; i += 4) {
    let h = draw0(k0v, k1v, lo, i);
    if (draw != 0) h = mix(v128.xor(h, dm));
    const a = pick(unitPair(h, false), vs);
    const b = pick(unitPair(h, true), vs);
    v128.store(out + (<usize>i << 2), i32x4.shuffle(a, b, 0, 1, 4, 5));
  }
}

/** rowStem(k0, lo + i) of n rows (a multiple of 4): rng/hash.ts stemColumn. */
export function stems(k0: i32, lo: i32, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0);
  for (let i = 0; i < n; i += 4) {
    const rows = i32x4.add(i32x4.splat(lo + i), v128.load(V_IOTA));
    v128.store(out + (<usize>i << 2), mix(v128.xor(k0v, i32x4.mul(rows, v128.load(V_ROW_MUL)))));
  }
}

/** n rows (a multiple of 4) of stems at `stems`, one size for all. */
export function stemBelows(stems: usize, c: i32, size: f64, n: i32, out: usize): void {
  const vc = i32x4.splat(c);
  const vs = f64x2.splat(size);
  for (let i = 0; i < n; i += 4) {
    const h = mix(v128.xor(v128.load(stems + (<usize>i << 2)), vc));
    const a = pick(unitPair(h, false), vs);
    const b = pick(unitPair(h, true), vs);
    v128.store(out + (<usize>i << 2), i32x4.shuffle(a, b, 0, 1, 4, 5));
  }
}

/** n rows (a multiple of 4) with a size per row (int32 at `sizes`; a size of 0 gives 0). */
export function stemBelowsEach(stems: usize, c: i32, sizes: usize, n: i32, out: usize): void {
  const vc = i32x4.splat(c);
  for (let i = 0; i < n; i += 4) {
    const h = mix(v128.xor(v128.load(stems + (<usize>i << 2)), vc));
    const s = v128.load(sizes + (<usize>i << 2));
    const a = pick(unitPair(h, false), f64x2.convert_low_i32x4_s(s));
    const b = pick(unitPair(h, true), f64x2.convert_low_i32x4_s(i32x4.shuffle(s, s, 2, 3, 2, 3)));
    v128.store(out + (<usize>i << 2), i32x4.shuffle(a, b, 0, 1, 4, 5));
  }
}
