/**
 * kernels: assembles a Utf8 column as bytes plus offsets, the fast path for composite strings.
 * append* calls → one Arrow Utf8 Data. Grows geometrically; never builds JS strings per row.
 */
import { type Data, makeData, Utf8 } from "apache-arrow";
import { unfilled } from "../arrow/values.js";
import { foldRange, WORD_OVERRUN } from "./word-pool.js";

const encoder = new TextEncoder();

/**
 * A byte buffer of its own (byte offset 0, for the DataView) without the zero fill: every byte a
 * value ends up holding is written by its builder (copies, digits, word heads) and bytes past the
 * last value are never emitted, so zeroing megabytes per batch would buy nothing.
 */
function unzeroed(size: number): Uint8Array {
  if (size < 65536) return new Uint8Array(size);
  return unfilled(Uint8Array, size);
}

/** A growable UTF-8 column. */
export class Utf8Writer {
  private bytes: Uint8Array;
  private view: DataView;
  private readonly offsets: Int32Array;
  private pos = 0;
  private row = 0;

  constructor(rows: number, bytesPerRow = 16) {
    this.bytes = unzeroed(Math.max(64, rows * bytesPerRow + WORD_OVERRUN));
    this.view = new DataView(this.bytes.buffer);
    this.offsets = new Int32Array(rows + 1);
  }

  private reserve(n: number): void {
    if (this.pos + n > this.bytes.length) this.grow(this.pos, n);
  }

  private grow(p: number, n: number): void {
    const next = unzeroed(Math.max(this.bytes.length * 2, p + n));
    next.set(this.bytes.subarray(0, p));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }

  /**
   * Fast path for builders that keep the write position in a local: a view of the buffer with
   * room for `n` bytes after byte position `p`, plus WORD_OVERRUN bytes for whole-word copies
   * (bytes before `p` are kept). Finish each value with `endAt`.
   */
  room(p: number, n: number): DataView {
    if (p + n + WORD_OVERRUN > this.bytes.length) this.grow(p, n + WORD_OVERRUN);
    return this.view;
  }

  /** The last byte position at which a value of up to `max` bytes still fits the current buffer. */
  limit(max: number): number {
    return this.bytes.length - max - WORD_OVERRUN;
  }

  /** The current buffer (fast paths that fold case in place; valid until the next growth). */
  get buffer(): Uint8Array {
    return this.bytes;
  }

  /**
   * Appends `n` values, value i written by `write` at byte p (returning its end), each at most
   * `max` bytes: one capacity check per value, no per-byte bookkeeping.
   */
  fillRows(n: number, max: number, write: (out: DataView, p: number, i: number) => number): void {
    let p = this.pos;
    let out = this.room(p, max);
    let limit = this.bytes.length - max - WORD_OVERRUN;
    const offsets = this.offsets;
    let row = this.row;
    for (let i = 0; i < n; i++) {
      if (p > limit) {
        out = this.room(p, max);
        limit = this.bytes.length - max - WORD_OVERRUN;
      }
      p = write(out, p, i);
      offsets[++row] = p;
    }
    this.row = row;
    this.pos = p;
  }

  /** Ends the current value at byte position `p` (the fast-path counterpart of `end`). */
  endAt(p: number): void {
    this.pos = p;
    this.offsets[++this.row] = p;
  }

  /** Appends raw UTF-8 bytes to the current value. */
  bytesOf(b: Uint8Array): this {
    const n = b.length;
    this.reserve(n);
    // Short copies (names, separators) are faster as a loop than TypedArray.set.
    if (n > 32) this.bytes.set(b, this.pos);
    else {
      const out = this.bytes;
      const p = this.pos;
      for (let i = 0; i < n; i++) out[p + i] = b[i]!;
    }
    this.pos += n;
    return this;
  }

