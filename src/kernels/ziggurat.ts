/**
 * kernels: Exponential(1) by the ziggurat method (Marsaglia & Tsang 2000, 256 layers of equal area).
 * (key, row) → a sample, exact for the exponential: one 32-bit draw ends ~98.9% of rows; the rest take
 * further draws of the same row (bounded, then exact inversion), so values stay a function of (key, row).
 */
import { hash32, uniform53, uniformOpen } from "../rng/hash.js";

/** Start of the tail (x of the lowest layer's edge) and the common layer area, for 256 layers. */
const R = 7.69711747013105;
const AREA = 3.949659822581572e-3;

/** The low 8 bits of a draw pick the layer, the high 24 bits the position inside it. */
const LAYERS = 256;
const POSITION_STEPS = 1 << 24;

/** Attempts before falling back to inversion (reached with probability below 1e-30). */
const MAX_ATTEMPTS = 16;

/**
 * Layer i ≥ 1 is the box [0, x_i] × [f(x_i), f(x_{i+1})] with f(x) = e^-x, x_1 = R and the top layer
 * reaching f = 1; layer 0 is the base [0, R] × [0, f(R)] plus the tail, drawn as a box of width
 * AREA / f(R) whose overhang past R maps to the tail.
 */
function buildLayers(): { width: Float64Array; inner: Float64Array; fx: Float64Array } {
  const x = new Float64Array(LAYERS + 1);
  x[1] = R;
  for (let i = 1; i < LAYERS - 1; i++) x[i + 1] = -Math.log(Math.exp(-x[i]!) + AREA / x[i]!);
  x[LAYERS] = 0;
  const width = new Float64Array(LAYERS);
  const inner = new Float64Array(LAYERS);
  const fx = new Float64Array(LAYERS + 1);
  width[0] = AREA / Math.exp(-R);
  inner[0] = R;
  for (let i = 1; i < LAYERS; i++) {
    width[i] = x[i]!;
    inner[i] = x[i + 1]!;
  }
  for (let i = 1; i <= LAYERS; i++) fx[i] = Math.exp(-x[i]!);
  return { width, inner, fx };
}

const LAYER = buildLayers();

/**
 * f at each layer's lower edge (index i) and upper edge (index i + 1); 1 at the top. Exported for
 * the WASM kernel (src/wasm/assembly/exponential.ts), which ports exponentialSlow.
 */
export const ZIGGURAT_FX: Float64Array = LAYER.fx;

/** Exported for the tests: the layer boxes, so their equal areas can be checked. */
export const ZIGGURAT_LAYERS: { readonly width: Float64Array; readonly inner: Float64Array } = LAYER;

/** x = (position + ½) · ZIGGURAT_STEP[layer]: the midpoints of 2^24 steps across the layer's width. */
export const ZIGGURAT_STEP = LAYER.width.map((w) => w / POSITION_STEPS);

/**
 * position < ZIGGURAT_INNER[layer] ⇒ the point lies inside the curve (x below the next layer's edge,
 * or below R in the base): accept at once. Floored, so the shortcut never accepts a point outside.
 */
export const ZIGGURAT_INNER = Int32Array.from(LAYER.width, (w, i) =>
  Math.max(0, Math.floor((POSITION_STEPS * LAYER.inner[i]!) / w - 0.5)),
);

/**
 * The rest of a row that missed the shortcut with `h`, its draw 0. Attempt a uses hash32 draw 4a
 * for (layer, position) and uniform draw 2a + 1 (hash words 4a + 2, 4a + 3) for the wedge test or
 * the tail, so no two uses share bits.
 */
export function exponentialSlow(h: number, k0: number, k1: number, row: number): number {
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    if (a > 0) h = hash32(k0, k1, row, 4 * a);
    const layer = h & (LAYERS - 1);
    const pos = h >>> 8;
    const x = (pos + 0.5) * ZIGGURAT_STEP[layer]!;
    if (pos < ZIGGURAT_INNER[layer]!) return x;
    // The base: inside [0, R) the box is under the curve; past R, the memoryless tail R + Exp(1).
    if (layer === 0) return x < R ? x : R - Math.log(uniformOpen(k0, k1, row, 2 * a + 1));
    const lo = ZIGGURAT_FX[layer]!;
    if (lo + uniform53(k0, k1, row, 2 * a + 1) * (ZIGGURAT_FX[layer + 1]! - lo) < Math.exp(-x)) return x;
  }
  // Every attempt rejected: an exact draw by inversion keeps the mixture exactly exponential.
  return -Math.log(uniformOpen(k0, k1, row, 2 * MAX_ATTEMPTS + 1));
}

/** One Exponential(1) sample for (key, row). */
export function sampleExponential(k0: number, k1: number, row: number): number {
  const h = hash32(k0, k1, row, 0);
  const layer = h & (LAYERS - 1);
  const pos = h >>> 8;
  return pos < ZIGGURAT_INNER[layer]! ? (pos + 0.5) * ZIGGURAT_STEP[layer]! : exponentialSlow(h, k0, k1, row);
}
