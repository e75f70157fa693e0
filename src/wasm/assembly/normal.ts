/**
 * wasm (AssemblyScript): Normal(mean, sd) and lognormal columns, a port of
 * src/kernels/number-sample.ts normals and src/kernels/distributions.ts inverseNormal. The central
 * 95% of rows go four at a time through the Hermite table (kernels/normal-table.ts); the tails, and
 * exponents fdlibm treats specially, follow one row at a time, so every value comes out final.
 */
import { expLanes, expScalar, logLanes, logScalar } from "./fdlibm";
import { draw0, draw0Scalar, draw1, highF64, lowF64, open52, uniformOpenScalar, V_HALF, V_NAN, V_TWO_52 } from "./hash";

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
  const q = f64x2.sub(p, v128.load(V_HALF));
  const a = f64x2.abs(q);
  const x = f64x2.mul(a, cellsPerUnit);
  // ⌊x⌋ exactly, then its integer bits by adding 2^52 (x < 2^31): no float→int conversion.
  const fj = f64x2.pmin(f64x2.floor(x), lastCell);
  const t = f64x2.sub(x, fj);
  const j = f64x2.add(fj, v128.load(V_TWO_52));
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
  return v128.bitselect(v128.load(V_NAN), value, f64x2.gt(a, halfWidth));
}

/**
 * Normal(mean, sd), or with `exp` its exponential (lognormal), four rows per step by the central
 * table; then the tails, and exponents fdlibm treats specially. `scratch` holds 2n i32.
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
  scratch: usize,
): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const meanV = f64x2.splat(mean);
  const sdV = f64x2.splat(sd);
  const halfV = f64x2.splat(halfWidth);
  const cellsV = f64x2.splat(cellsPerUnit);
  // The table has one cell past the central region, for a = halfWidth rounding up.
  const lastCell = f64x2.splat(Math.floor(halfWidth * cellsPerUnit) + 1);
  // Each step is a pass of its own over the chunk (uniforms, table, exp): fused into one loop, the
  // live values outgrow the 16 SIMD registers V8 allocates and spill (measured ≈ 1.3× slower).
  for (let i = 0; i < n; i += 4) {
    const h = draw0(k0v, k1v, lo, i);
    const a = i32x4.shr_u(h, 6);
    const b = i32x4.shr_u(draw1(h), 6);
    const at = out + (<usize>i << 3);
    v128.store(at, open52(lowF64(a), lowF64(b)));
    v128.store(at, open52(highF64(a), highF64(b)), 16);
  }
  for (let i = 0; i < n; i += 2) {
    const at = out + (<usize>i << 3);
    v128.store(at, centralNormals(v128.load(at), meanV, sdV, halfV, cellsV, lastCell, table));
  }
  if (exp) {
    for (let i = 0; i < n; i += 2) {
      const at = out + (<usize>i << 3);
      v128.store(at, expLanes(v128.load(at)));
    }
  }
  finishTails(k0x, k1, lo, n, mean, sd, exp, halfWidth, cellsPerUnit, table, out, scratch);
}

/**
 * The lanes the passes above left NaN (~5%: the tails, and exponents fdlibm treats specially):
 * their indices are listed branch-free, then done two at a time in SIMD. A lane the SIMD tail
 * cannot finish exactly (a central row, an exponent off fdlibm's general branch, a log argument
 * near 1) takes the scalar reference port.
 */
function finishTails(
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
  scratch: usize,
): void {
  // scratch: the NaN lanes' indices, then (from n) the lanes left to the scalar port.
  let count: usize = 0;
  for (let i = 0; i < n; i += 2) {
    const v = v128.load(out + (<usize>i << 3));
    const nan = <usize>i64x2.bitmask(f64x2.ne(v, v));
    store<i32>(scratch + (count << 2), i);
    count += nan & 1;
    store<i32>(scratch + (count << 2), i + 1);
    count += nan >> 1;
  }
  // Pairs in SIMD; a lane it cannot finish exactly is listed (after the tails) for the scalar port,
  // in a pass of its own: a call inside this loop made V8 spill its SIMD registers.
  const meanV = f64x2.splat(mean);
  const sdV = f64x2.splat(sd);
  const redo = scratch + (<usize>n << 2);
  let redoCount: usize = 0;
  for (let t: usize = 0; t < count; t += 2) {
    const i0 = load<i32>(scratch + (t << 2));
    const i1 = t + 1 < count ? load<i32>(scratch + (t << 2), 4) : i0;
    const p0 = uniformOpenScalar(draw0Scalar(k0x, k1, lo + i0), 0);
    const p1 = uniformOpenScalar(draw0Scalar(k0x, k1, lo + i1), 0);
    const v = tailLanes(f64x2.replace_lane(f64x2.splat(p0), 1, p1), meanV, sdV, exp);
    const v0 = f64x2.extract_lane(v, 0);
    const v1 = f64x2.extract_lane(v, 1);
    store<f64>(out + (<usize>i0 << 3), v0);
    store<f64>(out + (<usize>i1 << 3), v1);
    store<i32>(redo + (redoCount << 2), i0);
    redoCount += <usize>!(Math.abs(p0 - 0.5) > halfWidth && !isNaN(v0));
    store<i32>(redo + (redoCount << 2), i1);
    redoCount += <usize>!(Math.abs(p1 - 0.5) > halfWidth && !isNaN(v1));
  }
  for (let r: usize = 0; r < redoCount; r++) {
    const i = load<i32>(redo + (r << 2));
    store<f64>(out + (<usize>i << 3), normalAt(k0x, k1, lo + i, mean, sd, exp, halfWidth, cellsPerUnit, table));
  }
}

