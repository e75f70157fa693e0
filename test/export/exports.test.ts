import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runExport } from "../../src/cli/export.js";
import {
  buildDictionary,
  buildLineage,
  buildMermaid,
  buildModel,
  columnNode,
  type LineageGraph,
  renderExport,
  tableNode,
} from "../../src/export/index.js";
import { compileCatalog } from "../catalog-integrity/helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function capture() {
  let out = "";
  let err = "";
  return {
    io: {
      stdout: { write: (s: string | Uint8Array) => (out += String(s)) },
      stderr: { write: (s: string) => (err += s) },
      env: {},
      cwd: ROOT,
    },
    out: () => out,
    err: () => err,
  };
}

describe("data dictionary", () => {
  it("lists every table, column, key and parent link of ecommerce", async () => {
    const plan = await compileCatalog("ecommerce", 0.01);
    const d = buildDictionary(buildModel(plan));
    expect(d.tables.map((t) => t.name)).toEqual(plan.tables.map((t) => t.name));
    const orders = d.tables.find((t) => t.name === "orders")!;
    expect(orders.primaryKey).toBe("order_id");
    expect(orders.parent).toEqual({ table: "customers", min: 0, max: 8 });
    expect(orders.foreignKeys).toEqual([
      { column: "customer_id", references: { table: "customers", column: "customer_id" }, via: "per_parent" },
    ]);
    const items = d.tables.find((t) => t.name === "order_items")!;
    expect(items.foreignKeys.map((f) => `${f.column}->${f.references.table}.${f.via}`).sort()).toEqual([
      "order_id->orders.per_parent",
      "product_id->products.foreign_key",
    ]);
    // Working columns are not output; every output column is described and typed.
    expect(orders.columns.map((c) => c.name)).not.toContain("delay_seconds");
    for (const t of d.tables)
      for (const c of t.columns) {
        expect(c.description, `${t.name}.${c.name}`).not.toBe("");
        expect(c.arrowType, `${t.name}.${c.name}`).not.toBe("");
      }
    const subtotal = orders.columns.find((c) => c.name === "subtotal")!;
    expect(subtotal).toMatchObject({ logicalType: "decimal(12,2)", generator: { kind: "aggregate" } });
    expect(subtotal.generator.params).toMatchObject({ table: "order_items", function: "sum" });
    expect(orders.columns.find((c) => c.name === "ordered_at")!.arrowType).toContain("Timestamp");
  });

  it("marks bronze tables and types their damaged columns as text", async () => {
    const d = buildDictionary(buildModel(await compileCatalog("ecommerce_bronze", 0.01)));
    const customers = d.tables.find((t) => t.name === "customers")!;
    expect(customers.bronze).toBe(true);
    expect(customers.columns.find((c) => c.name === "registered_at")!.logicalType).toBe("string");
    expect(customers.columns.at(-1)!.name).toBe("_defects");
    expect(d.tables.find((t) => t.name === "products")!.bronze).toBe(false);
  });
});

describe("lineage", () => {
  it("links tables and columns by per_parent, foreign_key, lookup, aggregate and expression", async () => {
    const plan = await compileCatalog("ecommerce", 0.01);
    const g = JSON.parse(renderExport(plan, "lineage", "json")) as LineageGraph;
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) {
      expect(ids.has(e.from), e.from).toBe(true);
      expect(ids.has(e.to), e.to).toBe(true);
    }
    const has = (from: string, to: string, kind: string) =>
      g.edges.some((e) => e.from === from && e.to === to && e.kind === kind);
    expect(has(tableNode("customers"), tableNode("orders"), "per_parent")).toBe(true);
    expect(
      has(columnNode("products", "product_id"), columnNode("order_items", "product_id"), "foreign_key"),
    ).toBe(true);
    expect(has(columnNode("products", "price"), columnNode("order_items", "unit_price"), "lookup")).toBe(
      true,
    );
    expect(
      has(columnNode("order_items", "product_id"), columnNode("order_items", "unit_price"), "lookup"),
    ).toBe(true);
    expect(has(columnNode("order_items", "quantity"), columnNode("orders", "subtotal"), "aggregate")).toBe(
      true,
    );
    expect(has(columnNode("orders", "subtotal"), columnNode("orders", "total"), "expression")).toBe(true);
    expect(has(columnNode("orders", "discount"), columnNode("orders", "total"), "expression")).toBe(true);
    expect(g.nodes.find((n) => n.id === columnNode("orders", "delay_seconds"))?.omitted).toBe(true);
    // YAML carries the same graph.
    expect(parse(renderExport(plan, "lineage", "yaml"))).toEqual(buildLineage(plan));
  });
});

describe("mermaid", () => {
  it("is an erDiagram with an entity per table and a relationship per foreign key", async () => {
    for (const name of ["ecommerce", "retail_star", "identity_graph", "tpch"]) {
      const model = buildModel(await compileCatalog(name, 0.01));
      const lines = buildMermaid(model).trimEnd().split("\n");
      expect(lines[0]).toBe("erDiagram");
      const entity = /^ {2}([A-Za-z0-9_]+) \{$/;
      const attr = /^ {4}[A-Za-z0-9_]+ [A-Za-z0-9_]+( (PK|FK|PK, FK))?( "[^"]*")?$/;
      const rel = /^ {2}([A-Za-z0-9_]+) \|\|--(o|\|)\{ ([A-Za-z0-9_]+) : "[^"]*"$/;
      let inEntity = false;
      const entities: string[] = [];
      const rels: string[] = [];
      for (const l of lines.slice(1)) {
        if (inEntity) {
          if (l === "  }") inEntity = false;
          else expect(l, `${name}: ${l}`).toMatch(attr);
          continue;
        }
        const e = entity.exec(l);
        if (e !== null) {
          entities.push(e[1]!);
          inEntity = true;
          continue;
        }
        const r = rel.exec(l);
        expect(r, `${name}: ${l}`).not.toBeNull();
        rels.push(`${r![1]}->${r![3]}`);
      }
      expect(entities).toEqual(model.tables.map((t) => t.name));
      expect(rels.sort()).toEqual(
        model.tables.flatMap((t) => t.foreignKeys.map((f) => `${f.table}->${t.name}`)).sort(),
      );
    }
  });
});

describe("synthstream export", () => {
  it("writes each kind to stdout or --out, and rejects bad flags", async () => {
    const ddl = capture();
    expect(await runExport(["tpch", "--as", "ddl-postgres", "--scale", "0.01"], ddl.io)).toBe(0);
    expect(ddl.out()).toContain("CREATE TABLE lineitem (");
    expect(ddl.out()).toContain("FOREIGN KEY (l_orderkey) REFERENCES orders (o_orderkey)");
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    try {
      const file = join(dir, "dict.yaml");
      const c = capture();
      expect(
        await runExport(["retail_star", "--as", "dictionary", "--format", "yaml", "--out", file], c.io),
      ).toBe(0);
      expect(c.out()).toBe("");
      const d = parse(await readFile(file, "utf8")) as { tables: { name: string }[] };
      expect(d.tables.map((t) => t.name)).toContain("transactions");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const bad = capture();
    expect(await runExport(["ecommerce", "--as", "pdf"], bad.io)).toBe(2);
    expect(bad.err()).toContain("--as must be one of");
    const missing = capture();
    expect(await runExport(["no_such_plan", "--as", "mermaid"], missing.io)).toBe(2);
  });
});