  /** Appends bytes, ASCII-lowercased (names in emails). */
  lowerBytesOf(b: Uint8Array): this {
    this.reserve(b.length);
    const out = this.bytes;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      out[p++] = c >= 65 && c <= 90 ? c + 32 : c;
    }
    this.pos = p;
    return this;
  }

  /** Appends one ASCII byte. */
  byte(c: number): this {
    this.reserve(1);
    this.bytes[this.pos++] = c;
    return this;
  }

  /** Appends a non-negative integer in decimal, zero-padded to `width` digits. */
  digits(n: number, width = 0): this {
    // Negative, fractional or non-finite numbers take the slow, exact path.
    if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Math.floor(n) === n)) return this.text(String(n));
    if (n > 0x7fffffff) return this.bigDigits(n, width);
    // int32 fast path: V8 turns `(x / 10) | 0` into a multiply-shift.
    const len =
      n < 10
        ? 1
        : n < 100
          ? 2
          : n < 1000
            ? 3
            : n < 10000
              ? 4
              : n < 100000
                ? 5
                : n < 1e6
                  ? 6
                  : n < 1e7
                    ? 7
                    : n < 1e8
                      ? 8
                      : n < 1e9
                        ? 9
                        : 10;
    const w = Math.max(len, width);
    this.reserve(w);
    const out = this.bytes;
    let p = this.pos + w;
    let x = n | 0;
    for (let i = 0; i < w; i++) {
      const q = (x / 10) | 0;
      out[--p] = 48 + x - q * 10;
      x = q;
    }
    this.pos += w;
    return this;
  }

  private bigDigits(n: number, width: number): this {
    let len = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) len++;
    const w = Math.max(len, width);
    this.reserve(w);
    let p = this.pos + w;
    let x = n;
    for (let i = 0; i < w; i++) {
      const q = Math.floor(x / 10);
      this.bytes[--p] = 48 + (x - q * 10);
      x = q;
    }
    this.pos += w;
    return this;
  }

  /** Appends a JS string (slow path for faker output; fixed parts are pre-encoded instead). */
  text(s: string): this {
    const n = s.length;
    this.reserve(n * 3);
    const out = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        // Non-ASCII: let the encoder handle surrogates; UTF-8 needs at most 3 bytes per UTF-16 unit.
        p += encoder.encodeInto(s.slice(i), out.subarray(p)).written;
        break;
      }
      out[p++] = c;
    }
    this.pos = p;
    return this;
  }

  /** Appends bytes [start, end) of a buffer: a value copied out of another Utf8 column. */
  slice(src: Uint8Array, start: number, end: number): this {
    this.reserve(end - start);
    const out = this.bytes;
    let p = this.pos;
    for (let i = start; i < end; i++) out[p++] = src[i]!;
    this.pos = p;
    return this;
  }

  /**
   * Reserves `n` bytes and returns the buffer and write position, for builders that write a
   * fixed-width value directly; they must call `advance` with the bytes actually written.
   */
  claim(n: number): Uint8Array {
    this.reserve(n);
    return this.bytes;
  }

  /** Sets the byte position of the current value (a fast path handing back to the methods). */
  moveTo(p: number): void {
    this.pos = p;
  }

  /** Moves the position past `n` bytes written after `claim`. */
  advance(n: number): void {
    this.pos += n;
  }

  /** The byte position, to mark where a part of the current value starts. */
  get position(): number {
    return this.pos;
  }

  /** ASCII case-folds the bytes written since `start`: 1 = lower, 2 = upper (template filters). */
  foldSince(start: number, filter: number): this {
    foldRange(this.bytes, start, this.pos, filter);
    return this;
  }

  /** Ends the current value. */
  end(): void {
    this.offsets[++this.row] = this.pos;
  }

  /** The finished column. */
  finish(): Data<Utf8> {
    return makeData({
      type: new Utf8(),
      length: this.row,
      valueOffsets: this.offsets.subarray(0, this.row + 1),
      data: this.bytes.subarray(0, this.pos),
    });
  }
}
