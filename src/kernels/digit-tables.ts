/**
 * kernels: zero-padded decimal digits as packed ASCII, for byte builders that write numbers with
 * one 32-bit store instead of a digit loop. DIGITS3[x] holds x (0..999) as three ASCII bytes and
 * DIGITS4[x] holds x (0..9999) as four, little-endian (the first digit in the low byte).
 */

function table(width: number): Int32Array {
  const size = 10 ** width;
  const out = new Int32Array(size);
  for (let x = 0; x < size; x++) {
    let word = 0;
    let rest = x;
    for (let k = width - 1; k >= 0; k--) {
      word |= (48 + (rest % 10)) << (8 * k);
      rest = Math.floor(rest / 10);
    }
    out[x] = word;
  }
  return out;
}

/** x in 0..999 → three ASCII digits in the low three bytes. */
export const DIGITS3: Int32Array = table(3);

/** x in 0..9999 → four ASCII digits. */
export const DIGITS4: Int32Array = table(4);
