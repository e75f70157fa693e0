/**
 * bench: counts a Generate response stream as it arrives, without decoding it. Reads the gRPC
 * envelopes (5-byte prefix + protobuf) and walks each GenerateResponse's fields: `row_count` (4)
 * is summed, `arrow_ipc` (2) contributes its length, and every length-delimited field is skipped
 * without a copy, even when it spans many HTTP/2 DATA frames. The same sums as decoding each message
 * (test/tools/response-counter.test.ts checks that), at the cost of a few header bytes per message.
 */

/** Field numbers of synthstream.v1.GenerateResponse read here. */
const ARROW_IPC = 2;
const ROW_COUNT = 4;

/** What has arrived so far. */
export interface ResponseCounts {
  readonly messages: number;
  readonly rows: number;
  /** Bytes of arrow_ipc fields (the Arrow IPC payload). */
  readonly arrowBytes: number;
}

/** A resumable reader of one stream's bytes; push chunks in order. */
export interface ResponseCounter extends ResponseCounts {
  push(chunk: Uint8Array): void;
  /** True between messages (no partial envelope pending): a clean end of stream. */
  readonly atBoundary: boolean;
}

type State = "prefix" | "key" | "value" | "skip";

/** Creates a counter for one response stream. */
export function createResponseCounter(): ResponseCounter {
  let messages = 0;
  let rows = 0;
  let arrowBytes = 0;
  let state: State = "prefix";
  let prefixLeft = 5;
  let messageLeft = 0; // bytes of the current message not yet consumed
  let skipLeft = 0;
  // A varint in progress (a key, a varint value, or a length), possibly split across chunks.
  let varint = 0;
  let scale = 1;
  let field = 0;
  let wire = 0;

  const endField = () => {
    state = messageLeft === 0 ? "prefix" : "key";
    if (state === "prefix") {
      messages++;
      prefixLeft = 5;
    }
  };

  const push = (chunk: Uint8Array) => {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (state === "prefix") {
        // Flags byte, then the big-endian uint32 length.
        const b = chunk[i++]!;
        if (prefixLeft < 5) messageLeft = messageLeft * 256 + b;
        else messageLeft = 0;
        if (--prefixLeft === 0) {
          if (messageLeft === 0) {
            messages++;
            prefixLeft = 5;
          } else {
            state = "key";
            varint = 0;
            scale = 1;
          }
        }
        continue;
      }
      if (state === "skip") {
        const take = Math.min(skipLeft, n - i);
        i += take;
        skipLeft -= take;
        messageLeft -= take;
        if (skipLeft === 0) endField();
        continue;
      }
      // A varint byte: a field key, a varint value, or a length prefix.
      const b = chunk[i++]!;
      messageLeft--;
      varint += (b & 0x7f) * scale;
      scale *= 128;
      if (b & 0x80) continue;
      const value = varint;
      varint = 0;
      scale = 1;
      if (state === "key") {
        field = Math.floor(value / 8);
        wire = value % 8;
        if (wire === 0 || wire === 2) state = "value";
        else {
          // fixed64 or fixed32: none in GenerateResponse, skipped all the same.
          skipLeft = wire === 1 ? 8 : 4;
          state = "skip";
        }
        continue;
      }
      // state "value": the varint was a field's value (wire 0) or its length (wire 2).
      if (wire === 0) {
        if (field === ROW_COUNT) rows += value;
        endField();
      } else {
        if (field === ARROW_IPC) arrowBytes += value;
        skipLeft = value;
        state = "skip";
        if (skipLeft === 0) endField();
      }
    }
  };

  return {
    push,
    get messages() {
      return messages;
    },
    get rows() {
      return rows;
    },
    get arrowBytes() {
      return arrowBytes;
    },
    get atBoundary() {
      return state === "prefix" && prefixLeft === 5;
    },
  };
}
