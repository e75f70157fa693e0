/**
 * The exponential ziggurat's tables: equal layer areas (what makes a uniform layer pick exact), a
 * shortcut that only accepts points under the curve, and a bounded, row-pure slow path.
 */
import { describe, expect, it } from "vitest";
import {
  exponentialSlow,
  sampleExponential,
  ZIGGURAT_INNER,
  ZIGGURAT_LAYERS,
  ZIGGURAT_STEP,
} from "../../src/kernels/ziggurat.js";
import { hash32 } from "../../src/rng/hash.js";

const R = 7.69711747013105;
const AREA = 3.949659822581572e-3;

describe("exponential ziggurat", () => {
  it("every layer has the same area (base box + tail included) to 1e-11", () => {
    const { width, inner } = ZIGGURAT_LAYERS;
    expect(Math.abs((R * Math.exp(-R) + Math.exp(-R)) / AREA - 1)).toBeLessThan(1e-11);
    expect(Math.abs(width[0]! * Math.exp(-R) - AREA)).toBeLessThan(1e-15);
    for (let i = 1; i < 256; i++) {
      const top = i === 255 ? 1 : Math.exp(-inner[i]!);
      expect(Math.abs((width[i]! * (top - Math.exp(-width[i]!))) / AREA - 1)).toBeLessThan(1e-11);
    }
  });

  it("the shortcut accepts only points inside the curve, and most draws", () => {
    const { inner } = ZIGGURAT_LAYERS;
    let fast = 0;
    for (let i = 0; i < 256; i++) {
      const k = ZIGGURAT_INNER[i]!;
      if (k > 0) expect((k - 1 + 0.5) * ZIGGURAT_STEP[i]!).toBeLessThan(inner[i]!);
      fast += k / 2 ** 24 / 256;
    }
    expect(ZIGGURAT_INNER[255]).toBe(0);
    expect(fast).toBeGreaterThan(0.97);
  });

  it("slow rows are pure functions of (key, row), finite and non-negative", () => {
    let slow = 0;
    for (let row = 0; row < 200_000; row++) {
      const h = hash32(7, 9, row, 0);
      if (h >>> 8 < ZIGGURAT_INNER[h & 255]!) continue;
      slow++;
      const x = exponentialSlow(h, 7, 9, row);
      expect(x).toBe(sampleExponential(7, 9, row));
      expect(x).toBe(exponentialSlow(h, 7, 9, row));
      expect(Number.isFinite(x) && x >= 0).toBe(true);
    }
    expect(slow).toBeGreaterThan(2000);
  });
});
