/**
 * Hostile inputs through the server: catalog names that try to leave plans/ (traversal, encoded
 * dots, absolute paths, NUL bytes) over Generate, ValidatePlan and Flight tickets/descriptors get
 * NotFound or InvalidArgument and never read a file; expressions that reach for prototypes,
 * globals or fs are rejected as InvalidArgument by the plan validator.
 */
import { create } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeTicket } from "../../src/flight/tickets.js";
import { FlightDescriptorSchema, FlightService } from "../../src/gen/arrow/flight/protocol/flight_pb.js";
import { GeneratorService } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { startServer } from "../server/helpers.js";
import { drain, outcome } from "./helpers.js";

const NAMES = [
  "../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "%2e%2e",
  "/etc/passwd",
  "C:\\Windows\\win.ini",
  "customers\u0000.yaml",
  "customers/../customers",
  "..",
  "x".repeat(10_000),
];

const EXPRESSIONS = [
  "constructor.constructor('return process')()",
  "__proto__",
  "id.__proto__.polluted",
  "process.exit(1)",
  "require('fs')",
  "globalThis",
  "this.constructor",
  "import('fs')",
];

describe("hostile inputs through the server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.shutdown();
  });
  const transport = () => createGrpcTransport({ baseUrl: server.url });

  it("catalog names cannot escape plans/ (Generate, ValidatePlan, Flight ticket and descriptor)", async () => {
    const gen = createClient(GeneratorService, transport());
    const flight = createClient(FlightService, transport());
    for (const name of NAMES) {
      const ok = [Code.NotFound, Code.InvalidArgument];
      expect(ok, name).toContain(
        await outcome(drain(gen.generate({ planSource: { case: "catalog", value: name } }))),
      );
      expect(ok, name).toContain(
        await outcome(gen.validatePlan({ planSource: { case: "catalog", value: name } })),
      );
      const ticket = encodeTicket({ ref: { catalog: name }, table: "customers", rowStart: 0, rowEnd: 10 });
      expect(ok, name).toContain(await outcome(drain(flight.doGet({ ticket }))));
      const d = create(FlightDescriptorSchema, { type: 1, path: [name] });
      expect(ok, name).toContain(await outcome(flight.getFlightInfo(d)));
    }
    // The real plan still works, so the refusals above are about the names.
    expect(await outcome(gen.validatePlan({ planSource: { case: "catalog", value: "customers" } }))).toBe(0);
  });

  it("expressions cannot reach prototypes, globals or fs: InvalidArgument, server unharmed", async () => {
    const gen = createClient(GeneratorService, transport());
    for (const expr of EXPRESSIONS) {
      const yaml = `name: evil\ntables:\n  - name: t\n    rows: 10\n    columns:\n      - {name: id, sequence: {}}\n      - {name: e, expression: {expr: ${JSON.stringify(expr)}}}\n`;
      const parsed = parsePlanText(yaml);
      expect(parsed.ok, expr).toBe(true);
      if (!parsed.ok) continue;
      const code = await outcome(drain(gen.generate({ planSource: { case: "plan", value: parsed.plan } })));
      expect(code, expr).toBe(Code.InvalidArgument);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await gen.listPlans({})).plans.length).toBeGreaterThan(0);
  });
});
