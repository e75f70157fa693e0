/**
 * wasm (AssemblyScript): alias-table picks, a port of src/kernels/alias-table.ts pickAlias, for
 * Poisson columns (number-sample.ts poissons). In place over uniforms u (uniforms53): i = ⌊u · size⌋,
 * then i if u · size − i < prob[i], else alias[i], two rows per step. `prob` holds f64, `alias` i32;
 * u < 1 keeps i below size (u · size rounds below size for every size < 2^53).
 */
export function aliasPicks(n: i32, size: f64, prob: usize, alias: usize, out: usize): void {
  const sizeV = f64x2.splat(size);
  for (let i = 0; i < n; i += 2) {
    const at = out + (<usize>i << 3);
    const x = f64x2.mul(v128.load(at), sizeV);
    const fj = f64x2.floor(x);
    const j = i32x4.trunc_sat_f64x2_s_zero(fj);
    const j0 = <usize>i32x4.extract_lane(j, 0);
    const j1 = <usize>i32x4.extract_lane(j, 1);
    const keep = f64x2.replace_lane(f64x2.splat(load<f64>(prob + (j0 << 3))), 1, load<f64>(prob + (j1 << 3)));
    const other = f64x2.replace_lane(
      f64x2.splat(<f64>load<i32>(alias + (j0 << 2))),
      1,
      <f64>load<i32>(alias + (j1 << 2)),
    );
    v128.store(at, v128.bitselect(fj, other, f64x2.lt(f64x2.sub(x, fj), keep)));
  }
}
