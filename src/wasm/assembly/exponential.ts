/**
 * wasm (AssemblyScript): Exponential(1) · scale by the ziggurat, a port of
 * src/kernels/number-sample.ts exponentials and src/kernels/ziggurat.ts exponentialSlow. Four rows
 * at a time take the one-draw shortcut (~98.9%); the lanes it misses take the slow path one row at
 * a time, so every value comes out final. Tables (kernels/ziggurat.ts): `inner` i32 thresholds and
 * `step` f64 widths, one per layer; `fx` f64, f at each layer edge (257 values).
 */
import { expScalar, logScalar } from "./fdlibm";
import { draw0, draw0Scalar, redrawScalar, uniform53Scalar, uniformOpenScalar, V_HALF } from "./hash";

/** ziggurat.ts R, the start of the tail, and MAX_ATTEMPTS. */
const R: f64 = 7.69711747013105;
const MAX_ATTEMPTS: i32 = 16;

/** The value of a row that missed the shortcut with draw 0 `h0` (ziggurat.ts exponentialSlow). */
function exponentialSlow(h0: i32, inner: usize, step: usize, fx: usize): f64 {
  let h = h0;
  for (let a: i32 = 0; a < MAX_ATTEMPTS; a++) {
    if (a > 0) h = redrawScalar(h0, 4 * a);
    const layer = <usize>(h & 255);
    const pos = <i32>(<u32>h >>> 8);
    const x = (<f64>pos + 0.5) * load<f64>(step + (layer << 3));
    if (pos < load<i32>(inner + (layer << 2))) return x;
    if (layer == 0) return x < R ? x : R - logScalar(uniformOpenScalar(h0, 2 * a + 1));
    const lo = load<f64>(fx + (layer << 3));
    if (lo + uniform53Scalar(h0, 2 * a + 1) * (load<f64>(fx + (layer << 3), 8) - lo) < expScalar(-x)) return x;
  }
  return -logScalar(uniformOpenScalar(h0, 2 * MAX_ATTEMPTS + 1));
}

/**
 * Exponential(1) · scale for rows lo .. lo + n (n a multiple of 4). `scratch` holds 2n i32: the
 * draws, then the list of missed rows. Each step is a pass of its own: with the slow path inside the
 * shortcut's loop, V8 spilled its SIMD registers (measured ≈ 1.7× slower).
 */
export function exponentials(
  k0x: i32,
  k1: i32,
  lo: i32,
  n: i32,
  scale: f64,
  inner: usize,
  step: usize,
  fx: usize,
  out: usize,
  scratch: usize,
): void {
  const k0v = i32x4.splat(k0x);
  const k1v = i32x4.splat(k1);
  const scaleV = f64x2.splat(scale);
  for (let i = 0; i < n; i += 4) v128.store(scratch + (<usize>i << 2), draw0(k0v, k1v, lo, i));
  const misses = scratch + (<usize>n << 2);
  let count: usize = 0;
  for (let i = 0; i < n; i += 4) {
    const h = v128.load(scratch + (<usize>i << 2));
    const pos = i32x4.shr_u(h, 8);
    const l0 = <usize>(i32x4.extract_lane(h, 0) & 255);
    const l1 = <usize>(i32x4.extract_lane(h, 1) & 255);
    const l2 = <usize>(i32x4.extract_lane(h, 2) & 255);
    const l3 = <usize>(i32x4.extract_lane(h, 3) & 255);
    let limit = i32x4.splat(load<i32>(inner + (l0 << 2)));
    limit = i32x4.replace_lane(limit, 1, load<i32>(inner + (l1 << 2)));
    limit = i32x4.replace_lane(limit, 2, load<i32>(inner + (l2 << 2)));
    limit = i32x4.replace_lane(limit, 3, load<i32>(inner + (l3 << 2)));
    const width01 = f64x2.replace_lane(f64x2.splat(load<f64>(step + (l0 << 3))), 1, load<f64>(step + (l1 << 3)));
    const width23 = f64x2.replace_lane(f64x2.splat(load<f64>(step + (l2 << 3))), 1, load<f64>(step + (l3 << 3)));
    // (pos + ½) · step · scale, in the reference's order; pos < 2^24, so a signed conversion is exact.
    const x01 = f64x2.mul(f64x2.mul(f64x2.add(f64x2.convert_low_i32x4_s(pos), v128.load(V_HALF)), width01), scaleV);
    const pos23 = i32x4.shuffle(pos, pos, 2, 3, 0, 1);
    const x23 = f64x2.mul(f64x2.mul(f64x2.add(f64x2.convert_low_i32x4_s(pos23), v128.load(V_HALF)), width23), scaleV);
    const at = out + (<usize>i << 3);
    v128.store(at, x01);
    v128.store(at, x23, 16);
    // Missed rows (~1.1%) are listed branch-free for the slow path.
    const miss = <usize>(~i32x4.bitmask(i32x4.lt_s(pos, limit)) & 15);
    for (let l: usize = 0; l < 4; l++) {
      store<i32>(misses + (count << 2), i + <i32>l);
      count += (miss >> l) & 1;
    }
  }
  for (let m: usize = 0; m < count; m++) {
    const i = load<i32>(misses + (m << 2));
    const h0 = draw0Scalar(k0x, k1, lo + i);
    store<f64>(out + (<usize>i << 3), exponentialSlow(h0, inner, step, fx) * scale);
  }
}
