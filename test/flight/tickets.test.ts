import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { parseDescriptor } from "../../src/flight/descriptors.js";
import { advertisedLocations } from "../../src/flight/locations.js";
import { decodeTicket, encodeTicket, type TicketBody } from "../../src/flight/tickets.js";
import {
  FlightDescriptor_DescriptorType as DescriptorType,
  FlightDescriptorSchema,
} from "../../src/gen/arrow/flight/protocol/flight_pb.js";
import { StreamRequestError } from "../../src/stream/index.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const path = (...p: string[]) => create(FlightDescriptorSchema, { type: DescriptorType.PATH, path: p });
const cmd = (s: string) => create(FlightDescriptorSchema, { type: DescriptorType.CMD, cmd: utf8(s) });

describe("tickets", () => {
  it("round-trip catalog and inline-plan tickets", () => {
    const a: TicketBody = {
      ref: { catalog: "numeric" },
      seed: "18446744073709551615",
      scale: 0.5,
      planHash: "ab",
      table: "numbers",
      columns: ["id", "small"],
      rowStart: 1048576,
      rowEnd: 2097152,
    };
    expect(decodeTicket(encodeTicket(a))).toEqual(a);
    const b: TicketBody = { ref: { plan: { name: "p", tables: [] } }, table: "t", rowStart: 0, rowEnd: 0 };
    expect(decodeTicket(encodeTicket(b))).toEqual({
      ...b,
      seed: undefined,
      scale: undefined,
      planHash: undefined,
      columns: undefined,
    });
  });

  it.each([
    ["garbage", new Uint8Array([0, 255, 3])],
    ["wrong version", utf8('{"v":2,"catalog":"x","table":"t","rows":[0,1]}')],
    ["both refs", utf8('{"v":1,"catalog":"x","plan":{},"table":"t","rows":[0,1]}')],
    ["inverted rows", utf8('{"v":1,"catalog":"x","table":"t","rows":[5,1]}')],
    ["negative row", utf8('{"v":1,"catalog":"x","table":"t","rows":[-1,1]}')],
    ["bad seed", utf8('{"v":1,"catalog":"x","table":"t","rows":[0,1],"seed":"-3"}')],
    ["array", utf8("[1,2]")],
  ])("rejects %s as a StreamRequestError on `ticket`", (_name, bytes) => {
    expect(() => decodeTicket(bytes)).toThrow(StreamRequestError);
  });
});

describe("descriptors", () => {
  it("read catalog paths with options", () => {
    expect(parseDescriptor(path("numeric"))).toMatchObject({ ref: { catalog: "numeric" }, table: undefined });
    expect(
      parseDescriptor(path("numeric", "numbers", "scale=0.1", "seed=7", "columns=id,small", "shard_rows=10")),
    ).toEqual({
      ref: { catalog: "numeric" },
      table: "numbers",
      scale: 0.1,
      seed: "7",
      columns: ["id", "small"],
      shardRows: 10,
    });
  });

  it("read CMD JSON: wrapped and bare plans", () => {
    expect(parseDescriptor(cmd('{"catalog":"customers","table":"customers","seed":3}'))).toMatchObject({
      ref: { catalog: "customers" },
      table: "customers",
      seed: "3",
    });
    const bare = parseDescriptor(cmd('{"name":"p","tables":[]}'));
    expect(bare.ref).toEqual({ plan: { name: "p", tables: [] } });
  });

  it.each([
    ["empty path", path()],
    ["unknown option", path("numeric", "numbers", "color=red")],
    ["bad scale", path("numeric", "numbers", "scale=0")],
    ["seed too large", path("numeric", "numbers", "seed=18446744073709551616")],
    ["non-JSON cmd", cmd("numeric")],
    ["both refs", cmd('{"catalog":"a","plan":{}}')],
    ["unknown type", create(FlightDescriptorSchema, {})],
  ])("reject %s", (_name, d) => {
    expect(() => parseDescriptor(d)).toThrow(StreamRequestError);
  });
});

describe("advertised locations", () => {
  it("default to the bound address, honour --advertise lists and none", () => {
    expect(advertisedLocations(undefined, "127.0.0.1", 8080)).toEqual(["grpc+tcp://127.0.0.1:8080"]);
    expect(advertisedLocations(undefined, "::1", 1)).toEqual(["grpc+tcp://[::1]:1"]);
    expect(advertisedLocations(undefined, "0.0.0.0", 9)[0]).not.toContain("0.0.0.0");
    expect(advertisedLocations("grpc://a:1, grpc://b:2", "0.0.0.0", 9)).toEqual(["grpc://a:1", "grpc://b:2"]);
    expect(advertisedLocations("none", "127.0.0.1", 9)).toEqual([]);
  });
});
