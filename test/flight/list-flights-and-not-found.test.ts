/**
 * Flight over a real server and the gRPC client: ListFlights filters by its criteria (a prefix of
 * "<plan>/<table>", empty = everything, non-UTF-8 = InvalidArgument), and a table a descriptor or
 * ticket names but the plan lacks is NotFound, like an unknown plan, naming the field and the
 * nearest table. (The same through pyarrow.flight: flight-python.test.ts.)
 */
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeTicket } from "../../src/flight/tickets.js";
import {
  FlightDescriptor_DescriptorType as DescriptorType,
  FlightDescriptorSchema,
  FlightService,
} from "../../src/gen/arrow/flight/protocol/flight_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { startServer } from "../server/helpers.js";

async function failure(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (e) {
    return ConnectError.from(e);
  }
  throw new Error("expected the call to fail");
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("Flight ListFlights criteria and NotFound tables", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ workers: 0 });
  });
  afterAll(() => server?.shutdown());
  const flight = () => createClient(FlightService, createGrpcTransport({ baseUrl: server.url }));
  const list = async (criteria: string | Uint8Array) => {
    const expression = typeof criteria === "string" ? new TextEncoder().encode(criteria) : criteria;
    const infos = await collect(flight().listFlights({ expression }));
    return infos.map((i) => i.flightDescriptor?.path.join("/"));
  };

  it("ListFlights: empty criteria lists every catalog table; otherwise a path prefix", async () => {
    const all = await list("");
    expect(all).toEqual(expect.arrayContaining(["customers/customers", "numeric/numbers", "tpch/lineitem"]));
    expect(await list("ecommerce/")).toEqual([
      "ecommerce/customers",
      "ecommerce/products",
      "ecommerce/orders",
      "ecommerce/order_items",
    ]);
    const ecommerce = await list("ecommerce");
    expect(ecommerce).toHaveLength(8); // ecommerce and ecommerce_bronze
    expect(new Set(ecommerce.map((p) => p?.split("/")[0]))).toEqual(
      new Set(["ecommerce", "ecommerce_bronze"]),
    );
    expect(await list("ecommerce/order")).toEqual(["ecommerce/orders", "ecommerce/order_items"]);
    expect(await list("  numeric/numbers\n")).toEqual(["numeric/numbers"]);
    expect(await list("no_such_plan")).toEqual([]);
    expect(await list("customers/nope")).toEqual([]);
    // Filtering happens before FlightInfos are built: the union of the per-plan lists is the whole.
    const plans = [...new Set(all.map((p) => p?.split("/")[0]))];
    const perPlan = (await Promise.all(plans.map((p) => list(`${p}/`)))).flat();
    expect(perPlan.sort()).toEqual([...all].sort());
  });

  it("ListFlights: criteria that are not UTF-8 are InvalidArgument naming the field", async () => {
    const e = await failure(list(new Uint8Array([0xff, 0xfe, 0x00])));
    expect(e.code).toBe(Code.InvalidArgument);
    expect(e.rawMessage).toContain("criteria.expression");
  });

  it("an unknown table in a PATH or CMD descriptor is NotFound with the field and a suggestion", async () => {
    const path = create(FlightDescriptorSchema, { type: DescriptorType.PATH, path: ["ecommerce", "order"] });
    const cmd = create(FlightDescriptorSchema, {
      type: DescriptorType.CMD,
      cmd: new TextEncoder().encode(JSON.stringify({ catalog: "ecommerce", table: "prodcts" })),
    });
    for (const [d, guess] of [
      [path, "orders"],
      [cmd, "products"],
    ] as const) {
      const calls = [
        () => flight().getFlightInfo(d),
        () => flight().getSchema(d),
        () => flight().pollFlightInfo(d),
      ];
      for (const call of calls) {
        const e = await failure(call());
        expect(e.code).toBe(Code.NotFound);
        expect(e.rawMessage).toContain("descriptor.table: unknown table");
        expect(e.rawMessage).toContain(`did you mean "${guess}"`);
      }
    }
  });

  it("an unknown table in a ticket is NotFound; unknown plans stay NotFound, empty names InvalidArgument", async () => {
    const ticket = (catalog: string, table: string) =>
      encodeTicket({ ref: { catalog }, table, rowStart: 0, rowEnd: 10 });
    const unknownTable = await failure(collect(flight().doGet({ ticket: ticket("customers", "customer") })));
    expect(unknownTable.code).toBe(Code.NotFound);
    expect(unknownTable.rawMessage).toBe(
      'ticket.table: unknown table "customer" (did you mean "customers"?)',
    );

    const unknownPlan = await failure(collect(flight().doGet({ ticket: ticket("no_such_plan", "t") })));
    expect(unknownPlan.code).toBe(Code.NotFound);

    const empty = create(FlightDescriptorSchema, { type: DescriptorType.PATH, path: ["customers", ""] });
    expect((await failure(flight().getFlightInfo(empty))).code).toBe(Code.InvalidArgument);

    // And the real table still streams after all that.
    const ok = await collect(flight().doGet({ ticket: ticket("customers", "customers") }));
    expect(ok.length).toBeGreaterThan(0);
  });
});
