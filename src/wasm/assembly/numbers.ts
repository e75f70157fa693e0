/**
 * wasm (AssemblyScript): the number kernel's row loops, four rows per instruction with WASM SIMD.
 * A port of src/rng/hash.ts (hash32, uniform53, uniformOpen at draw 0) and the fast paths of
 * src/kernels/number-sample.ts; the TypeScript code stays the reference. Every operation is an
 * exact integer op or one IEEE-754 double op in the same order as the TypeScript, so the bytes are
 * identical (test/kernels/wasm-numbers.test.ts compares them value by value).
 *
 * Rows are lo + i for i in [0, n) inside one 2^32 block: the caller folds the row's high word into
 * k0x (= k0 ^ imul(high, 0x85ebca77)) and pads every buffer to a multiple of 4 values.
 * Rows the fast path cannot finish (normal tails, ziggurat misses) are written as NaN; the caller
 * recomputes exactly those rows with the TypeScript reference.
 */

const ROW_MUL: i32 = 0x9e3779b1;
const MIX_A: i32 = 0x21f0aaad;
const MIX_B: i32 = 0x735a2d97;
const DRAW_MUL: i32 = 0xc2b2ae3d;
const TWO_NEG_32: f64 = 1.0 / 4294967296.0;
const TWO_26: f64 = 67108864.0;
const TWO_53: f64 = 9007199254740992.0;
const TWO_52: f64 = 4503599627370496.0;

/** lowbias32 on four lanes: rng/hash.ts mixi. */
// @ts-ignore: decorator
@inline
function mix(x: v128): v128 {
  x = v128.xor(x, i32x4.shr_u(x, 16));
  x = i32x4.mul(x, i32x4.splat(MIX_A));
  x = v128.xor(x, i32x4.shr_u(x, 15));
  x = i32x4.mul(x, i32x4.splat(MIX_B));
  return v128.xor(x, i32x4.shr_u(x, 15));
}

/** Draw 0 of rows lo+i .. lo+i+3: rng/hash.ts hash32 (rowInput, then one round). */
// @ts-ignore: decorator
@inline
function draw0(k0x: v128, k1: v128, lo: i32, i: i32): v128 {
  const row = i32x4.add(i32x4.splat(lo + i), i32x4(0, 1, 2, 3));
  return mix(i32x4.add(v128.xor(i32x4.mul(row, i32x4.splat(ROW_MUL)), k0x), k1));
}

/** Draw 1 over draw 0: rng/hash.ts redraw(h, 1). */
// @ts-ignore: decorator
@inline
function draw1(h: v128): v128 {
  return mix(v128.xor(h, i32x4.splat(DRAW_MUL)));
}

/** Unsigned 32-bit lanes 0, 1 as doubles. */
// @ts-ignore: decorator
@inline
function lowF64(v: v128): v128 {
  return f64x2.convert_low_i32x4_u(v);
}

/** Unsigned 32-bit lanes 2, 3 as doubles. */
// @ts-ignore: decorator
@inline
function highF64(v: v128): v128 {
  return f64x2.convert_low_i32x4_u(i32x4.shuffle(v, v, 2, 3, 0, 1));
}

/** (a · 2^26 + b) / 2^53 per lane pair, with a = h >>> 5 and b = draw1 >>> 6: uniform53. */
// @ts-ignore: decorator
@inline
function store53(h: v128, out: usize): void {
  const a = i32x4.shr_u(h, 5);
  const b = i32x4.shr_u(draw1(h), 6);
  const scale = f64x2.splat(TWO_26);
  const inv = f64x2.splat(1.0 / TWO_53);
  v128.store(out, f64x2.mul(f64x2.add(f64x2.mul(lowF64(a), scale), lowF64(b)), inv));
  v128.store(out, f64x2.mul(f64x2.add(f64x2.mul(highF64(a), scale), highF64(b)), inv), 16);
}

/** hash32 draw 0 of each row, as unsigned 32-bit words. */
export function hashes(k0x: i32, k1: i32, lo: i32, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  for (let i = 0; i < n; i += 4) v128.store(out + (<usize>i << 2), draw0(k0v, k1v, lo, i));
}

/** uniform53 draw 0 of each row, as doubles in [0, 1). */
export function uniforms53(k0x: i32, k1: i32, lo: i32, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  for (let i = 0; i < n; i += 4) store53(draw0(k0v, k1v, lo, i), out + (<usize>i << 3));
}

/** hash32 · 2^-32 of each row: the one-draw uniform of short integer spans and float32 columns. */
export function uniforms32(k0x: i32, k1: i32, lo: i32, n: i32, out: usize): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const inv = f64x2.splat(TWO_NEG_32);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const at = out + (<usize>i << 3);
    v128.store(at, f64x2.mul(lowF64(h), inv));
    v128.store(at, f64x2.mul(highF64(h), inv), 16);
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

