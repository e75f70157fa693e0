/**
 * The tabulated inverse normal: the central table at least as accurate as Acklam's formula it
 * replaced, over 10^6 points of the central region; the tail table against the exact tail quantile
 * down to the smallest open uniform; and the same contract (odd, monotone, saturating).
 */
import { describe, expect, it } from "vitest";
import { inverseNormal } from "../../src/kernels/distributions.js";
import {
  acklamCentral,
  CENTRAL_HALF_WIDTH,
  centralCdf,
  exactCentralQuantile,
  exactTailQuantile,
  LOW,
  TAIL_MIN,
} from "../../src/kernels/normal-table.js";

const POINTS = 1_000_000;

/** p over the central region, off-grid (an irrational step) so no point sits on a node. */
function centralPoints(): Float64Array {
  const ps = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) ps[i] = LOW + 2 * CENTRAL_HALF_WIDTH * ((i + Math.SQRT1_2) / POINTS);
  return ps;
}

describe("inverseNormal tables", () => {
  it("stays within Acklam's relative error (1.2e-9) of Acklam over 10^6 points", () => {
    let worst = 0;
    for (const p of centralPoints()) {
      const ref = acklamCentral(p - 0.5);
      worst = Math.max(worst, Math.abs(inverseNormal(p) - ref) / Math.abs(ref));
    }
    expect(worst).toBeLessThan(1.2e-9);
  });

  it("is within 1e-10 relative of the exact quantile (Acklam alone is off by up to 1.15e-9)", () => {
    let worst = 0;
    for (const p of centralPoints()) {
      const q = p - 0.5;
      const exact = Math.sign(q) * exactCentralQuantile(Math.abs(q));
      worst = Math.max(worst, Math.abs(inverseNormal(p) - exact) / Math.abs(exact));
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it("the reference is exact: Φ(Q(½ + a)) − ½ = a to 1e-15", () => {
    for (const a of [1e-9, 0.01, 0.2, 0.4, CENTRAL_HALF_WIDTH]) {
      expect(Math.abs(centralCdf(exactCentralQuantile(a)) - a)).toBeLessThan(1e-15 * Math.max(1, a / 1e-3));
    }
    // Φ(1.959963984540054) = 0.975 (a standard table value).
    expect(Math.abs(exactCentralQuantile(0.475) - 1.959963984540054)).toBeLessThan(1e-14);
  });

  it("tail table: within 2e-10 relative of the exact quantile from LOW down to 2^-53 (Acklam: 1.2e-9)", () => {
    let worst = 0;
    const top = Math.log(LOW);
    const bottom = Math.log(TAIL_MIN);
    for (let i = 0; i < 200_000; i++) {
      // Log-spaced and off-grid, so every band and every cell is hit between its nodes.
      const p = Math.exp(bottom + (top - bottom) * ((i + Math.SQRT1_2) / 200_000));
      const exact = exactTailQuantile(p);
      worst = Math.max(worst, Math.abs(inverseNormal(p) - exact) / -exact);
      // The upper tail mirrors the lower one exactly where 1 − p is exact.
      if (p > 2 ** -30) expect(inverseNormal(1 - p)).toBe(-inverseNormal(1 - (1 - p)));
    }
    expect(worst).toBeLessThan(2e-10);
  });

  it("the tail reference is exact: Wichura's AS241 values, and it meets the central one at LOW", () => {
    // Python's statistics.NormalDist().inv_cdf (AS241, relative error ~1e-16).
    expect(Math.abs(exactTailQuantile(0.001) + 3.090232306167813)).toBeLessThan(1e-14);
    expect(Math.abs(exactTailQuantile(1e-10) + 6.361340902404056)).toBeLessThan(1e-14);
    expect(Math.abs(exactTailQuantile(1e-15) + 7.941345326170995)).toBeLessThan(1e-13);
    expect(Math.abs(exactTailQuantile(2 ** -53) + 8.209536151601386)).toBeLessThan(1e-12);
    expect(Math.abs(exactTailQuantile(LOW) + exactCentralQuantile(0.5 - LOW))).toBeLessThan(1e-14);
  });

  it("keeps the contract: odd, monotone, relative accuracy near ½, tails and saturation", () => {
    expect(inverseNormal(0.5)).toBe(0);
    // 0.5 ± d are exact for these d, so the mirror must be exact too.
    for (const d of [2 ** -52, 2 ** -40, 2 ** -20, 0.125, 0.375]) {
      expect(inverseNormal(0.5 + d)).toBe(-inverseNormal(0.5 - d));
    }
    // Near ½ the quantile is √(2π)·q to within relative 1e-12.
    const near = 0.5 + 1e-12;
    const slope = inverseNormal(near) / (Math.sqrt(2 * Math.PI) * (near - 0.5));
    expect(Math.abs(slope - 1)).toBeLessThan(1e-12);
    let prev = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < 200_000; i++) {
      const z = inverseNormal(i / 200_000);
      expect(z).toBeGreaterThan(prev);
      prev = z;
    }
    expect(inverseNormal(0)).toBe(-8.3);
    expect(inverseNormal(1)).toBe(8.3);
    expect(Math.abs(inverseNormal(0.001) + 3.090232306167813)).toBeLessThan(1e-8);
  });
});
