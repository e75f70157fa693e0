/**
 * wasm (AssemblyScript): Normal(mean, sd) and lognormal columns, a port of
 * src/kernels/number-sample.ts normals and src/kernels/distributions.ts inverseNormal. The central
 * 95% of rows go two per instruction through the central Hermite table (kernels/normal-table.ts);
 * the tails (listed on the way) through the tail table, four rows per step; then, for lognormal,
 * e^z by the table exp (kernels/table-exp.ts), so every value comes out final.
 */
import {
  draw0,
  draw1,
  drawRows,
  highF64,
  lowF64,
  open52,
  V_HALF,
  V_TWO_52,
} from "./hash";
import { tableExpLanes } from "./table-exp";

/** kernels/normal-table.ts: TAIL_CELLS (and its log2), TAIL_BAND_BIAS. */
const TAIL_CELLS_LOG2 = 6;
const TAIL_CELLS: f64 = 64.0;
const TAIL_BAND_BIAS: i32 = 1017;

/** The sign bit of a double, in both lanes. */
const V_SIGN = memory.data<u64>([0x8000000000000000, 0x8000000000000000], 16);

/**
 * c0 + t(c1 + t(c2 + t·c3)) for two lanes, from the Hermite cells (four doubles, 32 bytes each) whose
 * indices are in i32 lanes 0 and 2 of `cells`: each lane's cell is two loads, then transposed.
 */
// @ts-ignore: decorator
@inline
function hermiteLanes(table: usize, cells: v128, t: v128): v128 {
  const c0 = table + (<usize>i32x4.extract_lane(cells, 0) << 5);
  const c1 = table + (<usize>i32x4.extract_lane(cells, 2) << 5);
  const lo0 = v128.load(c0);
  const hi0 = v128.load(c0, 16);
  const lo1 = v128.load(c1);
  const hi1 = v128.load(c1, 16);
  const k0 = i64x2.shuffle(lo0, lo1, 0, 2);
  const k1 = i64x2.shuffle(lo0, lo1, 1, 3);
  const k2 = i64x2.shuffle(hi0, hi1, 0, 2);
  const k3 = i64x2.shuffle(hi0, hi1, 1, 3);
  return f64x2.add(k0, f64x2.mul(t, f64x2.add(k1, f64x2.mul(t, f64x2.add(k2, f64x2.mul(t, k3))))));
}

/**
 * mean + sd · Q(p) for two lanes through the central table (distributions.ts inverseNormal's table
 * branch): Q = c0 + t(c1 + t(c2 + t·c3)) in cell j = ⌊|p − ½| · cellsPerUnit⌋. All packed: scalar
 * float↔int conversions carry false dependencies on x86 and cost more than the whole lookup, and a
 * branch on the tail (5% of rows, at random) would mispredict. A tail lane reads the last cell (j
 * clamped); the tail pass overwrites it.
 */
// @ts-ignore: decorator
@inline
function centralNormals(q: v128, a: v128, mean: v128, sd: v128, cellsPerUnit: v128, lastCell: v128, table: usize): v128 {
  const x = f64x2.mul(a, cellsPerUnit);
  // ⌊x⌋ exactly, then its integer bits by adding 2^52 (x < 2^31): no float→int conversion.
  const fj = f64x2.pmin(f64x2.floor(x), lastCell);
  const t = f64x2.sub(x, fj);
  const j = f64x2.add(fj, v128.load(V_TWO_52));
  const z = hermiteLanes(table, j, t);
  // q's sign bit onto z (z ≥ 0): the TypeScript's z · ±1, exactly, in one and plus one xor.
  const signed = v128.xor(z, v128.and(q, v128.load(V_SIGN)));
  return f64x2.add(mean, f64x2.mul(sd, signed));
}

/**
 * mean + sd · Q(p) for two tail lanes through the tail table (normal-table.ts tailQuantile):
 * p′ = p below ½, 1 − p above; band and scale from p′'s exponent bits, cell from m = p′ · 2^-e.
 */
