/**
 * bench/response-counter.ts: the counting client of bench:stream reads rows and Arrow bytes from
 * gRPC-framed GenerateResponse messages without decoding them. It must give the decoder's sums
 * however the stream is cut into chunks (HTTP/2 DATA frames split messages anywhere).
 */
import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { createResponseCounter } from "../../bench/response-counter.js";
import {
  GenerateResponseSchema,
  GenerateTotalsSchema,
  ResumeCursorSchema,
} from "../../src/gen/synthstream/v1/generator_service_pb.js";

function envelope(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  new DataView(out.buffer).setUint32(1, body.length);
  out.set(body, 5);
  return out;
}

// Every field kind: strings, a large bytes field (multi-byte length), varints past 2^28 and 2^32,
// nested messages, an empty message, and a message without rows.
const messages = [
  create(GenerateResponseSchema, { table: "t", arrowIpc: new Uint8Array(300).fill(1), rowCount: 0n }),
  create(GenerateResponseSchema, {
    table: "orders",
    arrowIpc: new Uint8Array(70_000).fill(2),
    rowStart: 5_000_000_000n,
    rowCount: 300_000_000n,
    resume: create(ResumeCursorSchema, {}),
  }),
  create(GenerateResponseSchema, {}),
  create(GenerateResponseSchema, { arrowIpc: new Uint8Array(17).fill(3), rowCount: 129n }),
  create(GenerateResponseSchema, {
    totals: create(GenerateTotalsSchema, { rows: 300_000_129n, bytes: 70_317n, planHash: "abc" }),
  }),
];
const stream = Uint8Array.from(messages.flatMap((m) => [...envelope(toBinary(GenerateResponseSchema, m))]));
const want = {
  messages: messages.length,
  rows: messages.reduce((n, m) => n + Number(m.rowCount), 0),
  arrowBytes: messages.reduce((n, m) => n + m.arrowIpc.byteLength, 0),
};

function count(chunkSizes: (i: number) => number) {
  const c = createResponseCounter();
  for (let at = 0, i = 0; at < stream.length; i++) {
    const end = Math.min(stream.length, at + Math.max(1, chunkSizes(i)));
    c.push(stream.subarray(at, end));
    at = end;
  }
  return { messages: c.messages, rows: c.rows, arrowBytes: c.arrowBytes, atBoundary: c.atBoundary };
}

describe("response counter", () => {
  it("sums row_count and arrow_ipc lengths like the decoder, in one chunk or byte by byte", () => {
    expect(count(() => stream.length)).toEqual({ ...want, atBoundary: true });
    expect(count(() => 1)).toEqual({ ...want, atBoundary: true });
  });

  it("gives the same sums for chunk sizes that cut prefixes, keys and varints anywhere", () => {
    for (const size of [2, 3, 5, 7, 16_384]) expect(count(() => size)).toEqual({ ...want, atBoundary: true });
    let seed = 1;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % 40);
    };
    for (let trial = 0; trial < 20; trial++) expect(count(random)).toEqual({ ...want, atBoundary: true });
  });

  it("is not at a boundary while a message is incomplete", () => {
    const c = createResponseCounter();
    c.push(stream.subarray(0, stream.length - 1));
    expect(c.atBoundary).toBe(false);
    expect(c.messages).toBe(messages.length - 1);
  });
});
