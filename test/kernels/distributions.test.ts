/**
 * Statistical proof of the number, categorical and boolean kernels at 10^6 rows, read back from Arrow.
 * Tolerances: means and proportions use 4–5 standard errors (a correct sampler fails with p < 1e-4 at
 * 4σ, and seeds are fixed, so the outcome is deterministic); shapes use Pearson χ² against the exact
 * probabilities at p = 0.001 (Wilson–Hilferty critical value). At n = 10^6 these bounds are tight: a
 * 1% relative bias in any bin of probability ≥ 0.05 already exceeds them.
 */
import { describe, expect, it } from "vitest";
import { logFactorial } from "../../src/kernels/distributions.js";
import { createZipf, createZipfRejection, sampleZipf, ZIPF_ALIAS_MAX_N } from "../../src/kernels/zipf.js";
import { sampleColumn } from "../rng/sample-column.js";
import { chiSquareCritical, chiSquareVsProbabilities, histogram, meanVar, normalize } from "../rng/stats.js";

const N = 1_000_000;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7: 0.15 rows at n = 10^6). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** χ² of a continuous sample binned at `edges` (plus both tails) against a CDF. */
function binnedChiSquare(
  xs: Float64Array,
  edges: number[],
  cdf: (x: number) => number,
): { stat: number; dof: number } {
  const counts = new Float64Array(edges.length + 1);
  for (const x of xs) {
    let b = 0;
    while (b < edges.length && x >= edges[b]!) b++;
    counts[b]!++;
  }
  const cum = [0, ...edges.map(cdf), 1];
  const probs = counts.map((_, i) => cum[i + 1]! - cum[i]!);
  return { stat: chiSquareVsProbabilities(counts, probs), dof: counts.length - 1 };
}

/** Exact Poisson pmf bins: [0, lo), lo..hi, (hi, ∞). */
function poissonChiSquare(xs: Float64Array, lambda: number): { stat: number; dof: number } {
  const sd = Math.sqrt(lambda);
  const lo = Math.max(0, Math.floor(lambda - 3 * sd));
  const hi = Math.ceil(lambda + 3 * sd);
  const pmf = (k: number) => Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
  const probs: number[] = [];
  let below = 0;
  for (let k = 0; k < lo; k++) below += pmf(k);
  probs.push(below);
  for (let k = lo; k <= hi; k++) probs.push(pmf(k));
  probs.push(1 - probs.reduce((a, b) => a + b, 0));
  const counts = histogram(xs, probs.length, (x) => (x < lo ? 0 : x > hi ? probs.length - 1 : x - lo + 1));
  // With lo = 0 the lower tail is empty: drop it (an empty bin with p = 0 adds no information).
  const keep = probs.map((_, i) => i).filter((i) => probs[i]! > 0);
  const stat = chiSquareVsProbabilities(
    keep.map((i) => counts[i]!),
    keep.map((i) => probs[i]!),
  );
  return { stat, dof: keep.length - 1 };
}

/** Zipf probabilities of ranks 1..k, then the rest as one bin. */
function zipfProbs(n: number, s: number, k: number): number[] {
  let z = 0;
  for (let r = n; r >= 1; r--) z += r ** -s; // smallest terms first, for accuracy
  const head = Array.from({ length: k }, (_, i) => (i + 1) ** -s / z);
  return [...head, 1 - head.reduce((a, b) => a + b, 0)];
}

function checkZipf(ranks: ArrayLike<number>, n: number, s: number): void {
  const k = 20;
  const probs = zipfProbs(n, s, k);
  const counts = histogram(ranks, k + 1, (r) => (r <= k ? r - 1 : k));
  let outside = 0;
  for (let i = 0; i < ranks.length; i++) if (!(ranks[i]! >= 1 && ranks[i]! <= n)) outside++;
  expect(outside).toBe(0);
  // Top 5 ranks one by one: within 5 binomial standard errors of their exact probability.
  for (let r = 0; r < 5; r++) {
    const p = probs[r]!;
    expect(Math.abs(counts[r]! / ranks.length - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / ranks.length));
  }
  expect(chiSquareVsProbabilities(counts, probs)).toBeLessThan(chiSquareCritical(k));
}