// @ts-ignore: decorator
@inline
function tailNormals(p: v128, mean: v128, sd: v128, tailTable: usize): v128 {
  const lower = f64x2.lt(p, v128.load(V_HALF));
  const pp = v128.bitselect(p, f64x2.sub(f64x2.splat(1.0), p), lower);
  // The biased exponent, in the low word of each 64-bit lane (i32 lanes 0 and 2).
  const biased = i64x2.shr_u(pp, 52);
  // 2^-e as a double: biased exponent 2046 − biased.
  const scale = i64x2.shl(i64x2.sub(i64x2.splat(2046), biased), 52);
  const x = f64x2.mul(f64x2.sub(f64x2.mul(pp, scale), f64x2.splat(1.0)), f64x2.splat(TAIL_CELLS));
  const fj = f64x2.floor(x);
  const t = f64x2.sub(x, fj);
  const j = f64x2.add(fj, v128.load(V_TWO_52));
  const cell = i32x4.add(i32x4.shl(i32x4.sub(i32x4.splat(TAIL_BAND_BIAS), biased), TAIL_CELLS_LOG2), j);
  const z = hermiteLanes(tailTable, cell, t);
  return f64x2.add(mean, f64x2.mul(sd, v128.bitselect(z, f64x2.neg(z), lower)));
}

/**
 * Normal(mean, sd), or with `exp` its exponential (lognormal): the uniforms, then the central
 * table (listing the tail rows), then the tail rows, then exp. `scratch` holds n + 4 i32.
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
  tailTable: usize,
  expTable: usize,
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
  // The central table; each tail lane's index is listed, branch-free (5% of rows, at random).
  let tails: usize = 0;
  for (let i = 0; i < n; i += 2) {
    const at = out + (<usize>i << 3);
    const q = f64x2.sub(v128.load(at), v128.load(V_HALF));
    const a = f64x2.abs(q);
    v128.store(at, centralNormals(q, a, meanV, sdV, cellsV, lastCell, table));
    const tail = <usize>i64x2.bitmask(f64x2.gt(a, halfV));
    store<i32>(scratch + (tails << 2), i);
    tails += tail & 1;
    store<i32>(scratch + (tails << 2), i + 1);
    tails += tail >> 1;
  }
  tailPass(k0v, k1v, lo, meanV, sdV, tailTable, out, scratch, tails);
  if (exp) {
    for (let i = 0; i < n; i += 2) {
      const at = out + (<usize>i << 3);
      v128.store(at, tableExpLanes(v128.load(at), expTable));
    }
  }
}

/**
 * The listed tail rows, four per step: their uniforms again (four row hashes in one go), then the
 * tail table. The list is padded with its last index, so the spare lanes rewrite that row.
 */
function tailPass(
  k0v: v128,
  k1v: v128,
  lo: i32,
  meanV: v128,
  sdV: v128,
  tailTable: usize,
  out: usize,
  scratch: usize,
  tails: usize,
): void {
  if (tails == 0) return;
  const last = load<i32>(scratch + ((tails - 1) << 2));
  v128.store(scratch + (tails << 2), i32x4.splat(last));
  for (let t: usize = 0; t < tails; t += 4) {
    const idx = v128.load(scratch + (t << 2));
    const h = drawRows(k0v, k1v, i32x4.add(idx, i32x4.splat(lo)));
    const a = i32x4.shr_u(h, 6);
    const b = i32x4.shr_u(draw1(h), 6);
    const v01 = tailNormals(open52(lowF64(a), lowF64(b)), meanV, sdV, tailTable);
    const v23 = tailNormals(open52(highF64(a), highF64(b)), meanV, sdV, tailTable);
    store<f64>(out + (<usize>i32x4.extract_lane(idx, 0) << 3), f64x2.extract_lane(v01, 0));
    store<f64>(out + (<usize>i32x4.extract_lane(idx, 1) << 3), f64x2.extract_lane(v01, 1));
    store<f64>(out + (<usize>i32x4.extract_lane(idx, 2) << 3), f64x2.extract_lane(v23, 0));
    store<f64>(out + (<usize>i32x4.extract_lane(idx, 3) << 3), f64x2.extract_lane(v23, 1));
  }
}