/** uniformOpen draw 0 of four rows, lanes 0-1 and 2-3: (a · 2^26 + b + ½) / 2^52, a = h >>> 6, b = draw1 >>> 6. */
// @ts-ignore: decorator
@inline
function open52(a: v128, b: v128): v128 {
  return f64x2.div(f64x2.add(f64x2.add(f64x2.mul(a, f64x2.splat(TWO_26)), b), f64x2.splat(0.5)), f64x2.splat(TWO_52));
}

/**
 * mean + sd · Q(p) for two lanes through the central table (distributions.ts inverseNormal's table
 * branch), NaN in the tails: Q = c0 + t(c1 + t(c2 + t·c3)) in cell j = ⌊|p − ½| · cellsPerUnit⌋.
 * All packed: scalar float↔int conversions carry false dependencies on x86 and cost more than the
 * whole lookup, and a branch on the tail (5% of rows, at random) would mispredict. A tail lane reads
 * the last cell (j clamped) and is replaced by NaN.
 */
// @ts-ignore: decorator
@inline
function centralNormals(p: v128, mean: v128, sd: v128, halfWidth: v128, cellsPerUnit: v128, lastCell: v128, table: usize): v128 {
  const q = f64x2.sub(p, f64x2.splat(0.5));
  const a = f64x2.abs(q);
  const x = f64x2.mul(a, cellsPerUnit);
  // ⌊x⌋ exactly, then its integer bits by adding 2^52 (x < 2^31): no float→int conversion.
  const fj = f64x2.min(f64x2.floor(x), lastCell);
  const t = f64x2.sub(x, fj);
  const j = f64x2.add(fj, f64x2.splat(TWO_52));
  const c0 = table + (<usize>i32x4.extract_lane(j, 0) << 5);
  const c1 = table + (<usize>i32x4.extract_lane(j, 2) << 5);
  const lo0 = v128.load(c0);
  const hi0 = v128.load(c0, 16);
  const lo1 = v128.load(c1);
  const hi1 = v128.load(c1, 16);
  const k0 = i64x2.shuffle(lo0, lo1, 0, 2);
  const k1 = i64x2.shuffle(lo0, lo1, 1, 3);
  const k2 = i64x2.shuffle(hi0, hi1, 0, 2);
  const k3 = i64x2.shuffle(hi0, hi1, 1, 3);
  const z = f64x2.add(k0, f64x2.mul(t, f64x2.add(k1, f64x2.mul(t, f64x2.add(k2, f64x2.mul(t, k3))))));
  const signed = v128.bitselect(f64x2.neg(z), z, f64x2.lt(q, f64x2.splat(0)));
  const value = f64x2.add(mean, f64x2.mul(sd, signed));
  return v128.bitselect(f64x2.splat(NaN), value, f64x2.gt(a, halfWidth));
}

/** fdlibm's exp constants (V8's Math.exp is fdlibm's __ieee754_exp). */
const LN2_HI: f64 = 6.9314718036912381649e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.442695040888963387;
const P1: f64 = 1.66666666666666019037e-1;
const P2: f64 = -2.77777777770155933842e-3;
const P3: f64 = 6.61375632143793436117e-5;
const P4: f64 = -1.65339022054652515390e-6;
const P5: f64 = 4.13813679705723846039e-8;
/** |x| from which fdlibm reduces the argument: high word above 0x3fd62e42 (≈ ½ ln 2). */
const REDUCE_FROM: f64 = reinterpret<f64>(0x3fd62e4300000000);
/** Below fdlibm's overflow/underflow filtering and its 2^k special cases. */
const EXP_LIMIT: f64 = 708.0;

/**
 * Math.exp on two lanes, bit for bit: fdlibm's general branch (k = (int)(x/ln2 ± ½), x = hi − lo,
 * y = 1 − ((lo − xc/(2 − c)) − hi), y · 2^k) in the same operations and order. Lanes outside
 * REDUCE_FROM < |x| < EXP_LIMIT, where fdlibm takes other branches, are NaN for the caller to redo.
 */
