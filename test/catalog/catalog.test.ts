import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isCatalogName, listCatalog, loadCatalogPlan } from "../../src/catalog/catalog.js";
import { compilePlan } from "../../src/compile/compile-plan.js";

describe("catalog", () => {
  it("lists and compiles the repo's plans", async () => {
    const names = (await listCatalog()).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["customers", "numeric"]));
    for (const name of ["customers", "numeric"]) {
      const load = await loadCatalogPlan(name);
      expect(load.status).toBe("ok");
      if (load.status === "ok") expect(compilePlan(load.plan).ok).toBe(true);
    }
    const numeric = await loadCatalogPlan("numeric");
    expect(numeric.status === "ok" && numeric.plan.tables[0]!.columns.length).toBe(8);
  });

  it("rejects names that could leave the directory", async () => {
    for (const bad of ["../package", "a/b", "..", "", "Customers", "x.yaml"]) {
      expect(isCatalogName(bad)).toBe(false);
      expect((await loadCatalogPlan(bad)).status).toBe("not_found");
    }
  });

  it("reports an invalid plan file with its violations and leaves it out of the list", async () => {
    const dir = await mkdtemp(join(tmpdir(), "catalog-"));
    await writeFile(join(dir, "broken.yaml"), "name: broken\ntables: [{name: t, rows: 1, colums: []}]\n");
    await writeFile(
      join(dir, "ok.yaml"),
      "name: ok\ndescription: fine\ntables: [{name: t, rows: 1, columns: [{name: id, sequence: {}}]}]\n",
    );
    const load = await loadCatalogPlan("broken", dir);
    expect(load.status).toBe("invalid");
    expect(load.status === "invalid" && load.violations[0]?.path).toContain("colums");
    expect(await listCatalog(dir)).toEqual([{ name: "ok", description: "fine", tables: ["t"] }]);
  });
});
