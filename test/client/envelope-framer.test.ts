import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes } from "../../src/arrow/ipc.js";
import { createEnvelopeFramer } from "../../src/client/envelope-framer.js";

function envelope(flags: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + payload.byteLength);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, payload.byteLength);
  out.set(payload, 5);
  return out;
}

/** Splits bytes at the given (sorted, deduplicated) cut points. */
function cut(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...at, bytes.byteLength]) {
    out.push(bytes.slice(prev, p)); // slice: each chunk its own buffer, as frames arrive
    prev = p;
  }
  return out;
}

describe("envelope framer", () => {
  it("gives back exactly the envelopes sent, whatever the chunking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 300 })), {
          maxLength: 12,
        }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (messages, points) => {
          const envelopes = messages.map(([flags, payload]) => envelope(flags, payload));
          const framer = createEnvelopeFramer();
          const got = cut(concatBytes(envelopes), points).flatMap((c) => framer.push(c));
          expect(got.map((e) => [...e])).toEqual(envelopes.map((e) => [...e]));
          expect(framer.partialBytes).toBe(0);
          expect(framer.takePartial()).toBeUndefined();
        },
      ),
    );
  });

  it("hands out an envelope that lies inside one chunk as a view, without copying", () => {
    const a = envelope(0, new Uint8Array([1, 2, 3]));
    const b = envelope(2, new Uint8Array([4]));
    const chunk = concatBytes([a, b]);
    const [x, y] = createEnvelopeFramer().push(chunk);
    expect(x!.buffer).toBe(chunk.buffer);
    expect(y!.buffer).toBe(chunk.buffer);
    expect([...y!]).toEqual([...b]);
  });

  it("keeps a truncated envelope for the caller to report", () => {
    const framer = createEnvelopeFramer();
    const e = envelope(0, new Uint8Array(100).fill(9));
    expect(framer.push(e.subarray(0, 3))).toEqual([]);
    expect(framer.push(e.subarray(3, 40))).toEqual([]);
    expect(framer.partialBytes).toBe(40);
    expect([...framer.takePartial()!]).toEqual([...e.subarray(0, 40)]);
    expect(framer.partialBytes).toBe(0);
  });

  it("refuses an envelope larger than its limit before allocating it", () => {
    const framer = createEnvelopeFramer(1000);
    const header = envelope(0, new Uint8Array(0));
    new DataView(header.buffer).setUint32(1, 1001);
    expect(() => framer.push(header)).toThrow(/larger than the configured limit 1000/);
  });
});