// @ts-ignore: decorator
@inline
function exp2Lanes(x: v128): v128 {
  const ax = f64x2.abs(x);
  const regular = v128.and(f64x2.ge(ax, f64x2.splat(REDUCE_FROM)), f64x2.lt(ax, f64x2.splat(EXP_LIMIT)));
  const half = v128.bitselect(f64x2.splat(-0.5), f64x2.splat(0.5), f64x2.lt(x, f64x2.splat(0)));
  const k = f64x2.trunc(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), half));
  const hi = f64x2.sub(x, f64x2.mul(k, f64x2.splat(LN2_HI)));
  const lo = f64x2.mul(k, f64x2.splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let poly = f64x2.add(f64x2.splat(P4), f64x2.mul(t, f64x2.splat(P5)));
  poly = f64x2.add(f64x2.splat(P3), f64x2.mul(t, poly));
  poly = f64x2.add(f64x2.splat(P2), f64x2.mul(t, poly));
  poly = f64x2.add(f64x2.splat(P1), f64x2.mul(t, poly));
  const c = f64x2.sub(r, f64x2.mul(t, poly));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c));
  const y = f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(lo, q), hi));
  // 2^k from k's bits: k + 2^52 + 1023 holds k + 1023 in its low bits; shifted into the exponent.
  const twopk = i64x2.shl(f64x2.add(k, f64x2.splat(4503599627371519.0)), 52);
  return v128.bitselect(f64x2.mul(y, twopk), f64x2.splat(NaN), regular);
}

/**
 * Normal(mean, sd) by the central table, four rows per step, or with `exp` its exponential
 * (lognormal); tails, and exponents fdlibm treats specially, are NaN.
 */
export function normals(
  k0x: i32,
  k1: i32,
  lo: i32,
  n: i32,
  mean: f64,
  sd: f64,
  exp: bool,
  halfWidth: f64,
  cellsPerUnit: f64,
  table: usize,
  out: usize,
): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const meanV = f64x2.splat(mean);
  const sdV = f64x2.splat(sd);
  const halfV = f64x2.splat(halfWidth);
  const cellsV = f64x2.splat(cellsPerUnit);
  // The table has one cell past the central region, for a = halfWidth rounding up.
  const lastCell = f64x2.splat(Math.floor(halfWidth * cellsPerUnit) + 1);
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const a = i32x4.shr_u(h, 6);
    const b = i32x4.shr_u(draw1(h), 6);
    const at = out + (<usize>i << 3);
    let z01 = centralNormals(open52(lowF64(a), lowF64(b)), meanV, sdV, halfV, cellsV, lastCell, table);
    let z23 = centralNormals(open52(highF64(a), highF64(b)), meanV, sdV, halfV, cellsV, lastCell, table);
    if (exp) {
      z01 = exp2Lanes(z01);
      z23 = exp2Lanes(z23);
    }
    v128.store(at, z01);
    v128.store(at, z23, 16);
  }
}

/**
 * Exponential(1) · scale by the ziggurat's one-draw shortcut (number-sample.ts exponentials);
 * misses are NaN. `inner` holds i32 thresholds and `step` f64 widths, one per layer.
 */
export function exponentials(
  k0x: i32,
  k1: i32,
  lo: i32,
  n: i32,
  scale: f64,
  inner: usize,
  step: usize,
  out: usize,
): void {
  // The draws go to the upper half of each 8-byte slot's block, then are replaced in order.
  hashes(k0x, k1, lo, n, out + (<usize>n << 2));
  for (let i = 0; i < n; i++) {
    const h = load<u32>(out + (<usize>n << 2) + (<usize>i << 2));
    const layer = <usize>(h & 255);
    const pos = <i32>(h >>> 8);
    const at = out + (<usize>i << 3);
    if (pos < load<i32>(inner + (layer << 2))) store<f64>(at, (<f64>pos + 0.5) * load<f64>(step + (layer << 3)) * scale);
    else store<f64>(at, NaN);
  }
}

/** Doubles (integral, in range) → int32 words. */
export function toInt32(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i += 4) {
    const a = i32x4.trunc_sat_f64x2_s_zero(v128.load(src + (<usize>i << 3)));
    const b = i32x4.trunc_sat_f64x2_s_zero(v128.load(src + (<usize>i << 3), 16));
    v128.store(dst + (<usize>i << 2), i32x4.shuffle(a, b, 0, 1, 4, 5));
  }
}

/** Doubles → float32, rounded to nearest even as a Float32Array store does. */
export function toFloat32(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i += 4) {
    const a = f32x4.demote_f64x2_zero(v128.load(src + (<usize>i << 3)));
    const b = f32x4.demote_f64x2_zero(v128.load(src + (<usize>i << 3), 16));
    v128.store(dst + (<usize>i << 2), i32x4.shuffle(a, b, 0, 1, 4, 5));
  }
}

/** Doubles (integral, |v| < 2^53) → little-endian int64 words. */
export function toInt64(src: usize, n: i32, dst: usize): void {
  for (let i = 0; i < n; i++) store<i64>(dst + (<usize>i << 3), i64(load<f64>(src + (<usize>i << 3))));
}