describe("normal, lognormal, exponential", () => {
  it("normal: mean within 4σ/√n, stddev within 4σ/√(2n), shape by χ² over 14 bins", () => {
    const { values } = sampleColumn("{name: v, number: {normal: {mean: 40, stddev: 12}}}", N);
    const { mean, variance } = meanVar(values);
    expect(Math.abs(mean - 40)).toBeLessThan((4 * 12) / Math.sqrt(N));
    expect(Math.abs(Math.sqrt(variance) - 12)).toBeLessThan((4 * 12) / Math.sqrt(2 * N));
    const edges = Array.from({ length: 13 }, (_, i) => 40 + 12 * (i * 0.5 - 3));
    const { stat, dof } = binnedChiSquare(values, edges, (x) => phi((x - 40) / 12));
    expect(stat).toBeLessThan(chiSquareCritical(dof));
  });

  it("lognormal: median e^μ (fraction below it is Binomial(n, ½), 4σ) and ln-moments", () => {
    const { values } = sampleColumn("{name: v, number: {lognormal: {mu: 2, sigma: 0.75}}}", N);
    let below = 0;
    for (const v of values) if (v < Math.exp(2)) below++;
    expect(Math.abs(below / N - 0.5)).toBeLessThan(4 * (0.5 / Math.sqrt(N)));
    const logs = values.map(Math.log);
    const { mean, variance } = meanVar(logs);
    expect(Math.abs(mean - 2)).toBeLessThan((4 * 0.75) / Math.sqrt(N));
    expect(Math.abs(Math.sqrt(variance) - 0.75)).toBeLessThan((4 * 0.75) / Math.sqrt(2 * N));
  });

  it("exponential: mean 1/rate within 4/(rate·√n), and P(X > mean) = 1/e", () => {
    const { values } = sampleColumn("{name: v, number: {exponential: {rate: 0.25}}}", N);
    const { mean } = meanVar(values);
    expect(Math.abs(mean - 4)).toBeLessThan((4 * 4) / Math.sqrt(N));
    let above = 0;
    for (const v of values) if (v > 4) above++;
    const p = Math.exp(-1);
    expect(Math.abs(above / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    expect(values.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  });
});

/** Kolmogorov–Smirnov distance of a sample from a continuous CDF. */
function ksDistance(xs: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, (i + 1) / s.length - f, f - i / s.length);
  }
  return d;
}

describe("exponential by ziggurat", () => {
  const expCdf = (x: number) => -Math.expm1(-x);

  it("KS distance from 1 − e^(−x) below the p = 0.001 critical value 1.95/√n", () => {
    const { values } = sampleColumn("{name: v, number: {exponential: {rate: 1}}}", N);
    expect(ksDistance(values, expCdf)).toBeLessThan(1.95 / Math.sqrt(N));
  });

  it("χ² over 24 bins: the fine grid near 0, the layer edges, and the tail past R ≈ 7.7", () => {
    const { values } = sampleColumn("{name: v, number: {exponential: {rate: 2}}}", N);
    const scaled = values.map((v) => 2 * v);
    const edges = [
      0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.3, 1.6, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7,
    ];
    const { stat, dof } = binnedChiSquare(scaled, [...edges, 7.69711747013105], expCdf);
    expect(stat).toBeLessThan(chiSquareCritical(dof));
    // P(X > 10) = e^-10 ≈ 4.5e-5: 45 expected rows, all from the memoryless tail.
    const far = scaled.filter((v) => v > 10).length;
    expect(Math.abs(far - N * Math.exp(-10))).toBeLessThan(5 * Math.sqrt(N * Math.exp(-10)));
  });

  it("a 1% scale error fails the same KS test, so the test has teeth", () => {
    const { values } = sampleColumn("{name: v, number: {exponential: {rate: 1}}}", N);
    expect(ksDistance(values, (x) => expCdf(x / 1.01))).toBeGreaterThan(1.95 / Math.sqrt(N));
  });
});

describe("poisson", () => {
  // Var(sample variance) of a Poisson is ≈ (λ + 2λ²)/n; the mean's standard error is √(λ/n).
  for (const lambda of [0.3, 3.5, 9.99, 10, 47, 250, 12_000]) {
    it(`λ = ${lambda}: mean, variance (4 SE) and the exact pmf by χ²`, () => {
      const { values } = sampleColumn(`{name: v, number: {poisson: {lambda: ${lambda}}}}`, N);
      const { mean, variance } = meanVar(values);
      expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / N));
      expect(Math.abs(variance - lambda)).toBeLessThan(4 * Math.sqrt((lambda + 2 * lambda * lambda) / N));
      const { stat, dof } = poissonChiSquare(values, lambda);
      expect(stat).toBeLessThan(chiSquareCritical(dof));
    });
  }

  it("a rounded normal (the old large-λ method) fails the same χ² test, so the test has teeth", () => {
    const { values } = sampleColumn("{name: v, number: {normal: {mean: 249.5, stddev: 15.811388}}}", N);
    const rounded = values.map((x) => Math.max(0, Math.round(x)));
    const { stat, dof } = poissonChiSquare(rounded, 250);
    expect(stat).toBeGreaterThan(chiSquareCritical(dof));
  });
});

