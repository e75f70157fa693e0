/**
 * wasm (AssemblyScript): src/rng/hash.ts on four lanes (SIMD) and on one row (scalar). Rows are
 * lo + i inside one 2^32 block; the caller folds the row's high word into k0x
 * (= k0 ^ imul(high, 0x85ebca77)), so a lane's row is a plain i32.
 */

export const ROW_MUL: i32 = 0x9e3779b1;
export const MIX_A: i32 = 0x21f0aaad;
export const MIX_B: i32 = 0x735a2d97;
export const DRAW_MUL: i32 = 0xc2b2ae3d;
export const TWO_NEG_32: f64 = 1.0 / 4294967296.0;
export const TWO_26: f64 = 67108864.0;
export const TWO_53: f64 = 9007199254740992.0;
export const TWO_52: f64 = 4503599627370496.0;
export const TWO_NEG_52: f64 = 1.0 / 4503599627370496.0;
export const TWO_NEG_53: f64 = 1.0 / 9007199254740992.0;

/*
 * Loop constants are v128 loads from these static blocks, not v128.const. V8 rebuilds a v128.const
 * operand inside a loop on every iteration (two 64-bit moves through a general register and an
 * insert), and binaryen folds constants hoisted into locals back into v128.const; a load is one
 * instruction. The SIMD exp went from 6.5 to 4.3 ns per value.
 */
export const V_ROW_MUL = memory.data<i32>([ROW_MUL, ROW_MUL, ROW_MUL, ROW_MUL], 16);
export const V_MIX_A = memory.data<i32>([MIX_A, MIX_A, MIX_A, MIX_A], 16);
export const V_MIX_B = memory.data<i32>([MIX_B, MIX_B, MIX_B, MIX_B], 16);
export const V_DRAW_MUL = memory.data<i32>([DRAW_MUL, DRAW_MUL, DRAW_MUL, DRAW_MUL], 16);
export const V_IOTA = memory.data<i32>([0, 1, 2, 3], 16);
export const V_TWO_26 = memory.data<f64>([TWO_26, TWO_26], 16);
export const V_TWO_52 = memory.data<f64>([TWO_52, TWO_52], 16);
export const V_TWO_NEG_32 = memory.data<f64>([TWO_NEG_32, TWO_NEG_32], 16);
export const V_TWO_NEG_52 = memory.data<f64>([TWO_NEG_52, TWO_NEG_52], 16);
export const V_TWO_NEG_53 = memory.data<f64>([TWO_NEG_53, TWO_NEG_53], 16);
export const V_HALF = memory.data<f64>([0.5, 0.5], 16);
export const V_NAN = memory.data<f64>([NaN, NaN], 16);

/** lowbias32 on four lanes: rng/hash.ts mixi. */
// @ts-ignore: decorator
@inline
export function mix(x: v128): v128 {
  x = v128.xor(x, i32x4.shr_u(x, 16));
  x = i32x4.mul(x, v128.load(V_MIX_A));
  x = v128.xor(x, i32x4.shr_u(x, 15));
  x = i32x4.mul(x, v128.load(V_MIX_B));
  return v128.xor(x, i32x4.shr_u(x, 15));
}

/** Draw 0 of four rows (each lo + i inside the block): rng/hash.ts hash32 (rowInput, then one round). */
// @ts-ignore: decorator
@inline
export function drawRows(k0x: v128, k1: v128, rows: v128): v128 {
  return mix(i32x4.add(v128.xor(i32x4.mul(rows, v128.load(V_ROW_MUL)), k0x), k1));
}

/** Draw 0 of rows lo+i .. lo+i+3. */
// @ts-ignore: decorator
@inline
export function draw0(k0x: v128, k1: v128, lo: i32, i: i32): v128 {
  return drawRows(k0x, k1, i32x4.add(i32x4.splat(lo + i), v128.load(V_IOTA)));
}

/** Draw 1 over draw 0: rng/hash.ts redraw(h, 1). */
// @ts-ignore: decorator
@inline
export function draw1(h: v128): v128 {
  return mix(v128.xor(h, v128.load(V_DRAW_MUL)));
}

/** Unsigned 32-bit lanes 0, 1 as doubles. */
// @ts-ignore: decorator
@inline
export function lowF64(v: v128): v128 {
  return f64x2.convert_low_i32x4_u(v);
}

/** Unsigned 32-bit lanes 2, 3 as doubles. */
// @ts-ignore: decorator
@inline
export function highF64(v: v128): v128 {
  return f64x2.convert_low_i32x4_u(i32x4.shuffle(v, v, 2, 3, 0, 1));
}

/** uniformOpen draw 0 of four rows, lanes 0-1 and 2-3: (a · 2^26 + b + ½) / 2^52, a = h >>> 6, b = draw1 >>> 6. */
// @ts-ignore: decorator
@inline
export function open52(a: v128, b: v128): v128 {
  // · 2^-52 equals / 2^52 exactly (a power of two, no underflow) and costs far less than a divide.
  return f64x2.mul(f64x2.add(f64x2.add(f64x2.mul(a, v128.load(V_TWO_26)), b), v128.load(V_HALF)), v128.load(V_TWO_NEG_52));
}

/** Where the module's static data ends: the caller's tables and scratch go above it. */
export function heapBase(): usize {
  return __heap_base;
}

/** lowbias32 on one value: rng/hash.ts mixi. */
// @ts-ignore: decorator
@inline
export function mixScalar(x: i32): i32 {
  x ^= <i32>(<u32>x >>> 16);
  x *= MIX_A;
  x ^= <i32>(<u32>x >>> 15);
  x *= MIX_B;
  return x ^ <i32>(<u32>x >>> 15);
}

/** The draw-0 round of one row: rng/hash.ts mixi(rowInput). */
// @ts-ignore: decorator
@inline
export function draw0Scalar(k0x: i32, k1: i32, row: i32): i32 {
  return mixScalar(((row * ROW_MUL) ^ k0x) + k1);
}

/** Draw d > 0 over draw 0 `h0`: rng/hash.ts redraw. */
// @ts-ignore: decorator
@inline
export function redrawScalar(h0: i32, d: i32): i32 {
  return mixScalar(h0 ^ (d * DRAW_MUL));
}

/** rng/hash.ts uniformOpen(…, d) from draw 0 `h0`: (a · 2^26 + b + ½) / 2^52, in (0, 1). */
export function uniformOpenScalar(h0: i32, d: i32): f64 {
  const a = <f64>(<u32>(d == 0 ? h0 : redrawScalar(h0, 2 * d)) >>> 6);
  const b = <f64>(<u32>redrawScalar(h0, 2 * d + 1) >>> 6);
  return (a * TWO_26 + b + 0.5) * TWO_NEG_52;
}

/** rng/hash.ts uniform53(…, d) from draw 0 `h0`: (a · 2^26 + b) / 2^53, in [0, 1). */
export function uniform53Scalar(h0: i32, d: i32): f64 {
  const a = <f64>(<u32>(d == 0 ? h0 : redrawScalar(h0, 2 * d)) >>> 5);
  const b = <f64>(<u32>redrawScalar(h0, 2 * d + 1) >>> 6);
  return (a * TWO_26 + b) * TWO_NEG_53;
}
