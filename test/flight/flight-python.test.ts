/**
 * Flight end to end with real Python clients: pyarrow.flight, grpcio (stubs generated from proto/),
 * DuckDB and Ray, against an in-process server on port 0. The Python side prints JSON findings.
 * Needs the test venv (scripts/ensure-python.sh); SYNTHSTREAM_SKIP_PYTHON=1 skips this file.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/create-server.js";
import { startServer } from "../server/helpers.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..", "..");
const PY_DIR = resolve(import.meta.dirname, "py");

/** The relational example plan (see test/kernels/relational.test.ts), as proto JSON. */
const FK_PLAN = {
  name: "shop",
  seed: 99,
  tables: [
    {
      name: "order_items",
      per_parent: { table: "orders", min: 1, max: 5 },
      columns: [
        { name: "item_id", sequence: {} },
        { name: "order_id", lookup: { via: "parent", column: "order_id" } },
        { name: "order_city", lookup: { via: "parent", column: "city" } },
      ],
    },
    {
      name: "orders",
      per_parent: { table: "customers", min: 0, max: 4 },
      primary_key: "order_id",
      columns: [
        { name: "order_id", sequence: {} },
        { name: "customer_id", lookup: { via: "parent", column: "id" } },
        { name: "city", lookup: { via: "parent", column: "city" } },
        { name: "product_id", foreign_key: { table: "products", choice: { zipf: { s: 1.1 } } } },
        { name: "any_customer", foreign_key: { table: "customers" } },
      ],
    },
    {
      name: "customers",
      rows: 3000,
      primary_key: "id",
      columns: [
        { name: "id", permutation: { start: 1 } },
        { name: "city", semantic: { kind: "city" } },
      ],
    },
    {
      name: "products",
      rows: 400,
      primary_key: "pid",
      columns: [
        { name: "pid", sequence: { start: 1000 } },
        { name: "tier", categorical: { values: ["A", "B", "C"] } },
      ],
    },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: JSON findings from the Python driver, asserted field by field.
type Json = Record<string, any>;

describe.skipIf(process.env.SYNTHSTREAM_SKIP_PYTHON === "1")("Flight with Python clients", () => {
  let python = "";
  let server: RunningServer;
  let dir = "";
  const location = () => `grpc+tcp://127.0.0.1:${server.port}`;
  const py = async (script: string, args: string[]): Promise<Json> => {
    const { stdout } = await run(python, [join(PY_DIR, script), ...args], {
      cwd: ROOT,
      maxBuffer: 16 << 20,
      timeout: 240_000,
    });
    const last = stdout.trim().split("\n").at(-1) ?? "";
    return JSON.parse(last) as Json;
  };

  beforeAll(async () => {
    // Builds the venv on first use (minutes); later runs only print its path.
    const { stdout } = await run("bash", [join(ROOT, "scripts", "ensure-python.sh")], { timeout: 900_000 });
    python = stdout.trim();
    dir = mkdtempSync(join(tmpdir(), "synthstream-flight-"));
    writeFileSync(join(dir, "plan.json"), JSON.stringify(FK_PLAN));
    server = await startServer({ workers: 0 });
  }, 900_000);

  afterAll(async () => {
    await server?.shutdown();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("lists, plans, streams every endpoint, matches Generate, keeps FKs and maps bad input to codes", async () => {
    const out = await py("flight_checks.py", [location(), join(dir, "plan.json"), join(dir, "stubs")]);
    expect(out.flights).toEqual(expect.arrayContaining(["customers/customers", "numeric/numbers"]));
    expect(out.listed_endpoint_locations).toEqual([location()]);
    expect(out.criteria.empty).toBe(true);
    expect(out.criteria.plan).toEqual([
      "ecommerce/customers",
      "ecommerce/products",
      "ecommerce/orders",
      "ecommerce/order_items",
    ]);
    expect(out.criteria.prefix).toHaveLength(8); // ecommerce and ecommerce_bronze
    expect(out.criteria.table_prefix).toEqual(["ecommerce/orders", "ecommerce/order_items"]);
    expect(out.criteria.none).toEqual([]);
    expect(out.criteria.not_utf8.message).toMatch(/invalid argument error.*criteria\.expression/);
    expect(out.schema_matches_info).toBe(true);
    expect(out.customers_endpoints).toBe(4);
    expect(out.customers_endpoint_rows).toEqual([30000, 30000, 30000, 10000]);
    expect(out.customers_total_records).toBe(100000);
    expect(out.customers_ordered).toBe(true);
    expect(out.customers_rows).toBe(100000);
    expect(out.customers_ids_in_order).toBe(true);
    expect(out.customers_schema_from_doget_equals_info).toBe(true);

    expect(Object.keys(out.tables).sort()).toEqual(["customers", "order_items", "orders", "products"]);
    for (const [name, t] of Object.entries<Json>(out.tables)) {
      expect(t.equals_generate, name).toBe(true);
      expect(
        Object.values(t.columns_equal).every((v) => v === true),
        name,
      ).toBe(true);
      expect(t.parallel_equals_sequential, name).toBe(true);
    }
    expect(out.tables.customers.rows).toBe(3000);
    expect(out.tables.order_items.endpoints).toBeGreaterThan(1);
    expect(out.orphans).toEqual({
      "orders.customer_id": 0,
      "orders.product_id": 0,
      "orders.any_customer": 0,
      "order_items.order_id": 0,
    });
    expect(out.lookup_mismatches).toBe(0);
    expect(out.joined_items).toBe(out.tables.order_items.rows);

    const invalid = /invalid argument error/;
    const notFound = /not found error/;
    const e = out.errors;
    expect(e.garbage_ticket.message).toMatch(invalid);
    expect(e.unknown_plan_ticket.message).toMatch(notFound);
    expect(e.out_of_range_ticket.message).toMatch(invalid);
    expect(e.out_of_range_ticket.message).toMatch(/outside "numbers"/);
    expect(e.unknown_plan_path.message).toMatch(notFound);
    expect(e.unknown_table_path.message).toMatch(notFound);
    expect(e.unknown_table_path.message).toMatch(
      /descriptor\.table: unknown table "custmers" \(did you mean "customers"\?\)/,
    );
    expect(e.unknown_table_ticket.message).toMatch(notFound);
    expect(e.unknown_table_ticket.message).toMatch(/ticket\.table: unknown table "nope"/);
    expect(e.bad_path_part.message).toMatch(invalid);
    expect(e.garbage_cmd.message).toMatch(invalid);
    expect(e.bad_plan_cmd.message).toMatch(invalid);
    expect(e.unknown_action.message).toMatch(invalid);
    expect(out.after_errors_rows).toBeGreaterThan(0);

    expect(out.actions).toEqual(["describe", "validate"]);
    expect(out.validate_ok).toEqual({ valid: true, violations: [] });
    expect(out.validate_bad.valid).toBe(false);
    expect(out.validate_bad.violations[0].field).toBe("plan.tables[0].columns");
    expect(out.describe_tables).toEqual(["customers", "products", "orders", "order_items"]);

    const rows = await server.metrics.rowsStreamed.get();
    const flightRows = rows.values.find((v) => v.labels.transport === "flight")?.value ?? 0;
    expect(flightRows).toBeGreaterThanOrEqual(200_000 + 3000);
    // pyarrow's DoGet calls (binary gRPC over HTTP/2) took the direct write path.
    expect(server.directStreams.served).toBeGreaterThan(10);
    expect((await server.metrics.activeStreams.get()).values[0]?.value).toBe(0);
  }, 300_000);

  it("a Ray job reading every endpoint in parallel tasks equals the single stream", async () => {
    const out = await py("ray_check.py", [location()]);
    expect(out.endpoints).toBe(4);
    expect(out.rows).toBe(100000);
    expect(out.equal).toBe(true);
  }, 300_000);
});
