/**
 * kernels: a list of byte strings packed into one buffer, the form hot loops copy words from.
 * strings (or a Utf8 dictionary) → { bytes, offsets, heads }; word j is bytes[offsets[j] ..
 * offsets[j+1]). A copy stores the word's first 16 bytes as four 32-bit words whatever its length
 * (no per-byte loop, no data-dependent branch), so writers keep WORD_OVERRUN bytes of slack past
 * every value; later writes overwrite the overrun. Pools are immutable once built.
 */

/** Bytes a word copy may write past the word's end. */
export const WORD_OVERRUN = 16;

/** Packed words: word j is `bytes[offsets[j] .. offsets[j + 1])`. */
export interface WordPool {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  /**
   * Word j's first 16 bytes, zero-padded, as four little-endian int32 at [5j, 5j + 4), then its
   * byte length at 5j + 4: one copy reads one short run of this table.
   */
  readonly heads: Int32Array;
  /** Number of words. */
  readonly size: number;
  /** Byte length of the longest word: a safe reservation for one copy. */
  readonly maxBytes: number;
  /** Mean byte length, for first allocations. */
  readonly meanBytes: number;
}

const encoder = new TextEncoder();

/** Words in `heads`: four head words and the length. */
const HEAD_STRIDE = 5;

function headsOf(bytes: Uint8Array, offsets: Int32Array, size: number): Int32Array {
  const heads = new Int32Array(size * HEAD_STRIDE);
  const slot = new Uint8Array(16);
  const view = new DataView(slot.buffer);
  for (let j = 0; j < size; j++) {
    slot.fill(0);
    slot.set(bytes.subarray(offsets[j]!, Math.min(offsets[j + 1]!, offsets[j]! + 16)));
    for (let k = 0; k < 4; k++) heads[HEAD_STRIDE * j + k] = view.getInt32(4 * k, true);
    heads[HEAD_STRIDE * j + 4] = offsets[j + 1]! - offsets[j]!;
  }
  return heads;
}

