import { create, type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlightDataSchema, FlightDescriptorSchema } from "../../src/gen/arrow/flight/protocol/flight_pb.js";
import { HealthCheckResponseSchema } from "../../src/gen/grpc/health/v1/health_pb.js";
import { GenerateResponseSchema } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import { envelopeFrame, messageFrame } from "../../src/transport/message-frames.js";
import { concat } from "./helpers.js";

const LIMIT = 256 * 1024 * 1024;

/** What connect-node sends for a message: the 5-byte envelope, then protobuf-es's bytes. */
function reference<S extends DescMessage>(schema: S, m: MessageShape<S>): Uint8Array {
  const body = toBinary(schema, m);
  const prefix = new Uint8Array(5);
  new DataView(prefix.buffer).setUint32(1, body.byteLength);
  return concat([prefix, body]);
}

function framed<S extends DescMessage>(schema: S, m: MessageShape<S>): Uint8Array {
  return concat(messageFrame(schema, m, LIMIT).parts);
}

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

describe("message frames", () => {
  it("FlightData: equal to envelope(toBinary) for any header/body sizes, body passed as a view", () => {
    // Sizes around each varint length boundary, up to a 3-byte-length (2 MiB) body.
    const sizes = [0, 1, 127, 128, 16383, 16384, 2_097_151, 2_097_152];
    for (const h of [0, 1, 200, 128, 16384])
      for (const b of sizes) {
        const m = create(FlightDataSchema, { dataHeader: bytes(h), dataBody: bytes(b, 3) });
        expect(
          Buffer.from(framed(FlightDataSchema, m)).equals(Buffer.from(reference(FlightDataSchema, m))),
        ).toBe(true);
        const parts = messageFrame(FlightDataSchema, m, LIMIT).parts;
        if (b > 0) expect(parts.at(-1)).toBe(m.dataBody); // the very same view: no copy
      }
  });

  it("FlightData with a descriptor or app_metadata goes through protobuf-es, same bytes", () => {
    const m = create(FlightDataSchema, {
      flightDescriptor: create(FlightDescriptorSchema, { path: ["a", "b"] }),
      dataHeader: bytes(10),
      appMetadata: bytes(4),
      dataBody: bytes(300),
    });
    expect(Buffer.from(framed(FlightDataSchema, m)).equals(Buffer.from(reference(FlightDataSchema, m)))).toBe(
      true,
    );
  });

  it("GenerateResponse: equal to envelope(toBinary) for any table, bytes, range, cursor and totals", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.integer({ min: 0, max: 70_000 }),
        fc.bigInt({ min: 0n, max: 2n ** 53n }),
        fc.bigInt({ min: 0n, max: 2n ** 40n }),
        fc.boolean(),
        fc.boolean(),
        (table, n, rowStart, rowCount, withResume, withTotals) => {
          const m = create(GenerateResponseSchema, {
            table,
            arrowIpc: bytes(n),
            rowStart,
            rowCount,
            ...(withResume ? { resume: { table, rowOffset: rowStart + rowCount } } : {}),
            ...(withTotals
              ? { totals: { rows: rowCount, bytes: 99n, planHash: "ab12", tables: [{ table, rows: 5n }] } }
              : {}),
          });
          const got = framed(GenerateResponseSchema, m);
          expect(Buffer.from(got).equals(Buffer.from(reference(GenerateResponseSchema, m)))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("GenerateResponse passes arrow_ipc as a view", () => {
    const m = create(GenerateResponseSchema, { table: "t", arrowIpc: bytes(5000), rowCount: 3n });
    expect(messageFrame(GenerateResponseSchema, m, LIMIT).parts).toContain(m.arrowIpc);
  });

  it("other messages use protobuf-es; oversized messages are ResourceExhausted", () => {
    const health = create(HealthCheckResponseSchema, { status: 1 });
    expect(
      Buffer.from(framed(HealthCheckResponseSchema, health)).equals(
        Buffer.from(reference(HealthCheckResponseSchema, health)),
      ),
    ).toBe(true);
    const big = create(FlightDataSchema, { dataBody: bytes(1000) });
    let err: unknown;
    try {
      messageFrame(FlightDataSchema, big, 999);
    } catch (e) {
      err = e;
    }
    expect(ConnectError.from(err).code).toBe(Code.ResourceExhausted);
    expect(concat(envelopeFrame(2, bytes(3)).parts)).toEqual(Uint8Array.from([2, 0, 0, 0, 3, 7, 38, 69]));
  });
});
