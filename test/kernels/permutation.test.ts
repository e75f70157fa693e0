import { describe, expect, it } from "vitest";
import { domainBits, permute } from "../../src/kernels/permutation.js";

describe("permute", () => {
  it("is a bijection of [0, n) for small, odd, power-of-two and just-past-power-of-two n", () => {
    for (const n of [1, 2, 3, 5, 17, 1000, 4096, 4097, 65535, 65536, 65537, 100_003]) {
      const seen = new Uint8Array(n);
      for (let x = 0; x < n; x++) {
        const v = permute(0x1234, 0x9876, n, x);
        expect(v >= 0 && v < n && seen[v] === 0, `n=${n} x=${x} → ${v}`).toBe(true);
        seen[v] = 1;
      }
    }
  });

  it("depends on the key, and stays a pure function of (key, n, x) for huge n", () => {
    const n = 2 ** 40 + 12345;
    expect(domainBits(n)).toBe(41);
    const a = permute(1, 2, n, 987_654_321);
    expect(permute(1, 2, n, 987_654_321)).toBe(a);
    expect(permute(3, 2, n, 987_654_321)).not.toBe(a);
    expect(a).toBeLessThan(n);
  });

  it("scatters consecutive inputs (no long increasing runs)", () => {
    let runs = 0;
    for (let x = 1; x < 10_000; x++) if (permute(5, 6, 10_000, x) > permute(5, 6, 10_000, x - 1)) runs++;
    expect(runs / 9_999).toBeGreaterThan(0.4);
    expect(runs / 9_999).toBeLessThan(0.6);
  });
});
