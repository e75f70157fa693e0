/**
 * wasm (AssemblyScript): the number kernel's row loops, four rows per instruction with WASM SIMD.
 * A port of src/rng/hash.ts (hash32, uniform53, uniformOpen at draw 0) and the fast paths of
 * src/kernels/number-sample.ts; the TypeScript code stays the reference. Every operation is an
 * exact integer op or one IEEE-754 double op in the same order as the TypeScript, so the bytes are
 * identical (test/kernels/wasm-numbers.test.ts compares them value by value).
 *
 * Rows are lo + i for i in [0, n) inside one 2^32 block: the caller folds the row's high word into
 * k0x (= k0 ^ imul(high, 0x85ebca77)) and pads every buffer to a multiple of 4 values.
 * Normals come out final, tails included (normal.ts); so do exponentials (exponential.ts).
 */
import { draw0, draw1, highF64, lowF64, V_TWO_26, V_TWO_NEG_32, V_TWO_NEG_53 } from "./hash";

export { heapBase } from "./hash";

export { aliasPicks } from "./alias";
export { exponentials } from "./exponential";
export { normals } from "./normal";
export { validityBits } from "./nulls";
export { sequenceInt64s } from "./sequence";
export { belows, stemBelows, stemBelowsEach, stems } from "./stem-draws";

/** uniform53 of a lane pair from its two words as doubles: (a · 2^26 + b) / 2^53, a = h >>> 5, b = draw1 >>> 6. */
// @ts-ignore: decorator
@inline
function unit53(a: v128, b: v128): v128 {
  return f64x2.mul(f64x2.add(f64x2.mul(a, v128.load(V_TWO_26)), b), v128.load(V_TWO_NEG_53));
}

/** hash32 · 2^-32 of a lane pair as doubles: the one-draw uniform of short integer spans and float32. */
// @ts-ignore: decorator
@inline
function unit32(x: v128): v128 {
  return f64x2.mul(x, v128.load(V_TWO_NEG_32));
}

/** Two conversions that each filled lanes 0-1 (…_zero), joined into one vector of four. */
// @ts-ignore: decorator
@inline
function join(a: v128, b: v128): v128 {
  return i32x4.shuffle(a, b, 0, 1, 4, 5);
}

/** uniform53 draw 0 of each row, as doubles in [0, 1). */
export function uniforms53(k0x: i32, k1: i32, lo: i32, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const a = i32x4.shr_u(h, 5);
    const b = i32x4.shr_u(draw1(h), 6);
    const at = out + (<usize>i << 3);
    v128.store(at, unit53(lowF64(a), lowF64(b)));
    v128.store(at, unit53(highF64(a), highF64(b)), 16);
  }
}

/** hash32 · 2^-32 of each row: the one-draw uniform of short integer spans and float32 columns. */
export function uniforms32(k0x: i32, k1: i32, lo: i32, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const at = out + (<usize>i << 3);
    v128.store(at, unit32(lowF64(h)));
    v128.store(at, unit32(highF64(h)), 16);
  }
}

/** out[i] = base + floor(u[i] · span), in place over uniforms: number-sample.ts uniformInts. */
export function scaleFloor(n: i32, base: f64, span: f64, out: usize): void {
  const b = f64x2.splat(base);
  const s = f64x2.splat(span);
  for (let i = 0; i < n; i += 2) {
    const at = out + (<usize>i << 3);
    v128.store(at, f64x2.add(b, f64x2.floor(f64x2.mul(v128.load(at), s))));
  }
}

/** out[i] = from + u[i] · span, in place over uniforms: number-sample.ts uniformFloats. */
export function scaleShift(n: i32, from: f64, span: f64, out: usize): void {
  const f = f64x2.splat(from);
  const s = f64x2.splat(span);
  for (let i = 0; i < n; i += 2) {
    const at = out + (<usize>i << 3);
    v128.store(at, f64x2.add(f, f64x2.mul(v128.load(at), s)));
  }
}

/*
 * Fused kernels: draw, scale and convert in one pass, straight to the Arrow layout, for columns
 * whose finish step (clamp, round) is a no-op. Each is uniforms32/uniforms53, then scaleFloor or
 * scaleShift, then toInt32/toFloat32, in the same operations.
 */

