/**
 * wasm (AssemblyScript): integral int64 sequences, first, first + step, ... two per instruction.
 * The caller passes only sequences whose every value (and start + step · row on the way) is a safe
 * integer, where the TypeScript reference's double arithmetic is exact: the i64 sums are then the
 * same numbers, stored as the same little-endian two's-complement words.
 */

/** n values (n even; a padding value past the caller's count is harmless) from `first` by `step`, at dst. */
export function sequenceInt64s(first: f64, step: f64, n: i32, dst: usize): void {
  const s = <i64>step;
  const f = <i64>first;
  // Built from parameters, not constants: V8 hoists these out of the loop.
  let v = i64x2.replace_lane(i64x2.splat(f), 1, f + s);
  const inc = i64x2.splat(s + s);
  for (let i = 0; i < n; i += 2) {
    v128.store(dst + (<usize>i << 3), v);
    v = i64x2.add(v, inc);
  }
}
