/**
 * client: HTTP/2 DATA chunks → whole enveloped messages (flags byte, uint32 BE length, payload),
 * the framing gRPC, gRPC-Web and Connect streams share. Each output holds exactly one envelope,
 * header included; an envelope that lies inside one chunk is a view into it (no copy), one that
 * spans chunks is copied once into a buffer of its exact size. Bytes come out in input order.
 */

const HEADER = 5;

/** A stateful splitter: push chunks in arrival order, get complete envelopes back. */
export interface EnvelopeFramer {
  /** Consumes a chunk; returns the envelopes it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[];
  /** Bytes of an envelope started but not finished (non-zero at end of stream means truncation). */
  readonly partialBytes: number;
  /** Hands back the unfinished envelope's bytes as they are, so the caller can report it. */
  takePartial(): Uint8Array | undefined;
}

/** Creates a framer; `maxBytes` bounds one envelope's payload (a 4 GiB length field otherwise). */
export function createEnvelopeFramer(maxBytes = 0xffffffff): EnvelopeFramer {
  const head = new Uint8Array(HEADER);
  let headFill = 0;
  let current: Uint8Array | undefined; // the envelope being assembled across chunks
  let filled = 0;

  const lengthOf = (b: Uint8Array, at: number) =>
    ((b[at + 1]! << 24) | (b[at + 2]! << 16) | (b[at + 3]! << 8) | b[at + 4]!) >>> 0;
  const open = (payload: number) => {
    if (payload > maxBytes)
      throw new RangeError(`message size ${payload} is larger than the configured limit ${maxBytes}`);
    // Not zero-filled: every byte is written before the envelope is handed out.
    return Buffer.allocUnsafe(HEADER + payload);
  };

  return {
    push(chunk) {
      const out: Uint8Array[] = [];
      let at = 0;
      const end = chunk.byteLength;
      while (at < end) {
        if (current !== undefined) {
          const n = Math.min(current.byteLength - filled, end - at);
          current.set(chunk.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled === current.byteLength) {
            out.push(current);
            current = undefined;
          }
          continue;
        }
        if (headFill === 0 && end - at >= HEADER) {
          const total = HEADER + lengthOf(chunk, at);
          if (total - HEADER > maxBytes) open(total - HEADER);
          if (end - at >= total) {
            out.push(chunk.subarray(at, at + total)); // the common case for small messages: no copy
            at += total;
            continue;
          }
          current = open(total - HEADER);
          current.set(chunk.subarray(at, end), 0);
          filled = end - at;
          at = end;
          continue;
        }
        // A header split across chunks: collect its five bytes first.
        const n = Math.min(HEADER - headFill, end - at);
        head.set(chunk.subarray(at, at + n), headFill);
        headFill += n;
        at += n;
        if (headFill === HEADER) {
          headFill = 0;
          current = open(lengthOf(head, 0));
          current.set(head, 0);
          filled = HEADER;
          if (current.byteLength === HEADER) {
            out.push(current);
            current = undefined;
          }
        }
      }
      return out;
    },
    get partialBytes() {
      return current !== undefined ? filled : headFill;
    },
    takePartial() {
      const partial = current !== undefined ? current.subarray(0, filled) : head.slice(0, headFill);
      current = undefined;
      headFill = 0;
      return partial.byteLength === 0 ? undefined : partial;
    },
  };
}
