/**
 * kernels: continuous and discrete distributions as pure functions of uniforms.
 * (params, u ∈ (0,1)) → a sample. Each needs a fixed number of uniforms per row, so values stay a
 * function of (key, row) alone.
 */

/** Acklam's inverse normal CDF (relative error < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Poisson by inversion for small means, normal approximation (continuity-corrected) above 60. */
export function poisson(lambda: number, u: number): number {
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * inverseNormal(u) - 0.5));
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/**
 * Zipf ranks 1..n with P(k) ∝ k^-s, by Hörmann's rejection-inversion: O(1) memory for any n.
 * `next` supplies fresh uniforms (deterministic per row and draw).
 */
export function zipf(n: number, s: number, next: () => number): number {
  if (n <= 1) return 1;
  const h = (x: number) => (Math.abs(s - 1) < 1e-9 ? Math.log(x) : (x ** (1 - s) - 1) / (1 - s));
  const hInv = (x: number) => (Math.abs(s - 1) < 1e-9 ? Math.exp(x) : (1 + x * (1 - s)) ** (1 / (1 - s)));
  const hx0 = h(1.5) - 1;
  const hn = h(n + 0.5);
  for (let tries = 0; tries < 64; tries++) {
    const u = hn + next() * (hx0 - hn);
    const x = hInv(u);
    const k = Math.min(n, Math.max(1, Math.round(x)));
    if (k - x <= 1 - (h(k + 0.5) - h(k)) / 1 || u >= h(k + 0.5) - k ** -s) return k;
  }
  return 1;
}
