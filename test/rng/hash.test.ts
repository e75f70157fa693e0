/**
 * RNG quality: hash32's bits are uniform, and outputs for neighbouring rows, draws and keys are
 * independent. Bucket tests use Pearson χ² at p = 0.001 (Wilson–Hilferty critical value); correlations
 * must stay within 4/√n (4 standard errors of a correlation of independent uniforms). The keys and row
 * ranges are fixed, so the outcome is deterministic; a weak mixer (e.g. a bare multiply) fails these.
 */
import { describe, expect, it } from "vitest";
import { below, hash32, uniform53, uniformOpen } from "../../src/rng/hash.js";
import { chiSquareCritical, chiSquareVsProbabilities } from "./stats.js";

const N = 1_000_000;
const K0 = 0x9e3779b9;
const K1 = 0x7f4a7c15;
const UNIFORM_256 = new Array(256).fill(1 / 256);

function byteChiSquare(f: (i: number) => number, shift: number): number {
  const counts = new Float64Array(256);
  for (let i = 0; i < N; i++) counts[(f(i) >>> shift) & 0xff]!++;
  return chiSquareVsProbabilities(counts, UNIFORM_256);
}

function correlation(f: (i: number) => number, g: (i: number) => number): number {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < N; i++) {
    const x = f(i);
    const y = g(i);
    sx += x;
    sy += y;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  const cov = sxy / N - (sx / N) * (sy / N);
  return cov / Math.sqrt((sxx / N - (sx / N) ** 2) * (syy / N - (sy / N) ** 2));
}

describe("hash32 bit uniformity (χ² over 256 buckets, 255 dof)", () => {
  const crit = chiSquareCritical(255);
  const streams: [string, (i: number) => number][] = [
    ["consecutive rows", (i) => hash32(K0, K1, i, 0)],
    ["rows above 2^32", (i) => hash32(K0, K1, 2 ** 40 + i * 4294967296, 0)],
    ["consecutive draws of one row", (i) => hash32(K0, K1, 12345, i)],
    ["consecutive keys (k0 = i)", (i) => hash32(i, K1, 7, 0)],
    ["consecutive keys (k1 = i)", (i) => hash32(K0, i, 7, 0)],
  ];
  for (const [name, f] of streams) {
    it(`${name}: low byte, high byte and a middle byte`, () => {
      for (const shift of [0, 24, 12]) expect(byteChiSquare(f, shift)).toBeLessThan(crit);
    });
  }

  it("each of the 32 bits is set half the time (within 4.5 SE)", () => {
    const ones = new Float64Array(32);
    for (let i = 0; i < N; i++) {
      const h = hash32(K0, K1, i, 3);
      for (let b = 0; b < 32; b++) ones[b]! += (h >>> b) & 1;
    }
    for (const c of ones) expect(Math.abs(c / N - 0.5)).toBeLessThan(4.5 * (0.5 / Math.sqrt(N)));
  });
});

describe("independence", () => {
  const u = (row: number, draw = 0, k0 = K0) => uniform53(k0, K1, row, draw);
  const bound = 4 / Math.sqrt(N);

  it("neighbouring rows, draws and keys are uncorrelated (|r| < 4/√n)", () => {
    expect(
      Math.abs(
        correlation(
          (i) => u(i),
          (i) => u(i + 1),
        ),
      ),
    ).toBeLessThan(bound);
    expect(
      Math.abs(
        correlation(
          (i) => u(i, 0),
          (i) => u(i, 1),
        ),
      ),
    ).toBeLessThan(bound);
    expect(
      Math.abs(
        correlation(
          (i) => u(i, 0, K0),
          (i) => u(i, 0, K0 + 1),
        ),
      ),
    ).toBeLessThan(bound);
    expect(
      Math.abs(
        correlation(
          (i) => u(2 * i),
          (i) => u(2 * i + 1),
        ),
      ),
    ).toBeLessThan(bound);
  });

  it("pairs (row, row+1) and (draw 0, draw 1) fill a 16×16 grid evenly (χ², 255 dof)", () => {
    const grid = (f: (i: number) => [number, number]) => {
      const counts = new Float64Array(256);
      for (let i = 0; i < N; i++) {
        const [a, b] = f(i);
        counts[Math.floor(a * 16) * 16 + Math.floor(b * 16)]!++;
      }
      return chiSquareVsProbabilities(counts, UNIFORM_256);
    };
    expect(grid((i) => [u(i), u(i + 1)])).toBeLessThan(chiSquareCritical(255));
    expect(grid((i) => [u(i, 0), u(i, 1)])).toBeLessThan(chiSquareCritical(255));
    expect(grid((i) => [u(i, 0, K0), u(i, 0, K0 ^ 1)])).toBeLessThan(chiSquareCritical(255));
  });

  it("avalanche: flipping one input bit flips about 16 of 32 output bits", () => {
    let flips = 0;
    const trials = 20_000;
    for (let i = 0; i < trials; i++) {
      const bit = i % 32;
      const h = hash32(K0, K1, i * 977, 0);
      flips += popcount(h ^ hash32(K0, K1, (i * 977) ^ (1 << bit), 0));
    }
    // Mean of Binomial(32, ½) is 16 with SE 2.83/√trials = 0.02 per trial mean.
    expect(Math.abs(flips / trials - 16)).toBeLessThan(0.1);
  });
});

describe("uniform helpers", () => {
  it("uniform53 stays in [0, 1), uniformOpen in (0, 1], below(n) is uniform on [0, n)", () => {
    let min = 1;
    let max = 0;
    let zeros = 0;
    const counts = new Float64Array(10);
    for (let i = 0; i < N; i++) {
      const x = uniform53(K0, K1, i, 0);
      if (x < min) min = x;
      if (x > max) max = x;
      if (!(uniformOpen(K0, K1, i, 0) > 0)) zeros++;
      counts[below(K0, K1, i, 1, 10)]!++;
    }
    expect(min >= 0 && max < 1).toBe(true);
    expect(zeros).toBe(0);
    expect(chiSquareVsProbabilities(counts, new Array(10).fill(0.1))).toBeLessThan(chiSquareCritical(9));
  });
});

function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) c++;
  return c;
}