/** tailLanes' constants (see hash.ts on v128 constants): LOW, 1, -2, then Acklam's tail coefficients. */
const TAIL = memory.data<f64>(
  [
    0.02425, 0.02425, 1.0, 1.0, -2.0, -2.0,
    -7.784894002430293e-3, -7.784894002430293e-3, -3.223964580411365e-1, -3.223964580411365e-1,
    -2.400758277161838, -2.400758277161838, -2.549732539343734, -2.549732539343734,
    4.374664141464968, 4.374664141464968, 2.938163982698783, 2.938163982698783,
    7.784695709041462e-3, 7.784695709041462e-3, 3.224671290700398e-1, 3.224671290700398e-1,
    2.445134137142996, 2.445134137142996, 3.754408661907416, 3.754408661907416,
  ],
  16,
);

// @ts-ignore: decorator
@inline
function tc(i: usize): v128 {
  return v128.load(TAIL + (i << 4));
}

/**
 * mean + sd · (±tail(√(−2 ln p′))) on two tail lanes (p′ = p below ½, 1 − p above), then exp if
 * asked: inverseNormal's tail branch in the same operations (a − c is a + (−c) exactly). NaN where
 * logLanes or expLanes leave a lane to the scalar port.
 */
// @ts-ignore: decorator
@inline
function tailLanes(p: v128, mean: v128, sd: v128, exp: bool): v128 {
  const lower = f64x2.lt(p, tc(0));
  const q = f64x2.sqrt(f64x2.mul(tc(2), logLanes(v128.bitselect(p, f64x2.sub(tc(1), p), lower))));
  let num = f64x2.add(f64x2.mul(tc(3), q), tc(4));
  num = f64x2.add(f64x2.mul(num, q), tc(5));
  num = f64x2.add(f64x2.mul(num, q), tc(6));
  num = f64x2.add(f64x2.mul(num, q), tc(7));
  num = f64x2.add(f64x2.mul(num, q), tc(8));
  let den = f64x2.add(f64x2.mul(tc(9), q), tc(10));
  den = f64x2.add(f64x2.mul(den, q), tc(11));
  den = f64x2.add(f64x2.mul(den, q), tc(12));
  den = f64x2.add(f64x2.mul(den, q), tc(1));
  const tail = f64x2.div(num, den);
  const z = f64x2.add(mean, f64x2.mul(sd, v128.bitselect(tail, f64x2.neg(tail), lower)));
  return exp ? expLanes(z) : z;
}

/** Acklam's lower-region boundary (kernels/normal-table.ts LOW) and the |z| cap (distributions.ts). */
const LOW: f64 = 0.02425;
const MAX_Z: f64 = 8.3;

/** One row of number-sample.ts normalAt: uniformOpen draw 0, inverseNormal, then exp if asked. */
function normalAt(
  k0x: i32,
  k1: i32,
  row: i32,
  mean: f64,
  sd: f64,
  exp: bool,
  halfWidth: f64,
  cellsPerUnit: f64,
  table: usize,
): f64 {
  const p = uniformOpenScalar(draw0Scalar(k0x, k1, row), 0);
  const z = mean + sd * inverseNormal(p, halfWidth, cellsPerUnit, table);
  return exp ? expScalar(z) : z;
}

/** distributions.ts inverseNormal, scalar. */
function inverseNormal(p: f64, halfWidth: f64, cellsPerUnit: f64, table: usize): f64 {
  const q = p - 0.5;
  const a = Math.abs(q);
  if (a <= halfWidth) {
    const x = a * cellsPerUnit;
    const j = <i32>x;
    const t = x - <f64>j;
    const c = table + (<usize>j << 5);
    const z = load<f64>(c) + t * (load<f64>(c, 8) + t * (load<f64>(c, 16) + t * load<f64>(c, 24)));
    return z * (q < 0 ? -1.0 : 1.0);
  }
  if (!(p > 0)) return -MAX_Z;
  if (p >= 1) return MAX_Z;
  return p < LOW ? normalTail(Math.sqrt(-2.0 * logScalar(p))) : -normalTail(Math.sqrt(-2.0 * logScalar(1 - p)));
}

/** distributions.ts tail: Acklam's tail rational in q = sqrt(-2 ln p). */
function normalTail(q: f64): f64 {
  const num =
    ((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q +
      4.374664141464968) *
      q +
    2.938163982698783;
  const den =
    (((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1;
  return num / den;
}