/**
 * int32 column, span ≤ 2^20 (one 32-bit draw), values final: base + ⌊u · span⌋ with u = h · 2^-32,
 * computed as base + (h · span) >> 32 in integers. Both are exact: h · span < 2^52 is a double
 * without rounding, and scaling by 2^-32 is exact, so ⌊u · span⌋ is the product's high word.
 */
export function uniformInt32s(k0x: i32, k1: i32, lo: i32, n: i32, base: i32, span: i32, dst: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const b = i32x4.splat(base);
  const s = i32x4.splat(span);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const p01 = i64x2.extmul_low_i32x4_u(h, s);
    const p23 = i64x2.extmul_high_i32x4_u(h, s);
    v128.store(dst + (<usize>i << 2), i32x4.add(b, i32x4.shuffle(p01, p23, 1, 3, 5, 7)));
  }
}

/** float32 column (one 32-bit draw): from + u · span, rounded to float32. */
export function uniformFloat32s(k0x: i32, k1: i32, lo: i32, n: i32, from: f64, span: f64, dst: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const f = f64x2.splat(from);
  const s = f64x2.splat(span);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const v01 = f64x2.add(f, f64x2.mul(unit32(lowF64(h)), s));
    const v23 = f64x2.add(f, f64x2.mul(unit32(highF64(h)), s));
    v128.store(dst + (<usize>i << 2), join(f32x4.demote_f64x2_zero(v01), f32x4.demote_f64x2_zero(v23)));
  }
}

/** float64 column (53-bit uniform): from + u · span. */
export function uniformFloat64s(k0x: i32, k1: i32, lo: i32, n: i32, from: f64, span: f64, dst: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const f = f64x2.splat(from);
  const s = f64x2.splat(span);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const a = i32x4.shr_u(h, 5);
    const b = i32x4.shr_u(draw1(h), 6);
    const u01 = unit53(lowF64(a), lowF64(b));
    const u23 = unit53(highF64(a), highF64(b));
    const at = dst + (<usize>i << 3);
    v128.store(at, f64x2.add(f, f64x2.mul(u01, s)));
    v128.store(at, f64x2.add(f, f64x2.mul(u23, s)), 16);
  }
}

/** Doubles (integral, in range) → int32 words. */
export function toInt32(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i += 4) {
    const a = i32x4.trunc_sat_f64x2_s_zero(v128.load(src + (<usize>i << 3)));
    const b = i32x4.trunc_sat_f64x2_s_zero(v128.load(src + (<usize>i << 3), 16));
    v128.store(dst + (<usize>i << 2), join(a, b));
  }
}

/** Doubles → float32, rounded to nearest even as a Float32Array store does. */
export function toFloat32(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i += 4) {
    const a = f32x4.demote_f64x2_zero(v128.load(src + (<usize>i << 3)));
    const b = f32x4.demote_f64x2_zero(v128.load(src + (<usize>i << 3), 16));
    v128.store(dst + (<usize>i << 2), join(a, b));
  }
}

/** 1.5 · 2^52: an integral |v| < 2^51 plus this holds v, two's complement, in its low 52 bits. */
const V_INT64_BIAS = memory.data<f64>([6755399441055744.0, 6755399441055744.0], 16);
const V_INT64_BITS = memory.data<i64>([0x4338000000000000, 0x4338000000000000], 16);
const V_2_51 = memory.data<f64>([2251799813685248.0, 2251799813685248.0], 16);

/** Doubles (integral, |v| < 2^53) → little-endian int64 words. */
export function toInt64(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i += 2) {
    const at = src + (<usize>i << 3);
    const v = v128.load(at);
    // The bias trick covers |v| < 2^51; wider pairs (int64 keys near 2^53) convert one at a time.
    if (i64x2.all_true(f64x2.lt(f64x2.abs(v), v128.load(V_2_51)))) {
      v128.store(dst + (<usize>i << 3), i64x2.sub(f64x2.add(v, v128.load(V_INT64_BIAS)), v128.load(V_INT64_BITS)));
    } else {
      // AssemblyScript converts with saturating truncation: a padding lane past n holding anything cannot trap.
      store<i64>(dst + (<usize>i << 3), <i64>load<f64>(at));
      store<i64>(dst + (<usize>i << 3), <i64>load<f64>(at, 8), 8);
    }
  }
}