describe("zipf", () => {
  it("alias path (n = 1000, s = 1.2): top ranks and χ² over ranks 1..20 + tail", () => {
    const { values } = sampleColumn("{name: v, number: {zipf: {n: 1000, s: 1.2}}}", N);
    checkZipf(values, 1000, 1.2);
  });

  it("alias path at its limit (n = 2^20, s = 0.9)", () => {
    const { values } = sampleColumn(`{name: v, number: {zipf: {n: ${ZIPF_ALIAS_MAX_N}, s: 0.9}}}`, N);
    checkZipf(values, ZIPF_ALIAS_MAX_N, 0.9);
  });

  for (const s of [1.1, 1, 0.7, 2.5]) {
    it(`rejection-inversion path (n = 5·10^6, s = ${s})`, () => {
      expect(createZipf(5_000_000, s).kind).toBe("rejection");
      const { values } = sampleColumn(`{name: v, number: {zipf: {n: 5000000, s: ${s}}}}`, N);
      checkZipf(values, 5_000_000, s);
    });
  }

  it("rejection-inversion matches the exact pmf over the whole support (n = 40 forced)", () => {
    const plan = createZipfRejection(40, 1.3);
    const ranks = new Float64Array(N);
    for (let r = 0; r < N; r++) ranks[r] = sampleZipf(plan, 0x1234567, 0x89abcdef, r);
    const probs = normalize(Array.from({ length: 40 }, (_, i) => (i + 1) ** -1.3));
    const counts = histogram(ranks, 40, (x) => x - 1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    expect(chiSquareVsProbabilities(counts, probs)).toBeLessThan(chiSquareCritical(39));
  });
});

describe("uniform and rounding", () => {
  it("integer uniform covers [min, max] inclusive, equally (χ², 9 dof)", () => {
    const { values } = sampleColumn("{name: v, type: int32, number: {uniform: {min: -3, max: 6}}}", N);
    const counts = histogram(values, 10, (x) => x + 3);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    expect(chiSquareVsProbabilities(counts, new Array(10).fill(0.1))).toBeLessThan(chiSquareCritical(9));
  });

  it("float uniform stays in [min, max) with mean (min+max)/2 (4 SE)", () => {
    const { values } = sampleColumn("{name: v, number: {uniform: {min: -2, max: 5}}}", N);
    expect(values.every((v) => v >= -2 && v < 5)).toBe(true);
    expect(Math.abs(meanVar(values).mean - 1.5)).toBeLessThan(4 * (7 / Math.sqrt(12 * N)));
  });

  it("decimal(5,2) clamps to ±999.99 and keeps two places; int32 clamps to min/max", () => {
    const dec = sampleColumn(
      '{name: v, type: "decimal(5,2)", number: {normal: {mean: 0, stddev: 600}}}',
      20_000,
    );
    const raw = dec.data.values as Uint32Array;
    let clampedHi = 0;
    for (let i = 0; i < 20_000; i++) {
      const lo = raw[4 * i]!;
      const hi = raw[4 * i + 1]! | 0;
      const cents = hi * 4294967296 + lo;
      expect(Math.abs(cents)).toBeLessThanOrEqual(99_999);
      if (cents === 99_999) clampedHi++;
    }
    expect(clampedHi).toBeGreaterThan(0); // P(N(0,600) > 999.99) ≈ 4.8%
    const ints = sampleColumn(
      "{name: v, type: int32, number: {normal: {mean: 40, stddev: 30}, min: 18, max: 95}}",
      20_000,
    );
    expect(ints.values.every((v) => Number.isInteger(v) && v >= 18 && v <= 95)).toBe(true);
    expect(ints.values.includes(18) && ints.values.includes(95)).toBe(true);
  });

  it("round keeps the given places on floats, with no negative zero", () => {
    const { values } = sampleColumn("{name: v, number: {normal: {mean: 0, stddev: 0.3}, round: 0}}", 20_000);
    expect(values.every((v) => Number.isInteger(v) && !Object.is(v, -0))).toBe(true);
    const r2 = sampleColumn("{name: v, number: {uniform: {min: 0, max: 10}, round: 2}}", 20_000).values;
    expect(r2.every((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9)).toBe(true);
  });
});

describe("categorical and boolean", () => {
  it("weighted categorical frequencies pass χ² (3 dof) and each is within 5 SE", () => {
    const { data } = sampleColumn(
      "{name: v, categorical: {values: [Bronze, Silver, Gold, Platinum], weights: [50, 30, 15, 5]}}",
      N,
    );
    const idx = data.values as Int32Array;
    const probs = [0.5, 0.3, 0.15, 0.05];
    const counts = histogram(idx, 4);
    expect(chiSquareVsProbabilities(counts, probs)).toBeLessThan(chiSquareCritical(3));
    probs.forEach((p, i) => {
      expect(Math.abs(counts[i]! / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    });
  });

  it("26 uneven weights with a zero: χ² over the 25 live values, the zero never drawn", () => {
    const weights = Array.from({ length: 26 }, (_, i) => (i === 7 ? 0 : 1 + ((i * 37) % 11)));
    const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
    const { data } = sampleColumn(
      `{name: v, categorical: {values: [${letters.join(",")}], weights: [${weights.join(",")}]}}`,
      N,
    );
    const counts = histogram(data.values as Int32Array, 26);
    expect(counts[7]).toBe(0);
    const live = weights.map((_, i) => i).filter((i) => i !== 7);
    const probs = normalize(live.map((i) => weights[i]!));
    expect(
      chiSquareVsProbabilities(
        live.map((i) => counts[i]!),
        probs,
      ),
    ).toBeLessThan(chiSquareCritical(24));
  });

  it("boolean: the true fraction is within 4 SE of the probability", () => {
    for (const p of [0.8, 0.03]) {
      const { data } = sampleColumn(`{name: v, boolean: {probability: ${p}}}`, N);
      const bits = data.values as Uint8Array;
      let trues = 0;
      for (let i = 0; i < N; i++) trues += (bits[i >> 3]! >> (i & 7)) & 1;
      expect(Math.abs(trues / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    }
  });
});