/** Packs already-encoded words. */
export function packBytes(words: readonly Uint8Array[]): WordPool {
  const offsets = new Int32Array(words.length + 1);
  let total = 0;
  let maxBytes = 0;
  for (let j = 0; j < words.length; j++) {
    const n = words[j]!.length;
    total += n;
    if (n > maxBytes) maxBytes = n;
    offsets[j + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let j = 0; j < words.length; j++) bytes.set(words[j]!, offsets[j]!);
  const meanBytes = words.length === 0 ? 0 : total / words.length;
  return {
    bytes,
    offsets,
    heads: headsOf(bytes, offsets, words.length),
    size: words.length,
    maxBytes,
    meanBytes,
  };
}

/** Encodes and packs strings (once per list: callers cache the pool). */
export function packWords(words: readonly string[]): WordPool {
  return packBytes(words.map((w) => encoder.encode(w)));
}

/**
 * Packs the entries of a Utf8 dictionary's values, ASCII case-folded by `filter` (0 none, 1 lower,
 * 2 upper) so template placeholders fold once per dictionary rather than once per row.
 */
export function packDictionary(
  offsets: Int32Array,
  bytes: Uint8Array,
  size: number,
  filter: number,
): WordPool {
  const start = offsets[0]!;
  const end = offsets[size]!;
  const own = bytes.slice(start, end);
  foldRange(own, 0, own.length, filter);
  const rebased = new Int32Array(size + 1);
  let maxBytes = 0;
  for (let j = 0; j <= size; j++) {
    rebased[j] = offsets[j]! - start;
    if (j > 0 && rebased[j]! - rebased[j - 1]! > maxBytes) maxBytes = rebased[j]! - rebased[j - 1]!;
  }
  const heads = headsOf(own, rebased, size);
  return {
    bytes: own,
    offsets: rebased,
    heads,
    size,
    maxBytes,
    meanBytes: size === 0 ? 0 : own.length / size,
  };
}

/** Pools memoized per source object and case filter (dictionaries and folded pools). */
export type PoolMemo<K extends object> = WeakMap<K, (WordPool | undefined)[]>;

/** The memoized pool for (key, filter), built once. */
export function memoPool<K extends object>(
  memo: PoolMemo<K>,
  key: K,
  filter: number,
  build: () => WordPool,
): WordPool {
  let byFilter = memo.get(key);
  if (byFilter === undefined) {
    byFilter = [];
    memo.set(key, byFilter);
  }
  let hit = byFilter[filter];
  if (hit === undefined) {
    hit = build();
    byFilter[filter] = hit;
  }
  return hit;
}

const folded: PoolMemo<WordPool> = new WeakMap();

/** The pool with every word ASCII case-folded by `filter` (1 lower, 2 upper); memoized. */
export function foldedPool(pool: WordPool, filter: number): WordPool {
  if (filter !== 1 && filter !== 2) return pool;
  return memoPool(folded, pool, filter, () => packDictionary(pool.offsets, pool.bytes, pool.size, filter));
}

const suffixed = new WeakMap<WordPool, Map<string, WordPool>>();

/** The pool with `tail` appended to every word; memoized per (pool, tail) like folded pools. */
export function suffixedPool(pool: WordPool, tail: Uint8Array): WordPool {
  let byTail = suffixed.get(pool);
  if (byTail === undefined) {
    byTail = new Map();
    suffixed.set(pool, byTail);
  }
  const key = tail.join(",");
  let hit = byTail.get(key);
  if (hit === undefined) {
    const words: Uint8Array[] = [];
    for (let j = 0; j < pool.size; j++) {
      const start = pool.offsets[j]!;
      const end = pool.offsets[j + 1]!;
      const word = new Uint8Array(end - start + tail.length);
      word.set(pool.bytes.subarray(start, end));
      word.set(tail, end - start);
      words.push(word);
    }
    hit = packBytes(words);
    byTail.set(key, hit);
  }
  return hit;
}

/**
 * Writes word j of the pool at byte p of `out` and returns the end position. The caller reserved
 * the word's length plus WORD_OVERRUN bytes.
 */
export function putWord(out: DataView, p: number, pool: WordPool, j: number): number {
  const h = pool.heads;
  const k = j * HEAD_STRIDE;
  out.setInt32(p, h[k]!, true);
  out.setInt32(p + 4, h[k + 1]!, true);
  out.setInt32(p + 8, h[k + 2]!, true);
  out.setInt32(p + 12, h[k + 3]!, true);
  const len = h[k + 4]!;
  // The rare long word's tail lives in its own function: putWord stays small enough to inline.
  if (len > 16) putTail(out, p, pool, j, len);
  return p + len;
}

function putTail(out: DataView, p: number, pool: WordPool, j: number, len: number): void {
  const src = pool.bytes;
  const start = pool.offsets[j]!;
  for (let i = 16; i < len; i++) out.setUint8(p + i, src[start + i]!);
}

/** ASCII case-folds out[start, end): 1 = lower, 2 = upper, anything else leaves the bytes. */
export function foldRange(out: Uint8Array, start: number, end: number, filter: number): void {
  if (filter === 1) {
    for (let i = start; i < end; i++) if (out[i]! >= 65 && out[i]! <= 90) out[i]! += 32;
  } else if (filter === 2) {
    for (let i = start; i < end; i++) if (out[i]! >= 97 && out[i]! <= 122) out[i]! -= 32;
  }
}

/** Writes a non-negative int32 in decimal (no padding) at byte p; returns the end position. */
export function putDigits(out: DataView, p: number, n: number): number {
  let len = 1;
  for (let x = n; x >= 10; x = (x / 10) | 0) len++;
  let q = p + len;
  let x = n | 0;
  do {
    const d = (x / 10) | 0;
    out.setUint8(--q, 48 + x - d * 10);
    x = d;
  } while (x > 0);
  return p + len;
}
