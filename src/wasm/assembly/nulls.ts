/**
 * wasm (AssemblyScript): a column's validity bitmap from its null draws, eight rows per byte.
 * Row lo + i is valid when hash32(nullKey, row) >= threshold as unsigned integers, which is
 * src/arrow/nulls.ts's `hash32 < rate · 2^32` negated, with threshold = ceil(rate · 2^32).
 */
import { draw0 } from "./hash";

/** Bitmap bytes of rows lo .. lo+n at dst (n a multiple of 8, bits LSB first); returns the valid count. */
export function validityBits(k0x: i32, k1: i32, lo: i32, n: i32, threshold: i32, dst: usize): i32 {
  const kx = i32x4.splat(k0x);
  const kk = i32x4.splat(k1);
  const t = i32x4.splat(threshold);
  let valid = 0;
  for (let i = 0; i < n; i += 8) {
    const a = i32x4.bitmask(i32x4.ge_u(draw0(kx, kk, lo, i), t));
    const b = i32x4.bitmask(i32x4.ge_u(draw0(kx, kk, lo, i + 4), t));
    const bits = a | (b << 4);
    store<u8>(dst + (<usize>i >> 3), <u8>bits);
    valid += popcnt<i32>(bits);
  }
  return valid;
}
