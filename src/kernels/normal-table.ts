/**
 * kernels: the normal quantile as two tables of cubic Hermite cells (node values and node slopes
 * Q' = √(2π)·e^{Q²/2}), in power form, built once at module load from the exact quantile. The
 * central one is uniform in a = |p − ½| ≤ CENTRAL_HALF_WIDTH (error < 1e-10 relative); the tail one
 * is uniform in the mantissa of min(p, 1 − p) within each binary exponent (< 2e-10). Both are more
 * accurate than Acklam's formulas they replace (< 1.2e-9).
 */

/** Acklam's lower-region boundary: the table covers p in [LOW, 1 − LOW], 95% of draws. */
export const LOW = 0.02425;

/** Half-width of the tabulated region around p = ½. */
export const CENTRAL_HALF_WIDTH = 0.5 - LOW;

/**
 * Cells over [0, CENTRAL_HALF_WIDTH]: 4 coefficients each, 64 KiB in all (h = 2.3e-4). The Hermite
 * error, about h^4/384 times the fourth derivative, stays below 1e-10 at the edge; the table competes
 * for cache with the column arrays, so more cells buy nothing.
 */
const CELLS = 2048;

/** Cells per unit of a. */
export const CELLS_PER_UNIT = CELLS / CENTRAL_HALF_WIDTH;

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Acklam's central rational approximation of Q(½ + q), |q| ≤ CENTRAL_HALF_WIDTH. */
export function acklamCentral(q: number): number {
  const r = q * q;
  const num =
    (((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
    q;
  const den =
    ((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
    1;
  return num / den;
}

/**
 * Φ(x) − ½ for x ≥ 0 by the series φ(x)·Σ x^(2n+1)/(2n+1)!!: positive terms only, so it is accurate
 * to a few ulps with no cancellation (x stays below 2.1 here).
 */
export function centralCdf(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
  }
  return (Math.exp(-x2 / 2) / SQRT_2PI) * sum;
}

/** Q(½ + a) for 0 ≤ a < ½ to full double precision: Acklam's guess, then Newton on Φ − ½. */
export function exactCentralQuantile(a: number): number {
  let x = acklamCentral(a);
  for (let i = 0; i < 3; i++) x -= (centralCdf(x) - a) * SQRT_2PI * Math.exp((x * x) / 2);
  return x;
}

/**
 * Cubic Hermite cells from node values `y` and node slopes `m` (slopes per cell width): cell j
 * holds c0..c3 with f = c0 + t(c1 + t(c2 + t·c3)), t ∈ [0, 1] across the cell.
 */
function hermiteCells(y: Float64Array, m: Float64Array, cells: number, out: Float64Array, at: number): void {
  for (let j = 0; j < cells; j++) {
    const y0 = y[j]!;
    const y1 = y[j + 1]!;
    const m0 = m[j]!;
    const m1 = m[j + 1]!;
    const o = at + 4 * j;
    out[o] = y0;
    out[o + 1] = m0;
    out[o + 2] = 3 * (y1 - y0) - 2 * m0 - m1;
    out[o + 3] = 2 * (y0 - y1) + m0 + m1;
  }
}

/**
 * Cell j covers a in [j·h, (j+1)·h] and holds c0..c3 with Q = c0 + t(c1 + t(c2 + t·c3)), t ∈ [0, 1].
 * One extra cell absorbs a = CENTRAL_HALF_WIDTH rounding up to index CELLS.
 */
function buildTable(): Float64Array {
  const h = CENTRAL_HALF_WIDTH / CELLS;
  const nodes = CELLS + 2;
  const y = new Float64Array(nodes);
  const m = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++) {
    y[i] = i === 0 ? 0 : exactCentralQuantile(i * h);
    m[i] = h * SQRT_2PI * Math.exp((y[i]! * y[i]!) / 2);
  }
  const c = new Float64Array(4 * (CELLS + 1));
  hermiteCells(y, m, CELLS + 1, c, 0);
  return c;
}

/** The cell coefficients, four per cell. */
export const CENTRAL_TABLE = buildTable();

/*
 * The tails, p′ = min(p, 1 − p) < LOW, by binary exponent: band b holds p′ = 2^e · m with
 * e = TAIL_TOP_EXPONENT − b and m ∈ [1, 2), in TAIL_CELLS Hermite cells uniform in m. Finding the
 * cell is exact arithmetic (the exponent's bits, a power-of-two scale, a subtraction), so the
 * TypeScript and WASM paths agree bit for bit, and no logarithm is needed: Acklam's tail formula
 * cost a log, a square root and a division per tail row. p′ ≥ 2^-53 (the smallest open uniform), so
 * 48 bands cover every draw.
 */

/** LOW lies in [2^-6, 2^-5): the first band's exponent. */
export const TAIL_TOP_EXPONENT = -6;
/** Bands, down to 2^-53. */
export const TAIL_BANDS = 48;
/** Cells per band (a power of two: (m − 1) · TAIL_CELLS is exact). */
export const TAIL_CELLS = 64;

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The Mills ratio R(x) = (1 − Φ(x)) / φ(x) for x ≥ 1.9, by Laplace's continued fraction
 * 1/(x + 1/(x + 2/(x + 3/(x + …)))), evaluated from the back. It converges faster the larger x is:
 * 600/x² terms reach double precision (measured: 150 at x = 1.97, 60 at 3).
 */
export function millsRatio(x: number): number {
  let f = x;
  for (let k = Math.ceil(600 / (x * x)); k >= 1; k--) f = x + k / f;
  return 1 / f;
}

/**
 * The exact lower-tail quantile Q(p) for 0 < p < LOW: Newton on ln(1 − Φ(x)) = ln p for x = −Q,
 * from Acklam's tail guess. In logs, so it stays accurate down to p = 2^-53 and beyond.
 */
export function exactTailQuantile(p: number): number {
  const lnP = Math.log(p);
  let x = -acklamTail(Math.sqrt(-2 * lnP));
  // Newton doubles the digits: Acklam's 1e-9 needs two steps; the third confirms.
  for (let i = 0; i < 3; i++) {
    const r = millsRatio(x);
    x += ((-x * x) / 2 - LN_SQRT_2PI + Math.log(r) - lnP) * r;
  }
  return -x;
}

/** Acklam's lower-tail rational in q = √(−2 ln p): Q(p) to 1.2e-9 relative. */
export function acklamTail(q: number): number {
  const num =
    ((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) *
      q +
      4.374664141464968) *
      q +
    2.938163982698783;
  const den =
    (((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
      q +
    1;
  return num / den;
}

/** Band b's cells: Q(2^e · m), slopes dQ/dm = 2^e / φ(Q) per cell width. */
function buildTailTable(): Float64Array {
  const c = new Float64Array(4 * TAIL_BANDS * TAIL_CELLS);
  const y = new Float64Array(TAIL_CELLS + 1);
  const m = new Float64Array(TAIL_CELLS + 1);
  for (let b = 0; b < TAIL_BANDS; b++) {
    const scale = 2 ** (TAIL_TOP_EXPONENT - b);
    for (let k = 0; k <= TAIL_CELLS; k++) {
      const q = exactTailQuantile(scale * (1 + k / TAIL_CELLS));
      y[k] = q;
      m[k] = (scale / TAIL_CELLS) * SQRT_2PI * Math.exp((q * q) / 2);
    }
    hermiteCells(y, m, TAIL_CELLS, c, 4 * TAIL_CELLS * b);
  }
  return c;
}

/** The tail cell coefficients: TAIL_CELLS cells of four per band, bands from 2^-6 down. */
export const TAIL_TABLE = buildTailTable();

/** 2^-e of each band: multiplying p′ by it is exact and gives the band's m ∈ [1, 2). */
export const TAIL_SCALE = Float64Array.from({ length: TAIL_BANDS }, (_, b) => 2 ** (b - TAIL_TOP_EXPONENT));

/** The smallest p′ the bands cover: the smallest open uniform. */
export const TAIL_MIN = 2 ** (TAIL_TOP_EXPONENT - TAIL_BANDS + 1);

/** A double's bits (little-endian, as Arrow and every platform Node runs on): [1] is the high word. */
const BITS = new Float64Array(1);
const HIGH_WORD = new Uint32Array(BITS.buffer);

/** The biased exponent of TAIL_TOP_EXPONENT: band = TAIL_BAND_BIAS − (biased exponent of p′). */
export const TAIL_BAND_BIAS = 1023 + TAIL_TOP_EXPONENT;

/**
 * Q(p′) for TAIL_MIN ≤ p′ < 2^(TAIL_TOP_EXPONENT+1), the lower tail (negative), from the tail table.
 * WASM's normal.ts does the same operations in the same order.
 */
export function tailQuantile(pp: number): number {
  BITS[0] = pp;
  const band = TAIL_BAND_BIAS - (HIGH_WORD[1]! >>> 20);
  const x = (pp * TAIL_SCALE[band]! - 1) * TAIL_CELLS;
  const j = x | 0;
  const t = x - j;
  const o = 4 * (band * TAIL_CELLS + j);
  const c = TAIL_TABLE;
  return c[o]! + t * (c[o + 1]! + t * (c[o + 2]! + t * c[o + 3]!));
}
